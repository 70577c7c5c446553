package dev.digits.preprocess;

/** Otsu's threshold and percentiles of planes with values in [0, 1]. */
final class Threshold {
    private static final int BINS = 256;

    private Threshold() {
    }

    private static int[] histogram(float[] values) {
        int[] histogram = new int[BINS];
        for (float v : values) {
            histogram[bin(v)]++;
        }
        return histogram;
    }

    private static int bin(float v) {
        return Math.min(BINS - 1, Math.max(0, (int) (v * (BINS - 1) + 0.5f)));
    }

    /** The threshold that maximises the between-class variance of the two classes it makes. */
    static float otsu(float[] values) {
        int[] histogram = histogram(values);
        double total = values.length;
        double sumAll = 0;
        for (int i = 0; i < BINS; i++) {
            sumAll += (double) i * histogram[i];
        }
        double sumBelow = 0;
        double countBelow = 0;
        double bestVariance = -1;
        int best = 0;
        for (int t = 0; t < BINS - 1; t++) {
            countBelow += histogram[t];
            sumBelow += (double) t * histogram[t];
            double countAbove = total - countBelow;
            if (countBelow == 0 || countAbove == 0) {
                continue;
            }
            double meanBelow = sumBelow / countBelow;
            double meanAbove = (sumAll - sumBelow) / countAbove;
            double variance = countBelow * countAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (variance > bestVariance) {
                bestVariance = variance;
                best = t;
            }
        }
        return (best + 0.5f) / (BINS - 1);
    }

    /** The value below which {@code fraction} of the values lie (histogram resolution). */
    static float percentile(float[] values, double fraction) {
        int[] histogram = histogram(values);
        long wanted = (long) Math.ceil(fraction * values.length);
        long seen = 0;
        for (int i = 0; i < BINS; i++) {
            seen += histogram[i];
            if (seen >= wanted) {
                return (float) i / (BINS - 1);
            }
        }
        return 1f;
    }
}
