package dev.digits.preprocess;

/**
 * Grey-level and binary morphology with square windows, separable, in time independent of the window
 * size (van Herk / Gil-Werman).
 */
final class Morphology {
    private Morphology() {
    }

    /** Max (dilate) or min (erode) over a {@code (2r+1)²} window; outside pixels are ignored. */
    static float[] filter(float[] plane, int width, int height, int radius, boolean max) {
        return filterAxis(filterAxis(plane, width, height, radius, max, true), width, height, radius, max, false);
    }

    /** Max or min over a line-shaped window of {@code 2r+1} pixels along rows (horizontal) or columns. */
    static float[] filterAxis(float[] plane, int width, int height, int radius, boolean max, boolean horizontal) {
        if (radius <= 0) {
            return plane.clone();
        }
        int length = horizontal ? width : height;
        Scratch scratch = new Scratch(length + 2 * radius);
        float[] line = new float[length];
        float[] out = new float[length];
        float[] result = new float[plane.length];
        if (horizontal) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(plane, y * width, line, 0, width);
                filterLine(line, width, radius, max, out, scratch);
                System.arraycopy(out, 0, result, y * width, width);
            }
        } else {
            for (int x = 0; x < width; x++) {
                for (int y = 0; y < height; y++) {
                    line[y] = plane[y * width + x];
                }
                filterLine(line, height, radius, max, out, scratch);
                for (int y = 0; y < height; y++) {
                    result[y * width + x] = out[y];
                }
            }
        }
        return result;
    }

    /** Work arrays of one filtering pass, reused from line to line. */
    private static final class Scratch {
        final float[] values;
        final float[] prefix;
        final float[] suffix;

        Scratch(int size) {
            values = new float[size];
            prefix = new float[size];
            suffix = new float[size];
        }
    }

    /**
     * One line: pad with the neutral value so every window is full, then each window of length
     * {@code k = 2r+1} spans at most two blocks of length k, and its extreme is that of the suffix
     * extreme of the first block and the prefix extreme of the second.
     */
    private static void filterLine(float[] line, int n, int radius, boolean max, float[] out, Scratch scratch) {
        int window = 2 * radius + 1;
        int padded = n + 2 * radius;
        float neutral = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        float[] values = scratch.values;
        float[] prefix = scratch.prefix;
        float[] suffix = scratch.suffix;
        java.util.Arrays.fill(values, 0, radius, neutral);
        java.util.Arrays.fill(values, radius + n, padded, neutral);
        System.arraycopy(line, 0, values, radius, n);
        for (int i = 0; i < padded; i++) {
            prefix[i] = i % window == 0 ? values[i] : pick(prefix[i - 1], values[i], max);
        }
        for (int i = padded - 1; i >= 0; i--) {
            suffix[i] = i == padded - 1 || (i + 1) % window == 0 ? values[i] : pick(suffix[i + 1], values[i], max);
        }
        for (int i = 0; i < n; i++) {
            out[i] = pick(suffix[i], prefix[i + window - 1], max);
        }
    }

    private static float pick(float a, float b, boolean max) {
        return max ? Math.max(a, b) : Math.min(a, b);
    }

    /** Binary dilation (grow) or erosion (shrink) of a 0/1 mask by a square of radius {@code radius}. */
    static byte[] mask(byte[] mask, int width, int height, int radius, boolean grow) {
        float[] plane = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            plane[i] = mask[i];
        }
        float[] filtered = filter(plane, width, height, radius, grow);
        byte[] out = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = (byte) (filtered[i] > 0.5f ? 1 : 0);
        }
        return out;
    }
}
