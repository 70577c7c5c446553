package dev.digits.preprocess;

/** Small operations on gray planes (row-major floats in [0, 1]) and 0/1 masks. */
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

    /** A mask as a plane of 0 and 1, for stage pictures and for the float arithmetic of later steps. */
    static GrayPlane ofMask(byte[] mask, int width, int height) {
        float[] values = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            values[i] = mask[i];
        }
        return new GrayPlane(values, width, height);
    }

    /** {minX, minY, maxX, maxY} of the set pixels, or null when there are none. */
    static int[] boundingBox(byte[] mask, int width, int height) {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[]{minX, minY, maxX, maxY};
    }
}
