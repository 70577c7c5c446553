package dev.digits.preprocess;

/** Small operations on gray planes (row-major floats in [0, 1]). */
final class Planes {
    private Planes() {
    }

    static float mean(float[] plane) {
        double sum = 0;
        for (float v : plane) {
            sum += v;
        }
        return (float) (sum / plane.length);
    }

    /** Mean of the outermost rows and columns. */
    static float borderMean(float[] plane, int width, int height) {
        double sum = 0;
        int count = 0;
        for (int x = 0; x < width; x++) {
            sum += plane[x] + plane[(height - 1) * width + x];
            count += 2;
        }
        for (int y = 1; y < height - 1; y++) {
            sum += plane[y * width] + plane[y * width + width - 1];
            count += 2;
        }
        return (float) (sum / count);
    }

    static float[] inverted(float[] plane) {
        float[] out = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            out[i] = 1f - plane[i];
        }
        return out;
    }
}
