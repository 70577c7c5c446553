package dev.digits.preprocess;

import dev.digits.Box;
import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The pass-through of a picture already in MNIST form, without the cleaning before it: a 28×28 8-bit gray picture,
 * light ink on a dark ground, read straight from its bytes. Gives what {@link Cleaner#clean} would pass through,
 * bit for bit, in a fraction of its time, or null when the picture is not plainly such a picture (then
 * {@link Cleaner#clean} decides).
 *
 * <p>It takes only pictures whose polarity {@link Polarity#darkInk} cannot call dark ink: at least 60% of the
 * pixels at most 0.05 (the median is dark) and at least 2% at 0.5 or more (the 99th percentile is bright), so the
 * gray levels' tails say light ink by far more than its 10% margin.
 *
 * <p>Everything is what {@code Cleaner.mnistForm(float[])} computes on these bytes' values, bit for bit, but on the
 * bytes: a stretched value depends on the byte alone, so a table of at most 256 values replaces 784 computations,
 * and each threshold on stretched values is a threshold on bytes (the stretch never decreases). Black pixels,
 * four fifths of an MNIST digit, change none of the results (they stretch to 0, and 0 added to a positive sum
 * leaves it as it is), so both passes skip them eight at a time.
 */
final class PassThrough {
    private static final int SIZE = DigitImage.MNIST_SIZE;
    /** Eight bytes at once, in either byte order: only whether they are all zero matters. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Each byte's value as Grayscale reads an 8-bit gray pixel at factor 1: the correctly rounded byte / 255. */
    private static final float[] BYTE_VALUES = new float[256];
    /** Bits of each of the two counts packed in one int: 784 pixels need 10. */
    private static final int COUNT_BITS = 10;
    private static final int COUNTS = (1 << 2 * COUNT_BITS) - 1;
    private static final int MASK_SHIFT = 2 * COUNT_BITS;
    private static final int MASK_BIT = 1 << MASK_SHIFT;

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_VALUES[b] = b / 255f;
        }
    }

    private PassThrough() {
    }

    /** The picture in MNIST form as {@link Cleaner#clean} would pass it through, or null (see the class comment). */
    static Cleaner.MnistForm mnistForm(BufferedImage picture) {
        if (picture == null || picture.getWidth() != SIZE || picture.getHeight() != SIZE
                || picture.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            return null;
        }
        Raster raster = picture.getRaster();
        if (raster.getParent() != null || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1 || !(raster.getSampleModel() instanceof ComponentSampleModel model)
                || model.getPixelStride() != 1) {
            return null;
        }
        byte[] bytes = buffer.getData();
        int scanline = model.getScanlineStride();
        int offset = buffer.getOffset() + model.getBandOffsets()[0];
        if (offset < 0 || scanline < SIZE || offset + (SIZE - 1) * scanline + SIZE > bytes.length) {
            return null;
        }
        int maxByte = lightInkMax(bytes, offset, scanline);
        if (maxByte < 0) {
            return null;
        }
        float background = borderMean(bytes, offset, scanline);
        float max = BYTE_VALUES[maxByte];
        if (background > 0.15f || max - background < 0.2f) {
            return null;
        }
        return stretch(bytes, offset, scanline, maxByte, background, 1f / (max - background));
    }

    /** The brightest byte, or -1 unless the dark and bright shares say light ink on a dark ground plainly. */
    private static int lightInkMax(byte[] bytes, int offset, int scanline) {
        int dark = 0;
        int bright = 0;
        int maxByte = 0;
        for (int y = 0; y < SIZE; y++) {
            int row = offset + y * scanline;
            for (int from = 0; from < SIZE; from += 8) {
                int to = Math.min(SIZE, from + 8);
                if (to - from == 8 && (long) EIGHT_BYTES.get(bytes, row + from) == 0L) {
                    dark += 8;
                    continue;
                }
                for (int x = from; x < to; x++) {
                    int value = bytes[row + x] & 0xff;
                    dark += (value - 13) >>> 31;
                    bright += (127 - value) >>> 31;
                    maxByte = Math.max(maxByte, value);
                }
            }
        }
        return dark < SIZE * SIZE * 6 / 10 || bright < SIZE * SIZE * 2 / 100 ? -1 : maxByte;
    }

    private static Cleaner.MnistForm stretch(byte[] bytes, int offset, int scanline, int maxByte, float background,
                                             float inverseRange) {
        int maskFrom = firstAbove(0.25f, false, maxByte, background, inverseRange);
        int inkFrom = firstAbove(0.1f, false, maxByte, background, inverseRange);
        int solidFrom = firstAbove(0.9f, true, maxByte, background, inverseRange);
        float[] table = new float[maxByte + 1];
        // Per byte, in one int: 1 when it is ink, 1 << COUNT_BITS when solid, and MASK_BIT when it is in the mask.
        int[] kinds = new int[maxByte + 1];
        for (int b = 0; b <= maxByte; b++) {
            table[b] = stretched(b, background, inverseRange);
            kinds[b] = (b >= inkFrom ? 1 : 0) + (b >= solidFrom ? 1 << COUNT_BITS : 0) + (b >= maskFrom ? MASK_BIT : 0);
        }
        float[] stretched = new float[SIZE * SIZE];
        int columns = 0;
        int minY = SIZE;
        int maxY = -1;
        int counts = 0;
        double sum = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < SIZE; y++) {
            int row = offset + y * scanline;
            float rowSum = 0;
            float rowX = 0;
            int rowColumns = 0;
            for (int from = 0; from < SIZE; from += 8) {
                int to = Math.min(SIZE, from + 8);
                if (to - from == 8 && (long) EIGHT_BYTES.get(bytes, row + from) == 0L) {
                    continue;
                }
                for (int x = from; x < to; x++) {
                    int value = bytes[row + x] & 0xff;
                    float v = table[value];
                    int kind = kinds[value];
                    stretched[y * SIZE + x] = v;
                    counts += kind & COUNTS;
                    rowColumns |= (kind >>> MASK_SHIFT) << x;
                    rowSum += v;
                    rowX += v * x;
                }
            }
            if (rowColumns != 0) {
                minY = Math.min(minY, y);
                maxY = y;
                columns |= rowColumns;
            }
            sum += rowSum;
            sumX += rowX;
            sumY += (double) rowSum * y;
        }
        int minX = columns == 0 ? SIZE : Integer.numberOfTrailingZeros(columns);
        int maxX = 31 - Integer.numberOfLeadingZeros(columns);
        int inked = counts & ((1 << COUNT_BITS) - 1);
        int solid = (counts >>> COUNT_BITS) & ((1 << COUNT_BITS) - 1);
        return Cleaner.shaped(minX, minY, maxX, maxY, inked, inked - solid, sum, sumX, sumY)
                ? new Cleaner.MnistForm(DigitImage.mnist(stretched), null, new Box(minX, minY, maxX - minX + 1, maxY - minY + 1))
                : null;
    }

    /** A byte's stretched value, exactly as {@code Cleaner.mnistForm(float[])} computes it from the byte's value. */
    private static float stretched(int b, float background, float inverseRange) {
        return Math.max(0f, Math.min(1f, (BYTE_VALUES[b] - background) * inverseRange));
    }

    /**
     * The smallest byte whose stretched value is above {@code level} (or at it, when {@code orAt}), or
     * {@code maxByte + 1} when none is: a binary search, since the stretch never decreases.
     */
    private static int firstAbove(float level, boolean orAt, int maxByte, float background, float inverseRange) {
        int low = 0;
        int high = maxByte + 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            float v = stretched(middle, background, inverseRange);
            if (orAt ? v >= level : v > level) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /**
     * Whether every border byte is 0, as on nearly every MNIST digit: the mean is then 0, found without the long
     * chain of additions that a mean of other values needs.
     */
    private static boolean blackBorder(byte[] bytes, int offset, int scanline) {
        int last = offset + (SIZE - 1) * scanline;
        int any = 0;
        for (int x = 0; x < SIZE; x++) {
            any |= bytes[offset + x] | bytes[last + x];
        }
        for (int y = 1; y < SIZE - 1; y++) {
            int row = offset + y * scanline;
            any |= bytes[row] | bytes[row + SIZE - 1];
        }
        return any == 0;
    }

    /** {@link Planes#borderMean} of the bytes' values, in its order, so that the same floats add up the same way. */
    private static float borderMean(byte[] bytes, int offset, int scanline) {
        if (blackBorder(bytes, offset, scanline)) {
            return 0f;
        }
        double sum = 0;
        int count = 0;
        int last = offset + (SIZE - 1) * scanline;
        for (int x = 0; x < SIZE; x++) {
            sum += BYTE_VALUES[bytes[offset + x] & 0xff] + BYTE_VALUES[bytes[last + x] & 0xff];
            count += 2;
        }
        for (int y = 1; y < SIZE - 1; y++) {
            int row = offset + y * scanline;
            sum += BYTE_VALUES[bytes[row] & 0xff] + BYTE_VALUES[bytes[row + SIZE - 1] & 0xff];
            count += 2;
        }
        return (float) (sum / count);
    }
}
