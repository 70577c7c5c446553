package dev.digits.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The conditional GAN's label inputs: one-hot vectors for the generator, ten 28×28 planes for the discriminator. */
public final class GanInputs {
    private GanInputs() {
    }

    /** {@code [n, 10]}: row i is one at {@code labels[i]}. */
    public static INDArray oneHot(int[] labels) {
        float[] values = new float[labels.length * 10];
        for (int i = 0; i < labels.length; i++) {
            values[i * 10 + labels[i]] = 1f;
        }
        return Nd4j.create(values, new long[]{labels.length, 10}, 'c');
    }

    /** {@code [n, 10, 28, 28]}: picture i has plane {@code labels[i]} all ones, the others zero. */
    public static INDArray planes(int[] labels) {
        int plane = 28 * 28;
        float[] values = new float[labels.length * 10 * plane];
        for (int i = 0; i < labels.length; i++) {
            java.util.Arrays.fill(values, (i * 10 + labels[i]) * plane, (i * 10 + labels[i] + 1) * plane, 1f);
        }
        return Nd4j.create(values, new long[]{labels.length, 10, 28, 28}, 'c');
    }
}
