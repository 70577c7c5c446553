package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.preprocess.Preprocessor;
import dev.digits.spi.AbstractDigitClassifier;
import java.util.Arrays;

/** Classifiers whose answers a test can predict, for measuring the evaluation procedures themselves. */
final class StandInModels {
    private StandInModels() {
    }

    /** Names {@code digit} with probability 0.91 whatever it sees. */
    static DigitClassifier constant(int digit) {
        return constant(digit, ModelCard.builder().task(Task.CLASSIFY).build());
    }

    /** Like {@link #constant(int)}, with a card (e.g. one that carries a temperature). */
    static DigitClassifier constant(int digit, ModelCard card) {
        return new AbstractDigitClassifier(card, "constant", 256, Preprocessor.mnist()) {
            @Override
            protected float[][] run(float[] pixels, int count) {
                float[][] rows = new float[count][10];
                for (float[] row : rows) {
                    Arrays.fill(row, 0.01f);
                    row[digit] = 0.91f;
                }
                return rows;
            }
        };
    }

    /**
     * Names the digit {@code ink mod 10}, where ink is the picture's summed pixels, with a confidence that grows
     * with the ink: answers that vary with the picture, right about one time in ten, unevenly confident.
     */
    static DigitClassifier byInk(ModelCard card) {
        return new AbstractDigitClassifier(card, "by-ink", 256, Preprocessor.mnist()) {
            @Override
            protected float[][] run(float[] pixels, int count) {
                int size = pictureValues();
                float[][] rows = new float[count][10];
                for (int i = 0; i < count; i++) {
                    double ink = 0;
                    for (int p = 0; p < size; p++) {
                        ink += pixels[i * size + p];
                    }
                    float top = (float) Math.min(0.95, 0.3 + ink / 300);
                    Arrays.fill(rows[i], (1 - top) / 9);
                    rows[i][(int) ink % 10] = top;
                }
                return rows;
            }
        };
    }
}
