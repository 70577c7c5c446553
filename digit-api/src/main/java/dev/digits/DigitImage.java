package dev.digits;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Immutable picture as {@code width × height × channels} floats in [0, 1], stored row by row with the
 * channels of a pixel next to each other. MNIST form is 28×28×1 with ink = 1 and background = 0.
 */
public final class DigitImage {
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    /** Side of an MNIST picture. */
    public static final int MNIST_SIZE = 28;

    private final int width;
    private final int height;
    private final int channels;
    private final float[] pixels;

    private DigitImage(int width, int height, int channels, float[] pixels) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    /**
     * A picture from floats in [0, 1] (copied).
     *
     * @throws BadImageException when the sizes do not match the array or a value lies outside [0, 1]
     */
    public static DigitImage of(int width, int height, int channels, float[] pixels) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new BadImageException("Image dimensions must be positive, got " + width + "x" + height + "x" + channels);
        }
        if (pixels == null || pixels.length != (long) width * height * channels) {
            throw new BadImageException("Expected " + ((long) width * height * channels) + " pixel values for "
                    + width + "x" + height + "x" + channels + ", got " + (pixels == null ? "null" : pixels.length));
        }
        float[] copy = pixels.clone();
        // Without a branch per value, on the values' bit patterns as whole numbers: a float in [0, 1] has its
        // pattern in [0, 1.0f's], so a negative value (or -0) sets the sign bit of its pattern, and a larger one
        // (or NaN) that of 1.0f's pattern minus its own. The check then costs next to nothing beside the copy, even
        // on the pass-through of pictures already in MNIST form; the slow loop below names the value at fault.
        int signs = 0;
        for (float v : copy) {
            int bits = Float.floatToRawIntBits(v);
            signs |= bits | (ONE_BITS - bits);
        }
        if (signs < 0) {
            for (int i = 0; i < copy.length; i++) {
                float v = copy[i];
                if (!(v >= 0f && v <= 1f)) {
                    throw new BadImageException("Pixel " + i + " is " + v + "; values must lie in [0, 1] (divide bytes by 255)");
                }
            }
        }
        return new DigitImage(width, height, channels, copy);
    }

    /** A 28×28 MNIST-form picture from 784 floats in [0, 1], ink = 1 (copied). */
    public static DigitImage mnist(float[] pixels) {
        return of(MNIST_SIZE, MNIST_SIZE, 1, pixels);
    }

    /**
     * A grayscale picture from unsigned bytes (0..255 mapped to 0..1), as stored in MNIST's IDX files.
     *
     * @param offset index of the first byte of the picture in {@code bytes}
     */
    public static DigitImage fromBytes(byte[] bytes, int offset, int width, int height) {
        int n = width * height;
        if (offset < 0 || offset + n > bytes.length) {
            throw new BadImageException("Byte array of length " + bytes.length + " has no " + width + "x" + height
                    + " picture at offset " + offset);
        }
        float[] pixels = new float[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = (bytes[offset + i] & 0xff) / 255f;
        }
        return new DigitImage(width, height, 1, pixels);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** Whether this is a 28×28 single-channel picture. */
    public boolean isMnistForm() {
        return width == MNIST_SIZE && height == MNIST_SIZE && channels == 1;
    }

    /** The value of one channel of one pixel. */
    public float pixel(int x, int y, int channel) {
        return pixels[(y * width + x) * channels + channel];
    }

    /** A copy of all values, row by row, channels interleaved. */
    public float[] pixels() {
        return pixels.clone();
    }

    /** Copies the values into {@code target} at {@code offset}, without allocating. */
    public void copyPixelsTo(float[] target, int offset) {
        System.arraycopy(pixels, 0, target, offset, pixels.length);
    }

    /** An 8-bit picture of this one (grayscale for one channel, RGB for three; other counts use the first channel). */
    public BufferedImage toBufferedImage() {
        boolean rgb = channels == 3;
        BufferedImage image = new BufferedImage(width, height, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (rgb) {
                    for (int c = 0; c < 3; c++) {
                        raster.setSample(x, y, c, Math.round(pixel(x, y, c) * 255f));
                    }
                } else {
                    raster.setSample(x, y, 0, Math.round(pixel(x, y, 0) * 255f));
                }
            }
        }
        return image;
    }

    /**
     * The largest absolute difference between this picture's values and another's of the same size.
     *
     * @throws IllegalArgumentException when the sizes differ
     */
    public float maxDifference(DigitImage other) {
        if (width != other.width || height != other.height || channels != other.channels) {
            throw new IllegalArgumentException("Cannot compare " + this + " with " + other);
        }
        float worst = 0;
        for (int i = 0; i < pixels.length; i++) {
            worst = Math.max(worst, Math.abs(pixels[i] - other.pixels[i]));
        }
        return worst;
    }

    /**
     * Single-channel pictures of one size side by side in rows of {@code columns}, {@code gap} black pixels apart
     * (light ink on black, as MNIST shows them): a sample grid.
     *
     * @throws IllegalArgumentException when there are none, they differ in size, or columns or gap is out of range
     */
    public static BufferedImage grid(java.util.List<DigitImage> pictures, int columns, int gap) {
        if (pictures.isEmpty() || columns < 1 || gap < 0) {
            throw new IllegalArgumentException("A grid needs pictures, at least one column and a gap of 0 or more");
        }
        int w = pictures.get(0).width;
        int h = pictures.get(0).height;
        int rows = (pictures.size() + columns - 1) / columns;
        int shown = Math.min(columns, pictures.size());
        BufferedImage grid = new BufferedImage(shown * w + (shown + 1) * gap, rows * h + (rows + 1) * gap,
                BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = grid.getRaster();
        for (int i = 0; i < pictures.size(); i++) {
            DigitImage picture = pictures.get(i);
            if (picture.width != w || picture.height != h || picture.channels != 1) {
                throw new IllegalArgumentException("Picture " + i + " is " + picture + "; a grid takes single-channel pictures"
                        + " of " + w + "x" + h);
            }
            int left = gap + (i % columns) * (w + gap);
            int top = gap + (i / columns) * (h + gap);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(left + x, top + y, 0, Math.round(picture.pixel(x, y, 0) * 255f));
                }
            }
        }
        return grid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigitImage other && width == other.width && height == other.height
                && channels == other.channels && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "DigitImage[" + width + "x" + height + "x" + channels + "]";
    }
}
