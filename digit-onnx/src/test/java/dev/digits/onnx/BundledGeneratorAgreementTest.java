package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 26: the bundled generator draws the digit it is asked for. 1,000 pictures (100 of each digit) from the ONNX
 * generator, named by the bundled ONNX classifier, which took no part in the generator's training.
 */
class BundledGeneratorAgreementTest {
    private static final int PER_DIGIT = 100;

    @Test
    void theBundledClassifierNamesAtLeast97PercentAsTheAskedDigit() {
        int agreed = 0;
        StringBuilder byDigit = new StringBuilder();
        try (DigitGenerator generator = Digits.generator(ModelSource.bundled(Digits.GENERATOR), OnnxBackend.NAME);
             DigitClassifier judge = Digits.classifier(ModelSource.CLASSIFIER, OnnxBackend.NAME)) {
            for (int digit = 0; digit <= 9; digit++) {
                List<DigitImage> pictures = generator.generate(digit, PER_DIGIT, 1000L + digit);
                int own = 0;
                for (Prediction prediction : judge.classify(pictures)) {
                    own += prediction.digit() == digit ? 1 : 0;
                }
                agreed += own;
                byDigit.append(digit).append(": ").append(own).append("  ");
            }
        }
        double agreement = agreed / (10.0 * PER_DIGIT);
        assertTrue(agreement >= 0.97, "label agreement " + agreement + " (" + byDigit + ")");
    }
}
