package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.NoDigitFoundException;
import dev.digits.data.Corruption;
import dev.digits.data.Mnist;
import dev.digits.data.RobustnessSet;
import dev.digits.preprocess.Preprocessor;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #3's bars on the synthetic robustness set (a smaller sample than `digits evaluate --robustness`). */
class RobustnessTest {
    private static final int PER_CORRUPTION = 100;

    @Test
    void realLookingPicturesOfMnistTestDigitsAreRead() {
        RobustnessSet set = new RobustnessSet(Mnist.fromDataFolder().test(), 2024);
        Map<Corruption, int[]> results = new EnumMap<>(Corruption.class);
        try (DigitClassifier classifier = Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "dl4j")) {
            for (Corruption corruption : Corruption.values()) {
                int[] right = new int[1];
                set.generate(corruption, PER_CORRUPTION, sample -> {
                    try {
                        if (classifier.classify(Preprocessor.mnist().withStages(false).preprocess(sample.picture()).image()).digit()
                                == sample.label()) {
                            right[0]++;
                        }
                    } catch (NoDigitFoundException e) {
                        // a miss
                    }
                });
                results.put(corruption, right);
            }
        }
        int total = 0;
        StringBuilder table = new StringBuilder();
        for (Map.Entry<Corruption, int[]> entry : results.entrySet()) {
            total += entry.getValue()[0];
            table.append(entry.getKey().label()).append(' ').append(entry.getValue()[0]).append("; ");
        }
        double overall = total / (double) (PER_CORRUPTION * Corruption.values().length);
        assertTrue(overall >= 0.985, "overall " + overall + ": " + table);
        for (Map.Entry<Corruption, int[]> entry : results.entrySet()) {
            assertTrue(entry.getValue()[0] >= 0.95 * PER_CORRUPTION, entry.getKey().label() + " below 95%: " + table);
        }
    }
}
