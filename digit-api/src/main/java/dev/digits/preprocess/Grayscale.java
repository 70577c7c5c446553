package dev.digits.preprocess;

import dev.digits.BadImageException;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Gray values in [0, 1] (0 = black) read straight from a picture's raster, optionally shrunk by an
 * integer factor with block averaging in the same pass. {@link BufferedImage#getRGB} would pass gray
 * pictures through a gamma curve and brighten them, and is slow.
 *
 * <p>Transparent pixels are laid over white, unless the opaque part of the picture is mostly light
 * (light strokes on a transparent canvas), in which case they are laid over black.
 *
 * <p>Opaque pictures of more than a megapixel are read in parallel bands of rows on the common fork-join
 * pool: the values do not depend on it, and a phone photo is then read in about half the time on two cores.
 */
final class Grayscale {
    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;
    /** Pictures larger than this are read in parallel bands. */
    private static final long PARALLEL_PIXELS = 1L << 20;

    private Grayscale() {
    }

    /** A gray plane at full size. */
    public static GrayPlane of(BufferedImage picture) {
        return reduced(picture, 1);
    }

    /** A gray plane shrunk by {@code factor} (each value the mean of a {@code factor × factor} block). */
    public static GrayPlane reduced(BufferedImage picture, int factor) {
        if (picture == null) {
            throw new BadImageException("No picture given (null): the file may not be in a format Java can decode"
                    + " (PNG, JPEG, GIF, BMP)");
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
        int width = picture.getWidth();
        int height = picture.getHeight();
        int outWidth = Math.max(1, width / factor);
        int outHeight = Math.max(1, height / factor);
        Accumulator acc = new Accumulator(outWidth, outHeight, factor, width, height);
        Raster raster = picture.getRaster();
        SampleModel model = raster.getSampleModel();
        DataBuffer buffer = raster.getDataBuffer();
        boolean hasAlpha = picture.getColorModel().hasAlpha();
        // The fast opaque paths read whole factor × factor blocks; a picture thinner than the factor (300×1 at
        // factor 20) has none, and they would read past its data. The general paths add partial blocks.
        boolean wholeBlocks = width >= factor && height >= factor;
        if (picture.getColorModel() instanceof IndexColorModel || raster.getParent() != null) {
            readArgb(picture, acc);
        } else if (!wholeBlocks) {
            readSamples(raster, hasAlpha, acc);
        } else if (buffer instanceof DataBufferByte bytes && model instanceof ComponentSampleModel components
                && buffer.getNumBanks() == 1 && model.getSampleSize(0) == 8) {
            readBytes(bytes.getData(), components, raster.getNumBands(), hasAlpha, acc);
        } else if (buffer instanceof DataBufferInt ints && model instanceof SinglePixelPackedSampleModel packed
                && (picture.getType() == BufferedImage.TYPE_INT_RGB || picture.getType() == BufferedImage.TYPE_INT_ARGB)) {
            readInts(ints.getData(), packed.getScanlineStride(), picture.getType() == BufferedImage.TYPE_INT_ARGB, acc);
        } else {
            readSamples(raster, hasAlpha, acc);
        }
        return acc.finish();
    }

    private static void readBytes(byte[] data, ComponentSampleModel model, int bands, boolean hasAlpha, Accumulator acc) {
        int pixelStride = model.getPixelStride();
        int scanline = model.getScanlineStride();
        int[] offsets = model.getBandOffsets();
        if (!hasAlpha) {
            readOpaqueBytes(data, pixelStride, scanline, offsets, bands >= 3, acc);
            return;
        }
        for (int y = 0; y < acc.usedHeight; y++) {
            int row = y * scanline;
            for (int x = 0; x < acc.usedWidth; x++) {
                int i = row + x * pixelStride;
                float gray = bands >= 3
                        ? (R * (data[i + offsets[0]] & 0xff) + G * (data[i + offsets[1]] & 0xff) + B * (data[i + offsets[2]] & 0xff)) / 255f
                        : (data[i + offsets[0]] & 0xff) / 255f;
                acc.add(x, y, gray, (data[i + offsets[bands - 1]] & 0xff) / 255f);
            }
        }
    }

    /**
     * The common case (JPEG photos, gray scans) in integer arithmetic, one block row at a time. Blocks of
     * 4 pixels or more are averaged over every other row and column: a quarter of the memory traffic,
     * and still an average over the block, not a point sample.
     */
    private static void readOpaqueBytes(byte[] data, int pixelStride, int scanline, int[] offsets, boolean colour,
                                        Accumulator acc) {
        int factor = acc.factor;
        int step = factor >= 4 ? 2 : 1;
        int samples = (factor / step) * (factor / step);
        int outWidth = acc.outWidth;
        int r = offsets[0];
        int g = colour ? offsets[1] : 0;
        int b = colour ? offsets[2] : 0;
        int pixelStep = pixelStride * step;
        inBands(acc, (fromRow, toRow) -> {
            long[] sums = new long[outWidth];
            for (int oy = fromRow; oy < toRow; oy++) {
                java.util.Arrays.fill(sums, 0);
                for (int y = oy * factor; y < (oy + 1) * factor - step + 1; y += step) {
                    int row = y * scanline;
                    for (int ox = 0; ox < outWidth; ox++) {
                        int i = row + ox * factor * pixelStride;
                        long sum = 0;
                        for (int k = 0; k < factor / step; k++, i += pixelStep) {
                            sum += colour ? 77 * (data[i + r] & 0xff) + 150 * (data[i + g] & 0xff) + 29 * (data[i + b] & 0xff)
                                    : (long) (data[i + r] & 0xff) << 8;
                        }
                        sums[ox] += sum;
                    }
                }
                acc.storeRow(oy, sums, samples);
            }
        });
    }

    /**
     * Runs {@code work} over the output rows: in parallel bands (the common fork-join pool) for pictures of
     * more than {@value #PARALLEL_PIXELS} pixels, where reading the picture dominates the preprocessing.
     */
    private static void inBands(Accumulator acc, RowBand work) {
        long pixels = (long) acc.usedWidth * acc.usedHeight;
        int bands = pixels > PARALLEL_PIXELS ? Math.min(acc.outHeight, 4 * Runtime.getRuntime().availableProcessors()) : 1;
        if (bands <= 1) {
            work.run(0, acc.outHeight);
            return;
        }
        java.util.stream.IntStream.range(0, bands).parallel()
                .forEach(band -> work.run(band * acc.outHeight / bands, (band + 1) * acc.outHeight / bands));
    }

    /** Output rows {@code fromRow} (inclusive) to {@code toRow} (exclusive) of a reduction. */
    @FunctionalInterface
    private interface RowBand {
        void run(int fromRow, int toRow);
    }

    private static void readInts(int[] data, int scanline, boolean hasAlpha, Accumulator acc) {
        if (!hasAlpha) {
            readOpaqueInts(data, scanline, acc);
            return;
        }
        for (int y = 0; y < acc.usedHeight; y++) {
            int row = y * scanline;
            for (int x = 0; x < acc.usedWidth; x++) {
                int argb = data[row + x];
                acc.add(x, y, grayOf(argb), hasAlpha ? (argb >>> 24) / 255f : 1f);
            }
        }
    }

    /** {@link #readOpaqueBytes} for packed RGB pixels (pictures drawn with Java2D, PNGs decoded as ints). */
    private static void readOpaqueInts(int[] data, int scanline, Accumulator acc) {
        int factor = acc.factor;
        int step = factor >= 4 ? 2 : 1;
        int samples = (factor / step) * (factor / step);
        int outWidth = acc.outWidth;
        inBands(acc, (fromRow, toRow) -> {
            long[] sums = new long[outWidth];
            for (int oy = fromRow; oy < toRow; oy++) {
                java.util.Arrays.fill(sums, 0);
                for (int y = oy * factor; y < (oy + 1) * factor - step + 1; y += step) {
                    int row = y * scanline;
                    for (int ox = 0; ox < outWidth; ox++) {
                        int i = row + ox * factor;
                        long sum = 0;
                        for (int k = 0; k < factor / step; k++, i += step) {
                            int rgb = data[i];
                            sum += 77 * ((rgb >> 16) & 0xff) + 150 * ((rgb >> 8) & 0xff) + 29 * (rgb & 0xff);
                        }
                        sums[ox] += sum;
                    }
                }
                acc.storeRow(oy, sums, samples);
            }
        });
    }

    private static void readSamples(Raster raster, boolean hasAlpha, Accumulator acc) {
        int bands = raster.getNumBands();
        int colorBands = hasAlpha ? bands - 1 : bands;
        float[] max = new float[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << raster.getSampleModel().getSampleSize(b)) - 1;
        }
        float[] row = new float[acc.usedWidth * bands];
        for (int y = 0; y < acc.usedHeight; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, acc.usedWidth, 1, row);
            for (int x = 0; x < acc.usedWidth; x++) {
                int i = x * bands;
                float gray = colorBands >= 3
                        ? R * row[i] / max[0] + G * row[i + 1] / max[1] + B * row[i + 2] / max[2]
                        : row[i] / max[0];
                acc.add(x, y, Math.min(1f, gray), hasAlpha ? row[i + bands - 1] / max[bands - 1] : 1f);
            }
        }
    }

    private static void readArgb(BufferedImage picture, Accumulator acc) {
        int[] row = new int[acc.usedWidth];
        for (int y = 0; y < acc.usedHeight; y++) {
            picture.getRGB(0, y, acc.usedWidth, 1, row, 0, acc.usedWidth);
            for (int x = 0; x < acc.usedWidth; x++) {
                acc.add(x, y, grayOf(row[x]), (row[x] >>> 24) / 255f);
            }
        }
    }

    private static float grayOf(int rgb) {
        return (R * ((rgb >> 16) & 0xff) + G * ((rgb >> 8) & 0xff) + B * (rgb & 0xff)) / 255f;
    }

    /** Sums gray × alpha and alpha per block; transparency is resolved once the whole picture is seen. */
    private static final class Accumulator {
        final int outWidth;
        final int outHeight;
        final int factor;
        final int usedWidth;
        final int usedHeight;
        final float[] grayAlpha;
        final float[] alpha;
        boolean translucent;

        Accumulator(int outWidth, int outHeight, int factor, int width, int height) {
            this.outWidth = outWidth;
            this.outHeight = outHeight;
            this.factor = factor;
            this.usedWidth = Math.min(width, outWidth * factor);
            this.usedHeight = Math.min(height, outHeight * factor);
            this.grayAlpha = new float[outWidth * outHeight];
            this.alpha = new float[outWidth * outHeight];
        }

        void add(int x, int y, float gray, float a) {
            int i = (y / factor) * outWidth + x / factor;
            grayAlpha[i] += gray * a;
            alpha[i] += a;
            if (a < 1f) {
                translucent = true;
            }
        }

        /** Stores a row of block sums of {@code samples} gray values ×256 each, as full opaque blocks. */
        void storeRow(int oy, long[] sums, int samples) {
            for (int ox = 0; ox < outWidth; ox++) {
                // A division, not a multiplication by a reciprocal, keeps 255 exactly 1.0.
                grayAlpha[oy * outWidth + ox] = sums[ox] / (255f * 256f * samples) * (factor * factor);
                alpha[oy * outWidth + ox] = factor * factor;
            }
        }

        GrayPlane finish() {
            int xs = usedWidth / outWidth;
            int ys = usedHeight / outHeight;
            float area = (float) xs * ys;
            float[] values = new float[grayAlpha.length];
            if (!translucent) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = grayAlpha[i] / area;
                }
                return new GrayPlane(values, outWidth, outHeight);
            }
            double opaqueGray = 0;
            double opaque = 0;
            for (int i = 0; i < values.length; i++) {
                opaqueGray += grayAlpha[i];
                opaque += alpha[i];
            }
            float under = opaque > 0 && opaqueGray / opaque > 0.5 ? 0f : 1f;
            for (int i = 0; i < values.length; i++) {
                values[i] = (grayAlpha[i] + under * (area - alpha[i])) / area;
            }
            return new GrayPlane(values, outWidth, outHeight);
        }
    }
}
