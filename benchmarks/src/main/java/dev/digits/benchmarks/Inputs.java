package dev.digits.benchmarks;

import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The benchmarks' inputs, made in {@code @Setup} from ten real MNIST test digits (the first of each class in
 * {@code t10k}, kept in {@code mnist-test-0-9.png}) so that no data has to be downloaded and every run sees the
 * same pixels. A "photo" is one of them enlarged to about 60% of the picture's height, smoothly interpolated
 * like a pen stroke, in dark blue ink on paper lit unevenly (a corner-to-corner shade) with a little sensor
 * noise: what a phone photo of a digit looks like to the preprocessing, which must find, clean and centre it.
 */
final class Inputs {
    private static final String DIGITS = "mnist-test-0-9.png";
    private static final int SIDE = DigitImage.MNIST_SIZE;

    private Inputs() {
    }

    /** The ten MNIST digits, 0 to 9, as 28×28 gray pictures (ink light on dark, as in MNIST). */
    static BufferedImage[] mnistPictures() {
        BufferedImage strip = strip();
        BufferedImage[] digits = new BufferedImage[10];
        for (int d = 0; d < 10; d++) {
            BufferedImage digit = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
            digit.getRaster().setDataElements(0, 0, SIDE, SIDE, strip.getRaster().getDataElements(d * SIDE, 0, SIDE, SIDE, null));
            digits[d] = digit;
        }
        return digits;
    }

    /** {@code count} MNIST-form images cycling through the ten digits. */
    static List<DigitImage> mnistImages(int count) {
        BufferedImage strip = strip();
        byte[] bytes = new byte[SIDE * SIDE];
        List<DigitImage> digits = new ArrayList<>(10);
        for (int d = 0; d < 10; d++) {
            strip.getRaster().getDataElements(d * SIDE, 0, SIDE, SIDE, bytes);
            digits.add(DigitImage.fromBytes(bytes, 0, SIDE, SIDE));
        }
        List<DigitImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(digits.get(i % 10));
        }
        return images;
    }

    /**
     * A photo-like RGB picture of {@code digit}: the digit about 60% of the height, off centre, on shaded,
     * slightly noisy paper. The same arguments give the same pixels.
     */
    static BufferedImage photo(int digit, int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage source = mnistPictures()[digit];
        int digitSide = (int) (height * 0.6);
        int left = (int) (width * 0.4) - digitSide / 2;
        int top = (int) (height * 0.45) - digitSide / 2;
        double scale = (double) SIDE / digitSide;
        int[] row = new int[width];
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Light falls off from the top left corner to about 70% in the bottom right one.
                double light = 0.95 - 0.25 * ((double) x / width + (double) y / height) / 2;
                double ink = 0;
                int dx = x - left;
                int dy = y - top;
                if (dx >= 0 && dy >= 0 && dx < digitSide && dy < digitSide) {
                    ink = bilinear(source, (dx + 0.5) * scale - 0.5, (dy + 0.5) * scale - 0.5);
                }
                double noise = random.nextGaussian() * 0.02;
                int r = channel(light * (1 - ink) + 0.10 * ink * light + noise);
                int g = channel(light * (1 - ink) + 0.12 * ink * light + noise);
                int b = channel(light * 0.97 * (1 - ink) + 0.35 * ink * light + noise);
                row[x] = r << 16 | g << 8 | b;
            }
            photo.setRGB(0, y, width, 1, row, 0, width);
        }
        return photo;
    }

    /** Writes {@code picture} as a JPEG of the given quality (0 to 1) to a new temporary file. */
    static Path jpegFile(BufferedImage picture, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            Path file = Files.createTempFile("digits-benchmark-", ".jpg");
            file.toFile().deleteOnExit();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(picture, null, null), param);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage strip() {
        try (InputStream in = Inputs.class.getResourceAsStream(DIGITS)) {
            if (in == null) {
                throw new IllegalStateException(DIGITS + " is missing from the benchmark jar");
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gray value at a fractional position, 0 to 1, 0 outside the picture. */
    private static double bilinear(BufferedImage gray, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = at(gray, x0, y0) * (1 - fx) + at(gray, x0 + 1, y0) * fx;
        double bottom = at(gray, x0, y0 + 1) * (1 - fx) + at(gray, x0 + 1, y0 + 1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double at(BufferedImage gray, int x, int y) {
        if (x < 0 || y < 0 || x >= gray.getWidth() || y >= gray.getHeight()) {
            return 0;
        }
        return gray.getRaster().getSample(x, y, 0) / 255.0;
    }

    private static int channel(double value) {
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
