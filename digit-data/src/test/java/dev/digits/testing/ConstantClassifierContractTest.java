package dev.digits.testing;

import dev.digits.DigitClassifier;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.preprocess.Preprocessor;
import dev.digits.spi.AbstractDigitClassifier;
import java.util.Arrays;

/** The shared base class keeps the contract on its own, with a stand-in model that always names a 7. */
class ConstantClassifierContractTest extends DigitClassifierContract {
    @Override
    protected DigitClassifier open() {
        return new AbstractDigitClassifier(ModelCard.builder().task(Task.CLASSIFY).build(), "constant", 4,
                Preprocessor.mnist()) {
            @Override
            protected float[][] run(float[] pixels, int count) {
                float[][] rows = new float[count][10];
                for (float[] row : rows) {
                    Arrays.fill(row, 0.01f);
                    row[7] = 0.91f;
                }
                return rows;
            }
        };
    }
}
