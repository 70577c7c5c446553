package dev.digits.preprocess;

/** Centre of mass and slant of a picture, for MNIST's centring and for deskewing. */
final class Moments {
    /** Where MNIST puts the centre of mass, in pixel-index coordinates of the 28×28 field. */
    static final double CENTRE = 13.5;

    private Moments() {
    }

    /** {x, y} of the centre of mass in pixel-index coordinates; the middle when the picture is empty. */
    static double[] centreOfMass(float[] values, int w, int h) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = values[y * w + x];
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        }
        return sum == 0 ? new double[]{(w - 1) / 2.0, (h - 1) / 2.0} : new double[]{sx / sum, sy / sum};
    }

    /**
     * Places a patch in a {@code size × size} field so that its centre of mass lands on {@link #CENTRE},
     * shifted by whole pixels (no blur), kept inside the field.
     */
    static float[] centre(float[] patch, int w, int h, int size) {
        double[] com = centreOfMass(patch, w, h);
        int left = (int) Math.round(CENTRE - com[0]);
        int top = (int) Math.round(CENTRE - com[1]);
        left = Math.max(0, Math.min(size - w, left));
        top = Math.max(0, Math.min(size - h, top));
        float[] field = new float[size * size];
        for (int y = 0; y < h; y++) {
            System.arraycopy(patch, y * w, field, (top + y) * size + left, w);
        }
        return field;
    }

    /**
     * Straightens a slanted digit: shears rows horizontally by the ratio of the mixed to the vertical
     * second moment, about the centre of mass, with bilinear sampling.
     */
    static float[] deskew(float[] field, int size) {
        double[] com = centreOfMass(field, size, size);
        double mixed = 0;
        double vertical = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = field[y * size + x];
                mixed += v * (x - com[0]) * (y - com[1]);
                vertical += v * (y - com[1]) * (y - com[1]);
            }
        }
        if (vertical == 0) {
            return field;
        }
        double skew = mixed / vertical;
        float[] out = new float[field.length];
        for (int y = 0; y < size; y++) {
            double shift = skew * (y - com[1]);
            for (int x = 0; x < size; x++) {
                double sx = x + shift;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                float a = x0 >= 0 && x0 < size ? field[y * size + x0] : 0f;
                float b = x0 + 1 >= 0 && x0 + 1 < size ? field[y * size + x0 + 1] : 0f;
                out[y * size + x] = (float) ((1 - fx) * a + fx * b);
            }
        }
        return out;
    }
}
