package dev.digits.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The conditional GAN's label input: one-hot vectors for the generator. */
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
}
