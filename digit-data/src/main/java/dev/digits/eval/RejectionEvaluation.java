package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.data.DigitDataset;
import dev.digits.data.NonDigits;
import dev.digits.spi.AbstractDigitClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a classifier tells digits from non-digits, measured on test material only: Fashion-MNIST test
 * pictures, non-digits made from MNIST test digits and fresh drawings ({@link NonDigits}, seed
 * {@link #TEST_SEED}, never used in training), and the MNIST test digits themselves.
 *
 * @param fashionRejected   share of the Fashion-MNIST test pictures answered "not a digit"
 * @param fashionRefused    share answered "not a digit" or "unsure"
 * @param syntheticRejected share of the made non-digits answered "not a digit"
 * @param syntheticRefused  share answered "not a digit" or "unsure"
 * @param byKind            share answered "not a digit", per kind of made non-digit
 * @param mnistRejected     share of the MNIST test digits answered "not a digit" or "unsure"
 * @param accuracy          plain accuracy on the MNIST test digits (most probable digit, verdict aside)
 * @param acceptedAccuracy  accuracy on the MNIST test digits answered with a digit
 * @param eceBefore         expected calibration error on the MNIST test digits without the card's temperature
 * @param ece               the same with it
 */
public record RejectionEvaluation(double fashionRejected, double fashionRefused, double syntheticRejected,
                                  double syntheticRefused, Map<String, Double> byKind, double mnistRejected,
                                  double accuracy, double acceptedAccuracy, double eceBefore, double ece) {
    /** The seed of the made test non-digits; training uses others. */
    public static final long TEST_SEED = 2026;

    public RejectionEvaluation {
        byKind = Map.copyOf(byKind);
    }

    /**
     * Measures a classifier.
     *
     * @param mnistTest   the MNIST test digits
     * @param fashionTest the Fashion-MNIST test pictures
     * @param perKind     made non-digits of each kind
     */
    public static RejectionEvaluation of(DigitClassifier classifier, DigitDataset mnistTest, DigitDataset fashionTest,
                                         int perKind) {
        double fashionRejected;
        double fashionRefused;
        List<Prediction> fashion = classifier.classify(fashionTest.images());
        fashionRejected = Rejection.share(fashion, Verdict.NOT_A_DIGIT);
        fashionRefused = Rejection.refusedShare(fashion);

        Map<String, Double> byKind = new LinkedHashMap<>();
        List<Prediction> synthetic = new ArrayList<>();
        for (NonDigits.Kind kind : NonDigits.Kind.values()) {
            List<Prediction> made = classifier.classify(NonDigits.make(kind, mnistTest, perKind, TEST_SEED));
            byKind.put(kind.key(), Rejection.share(made, Verdict.NOT_A_DIGIT));
            synthetic.addAll(made);
        }

        List<Prediction> digits = classifier.classify(mnistTest.images());
        int[] labels = mnistTest.labels();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += digits.get(i).digit() == labels[i] ? 1 : 0;
        }
        double temperature = classifier instanceof AbstractDigitClassifier a ? a.temperature() : 1;
        double eceBefore = Calibration.expectedCalibrationError(Calibration.withTemperature(digits, 1 / temperature), labels);
        double ece = Calibration.expectedCalibrationError(digits, labels);
        return new RejectionEvaluation(fashionRejected, fashionRefused, Rejection.share(synthetic, Verdict.NOT_A_DIGIT),
                Rejection.refusedShare(synthetic), byKind, Rejection.refusedShare(digits), (double) correct / labels.length,
                Rejection.acceptedAccuracy(digits, labels), eceBefore, ece);
    }

}
