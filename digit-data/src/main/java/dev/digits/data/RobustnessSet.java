package dev.digits.data;

import dev.digits.DigitsException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A synthetic set of "real-looking" pictures made from MNIST test digits: each digit is enlarged and
 * placed on a large canvas at a random place and size, then one {@link Corruption} is applied. The same
 * seed gives the same pictures. Only MNIST test digits are used, so a model trained on MNIST's training
 * set never saw them.
 */
public final class RobustnessSet {
    private final DigitDataset digits;
    private final long seed;

    /**
     * @param digits the source digits (MNIST's test set)
     * @param seed   fixes which digits are used and every random choice
     */
    public RobustnessSet(DigitDataset digits, long seed) {
        this.digits = digits;
        this.seed = seed;
    }

    /** One picture with its true digit. */
    public record Sample(Corruption corruption, int sourceIndex, int label, BufferedImage picture) {
    }

    /** Makes {@code perCorruption} pictures of each corruption and hands them to {@code sink} one by one. */
    public void generate(int perCorruption, Consumer<Sample> sink) {
        for (Corruption corruption : Corruption.values()) {
            generate(corruption, perCorruption, sink);
        }
    }

    /** Makes {@code count} pictures of one corruption; they do not depend on what else is generated. */
    public void generate(Corruption corruption, int count, Consumer<Sample> sink) {
        Random random = new Random(seed * 31 + corruption.ordinal());
        for (int i = 0; i < count; i++) {
            int index = random.nextInt(digits.size());
            sink.accept(new Sample(corruption, index, digits.label(index), render(index, corruption, random)));
        }
    }

    private BufferedImage render(int index, Corruption corruption, Random random) {
        if (corruption == Corruption.SMALL_THIN_DIGIT) {
            return smallThinPen(index, random);
        }
        int canvasWidth = 240 + random.nextInt(560);
        int canvasHeight = 240 + random.nextInt(560);
        int digitHeight = (int) (Math.min(canvasWidth, canvasHeight) * (0.25 + 0.6 * random.nextDouble()));
        float[] ink = Drawing.placeDigit(digits, index, canvasWidth, canvasHeight, digitHeight,
                corruption == Corruption.ROTATION ? (random.nextDouble() * 2 - 1) * 15 : 0, random);
        switch (corruption) {
            // MNIST's pen is about a tenth of the digit's height: thin goes to about half that, thick to twice.
            case THIN_STROKES -> ink = Drawing.strokes(ink, canvasWidth, canvasHeight, -Math.max(1, digitHeight / 40));
            case THICK_STROKES -> ink = Drawing.strokes(ink, canvasWidth, canvasHeight, Math.max(2, digitHeight / 20));
            case BLUR -> ink = Drawing.blur(ink, canvasWidth, canvasHeight, Math.max(1.5, digitHeight / 40.0));
            default -> { }
        }
        float[] paper = {1f, 1f, 1f};
        float[] pen = {0.05f, 0.05f, 0.08f};
        if (corruption == Corruption.LIGHT_ON_DARK) {
            paper = new float[]{0.08f, 0.08f, 0.1f};
            pen = new float[]{0.95f, 0.95f, 0.95f};
        } else if (corruption == Corruption.COLOURED_PAPER) {
            paper = new float[]{0.95f, 0.85f + 0.1f * random.nextFloat(), 0.55f + 0.2f * random.nextFloat()};
            pen = new float[]{0.1f, 0.15f, 0.55f + 0.2f * random.nextFloat()};
        }
        float[] rgb = Drawing.paint(ink, canvasWidth, canvasHeight, paper, pen);
        switch (corruption) {
            case SHADED_PAPER -> Drawing.shade(rgb, canvasWidth, canvasHeight, random);
            case NOISE -> Drawing.noise(rgb, 0.12f, random);
            case RULED_PAPER -> Drawing.ruledLines(rgb, canvasWidth, canvasHeight, random);
            case SPECKS -> Drawing.specks(rgb, canvasWidth, canvasHeight, digitHeight, random);
            default -> { }
        }
        BufferedImage picture = Drawing.toImage(rgb, canvasWidth, canvasHeight);
        return corruption == Corruption.JPEG ? jpeg(picture, 0.15f + 0.15f * random.nextFloat()) : picture;
    }

    /** See {@link Corruption#SMALL_THIN_DIGIT}. */
    private BufferedImage smallThinPen(int index, Random random) {
        int canvasWidth = 640 + random.nextInt(640);
        int canvasHeight = 480 + random.nextInt(480);
        int digitHeight = Math.max(12, (int) (canvasHeight * (0.05 + 0.10 * random.nextDouble())));
        float pen = 1 + 3 * random.nextFloat();
        float[] ink = PenDrawing.draw(digits, index, canvasWidth, canvasHeight, digitHeight, pen, random.nextBoolean(), random);
        boolean photo = random.nextBoolean();
        float[] paper = photo ? new float[]{0.9f, 0.86f + 0.08f * random.nextFloat(), 0.75f + 0.15f * random.nextFloat()}
                : new float[]{1f, 1f, 1f};
        float[] rgb = Drawing.paint(ink, canvasWidth, canvasHeight, paper, new float[]{0.05f, 0.05f, 0.08f});
        if (photo) {
            Drawing.shade(rgb, canvasWidth, canvasHeight, random);
            Drawing.noise(rgb, 0.03f, random);
        }
        return Drawing.toImage(rgb, canvasWidth, canvasHeight);
    }

    /** The picture after a JPEG round trip at {@code quality} (0..1), as a camera or messenger would leave it. */
    static BufferedImage jpeg(BufferedImage picture, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(picture, null, null), param);
            }
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new DigitsException("JPEG round trip failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }
}
