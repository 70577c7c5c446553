package dev.digits.dl4j.train;

import java.util.Random;

/**
 * Random distortions of 28×28 MNIST-form digits for training: small shifts, rotations, scaling, shear
 * and changes of stroke thickness, so that the model does not depend on MNIST's exact framing and pen.
 * Stateless; the caller owns the {@link Random}.
 */
public final class Augmenter {
    private static final int SIZE = 28;
    private static final double CENTRE = (SIZE - 1) / 2.0;
    private static final int[][] NEIGHBOURS = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

    private final double maxRotationDegrees;
    private final double maxScaleChange;
    private final double maxShear;
    private final double maxShiftPixels;
    private final double thickenProbability;
    private final double thinProbability;
    private final double untouchedProbability;

    /**
     * @param maxRotationDegrees   rotation drawn from ±this
     * @param maxScaleChange       scale drawn from 1 ± this (each axis a little apart)
     * @param maxShear             horizontal shear drawn from ±this
     * @param maxShiftPixels       shift drawn from ±this on each axis
     * @param thickenProbability   chance of a thicker stroke (grey-level dilation)
     * @param thinProbability      chance of a thinner stroke (partial erosion)
     * @param untouchedProbability chance that a picture is left as it is
     */
    public Augmenter(double maxRotationDegrees, double maxScaleChange, double maxShear, double maxShiftPixels,
                     double thickenProbability, double thinProbability, double untouchedProbability) {
        this.maxRotationDegrees = maxRotationDegrees;
        this.maxScaleChange = maxScaleChange;
        this.maxShear = maxShear;
        this.maxShiftPixels = maxShiftPixels;
        this.thickenProbability = thickenProbability;
        this.thinProbability = thinProbability;
        this.untouchedProbability = untouchedProbability;
    }

    /** The distortions the bundled classifier was trained with. */
    public static Augmenter bundledRecipe() {
        return new Augmenter(12, 0.12, 0.15, 2.5, 0.2, 0.15, 0.1);
    }

    /** Writes a distorted copy of {@code source[offset..offset+784)} into {@code target} at the same offset. */
    public void augment(float[] source, float[] target, int offset, Random random) {
        if (random.nextDouble() < untouchedProbability) {
            System.arraycopy(source, offset, target, offset, SIZE * SIZE);
            return;
        }
        double angle = Math.toRadians(uniform(random, maxRotationDegrees));
        double scale = 1 + uniform(random, maxScaleChange);
        double aspect = 1 + uniform(random, maxScaleChange / 2);
        double scaleX = scale * aspect;
        double scaleY = scale / aspect;
        double shear = uniform(random, maxShear);
        double shiftX = uniform(random, maxShiftPixels);
        double shiftY = uniform(random, maxShiftPixels);
        // Forward map: p' = R · Shear · S · (p - c) + c + t. Sampling needs its inverse.
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = cos * scaleX;
        double b = cos * shear * scaleY - sin * scaleY;
        double c = sin * scaleX;
        double d = sin * shear * scaleY + cos * scaleY;
        double det = a * d - b * c;
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        float[] warped = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            double dy = y - CENTRE - shiftY;
            for (int x = 0; x < SIZE; x++) {
                double dx = x - CENTRE - shiftX;
                double sx = ia * dx + ib * dy + CENTRE;
                double sy = ic * dx + id * dy + CENTRE;
                warped[y * SIZE + x] = bilinear(source, offset, sx, sy);
            }
        }
        double stroke = random.nextDouble();
        if (stroke < thickenProbability) {
            warped = morph(warped, true, 1f);
        } else if (stroke < thickenProbability + thinProbability) {
            warped = morph(warped, false, 0.5f);
        }
        System.arraycopy(warped, 0, target, offset, warped.length);
    }

    private static double uniform(Random random, double max) {
        return (random.nextDouble() * 2 - 1) * max;
    }

    private static float bilinear(float[] image, int offset, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v = (1 - fx) * (1 - fy) * at(image, offset, x0, y0) + fx * (1 - fy) * at(image, offset, x0 + 1, y0)
                + (1 - fx) * fy * at(image, offset, x0, y0 + 1) + fx * fy * at(image, offset, x0 + 1, y0 + 1);
        return (float) Math.min(1, Math.max(0, v));
    }

    private static float at(float[] image, int offset, int x, int y) {
        return x < 0 || y < 0 || x >= SIZE || y >= SIZE ? 0f : image[offset + y * SIZE + x];
    }

    /** Grey-level dilation (max) or erosion (min) over a plus-shaped neighbourhood, blended by {@code strength}. */
    private static float[] morph(float[] image, boolean dilate, float strength) {
        float[] out = new float[image.length];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float v = image[y * SIZE + x];
                float m = v;
                for (int[] n : NEIGHBOURS) {
                    float w = at(image, 0, x + n[0], y + n[1]);
                    m = dilate ? Math.max(m, w) : Math.min(m, w);
                }
                out[y * SIZE + x] = v + strength * (m - v);
            }
        }
        return out;
    }
}
