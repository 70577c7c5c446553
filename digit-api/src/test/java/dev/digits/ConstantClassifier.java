package dev.digits;

import dev.digits.spi.AbstractDigitClassifier;
import java.util.Arrays;

/** A classifier that gives one digit probability 0.91 whatever it sees: a stand-in model for API tests. */
public final class ConstantClassifier extends AbstractDigitClassifier {
    private final int digit;

    public ConstantClassifier(ModelCard card, String backendName, int digit) {
        super(card, backendName, 4, defaultPreprocessor());
        this.digit = digit;
    }

    @Override
    protected float[][] run(float[] pixels, int count) {
        float[][] rows = new float[count][10];
        for (float[] row : rows) {
            Arrays.fill(row, 0.01f);
            row[digit] = 0.91f;
        }
        return rows;
    }
}
