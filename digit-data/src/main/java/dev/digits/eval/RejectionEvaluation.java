package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.NoDigitFoundException;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.data.DigitDataset;
import dev.digits.data.LabelledPictures;
import dev.digits.data.NonDigits;
import dev.digits.preprocess.Pictures;
import java.nio.file.Path;
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
        double temperature = classifier.temperature();
        double eceBefore = Calibration.expectedCalibrationError(Calibration.withTemperature(digits, 1 / temperature), labels);
        double ece = Calibration.expectedCalibrationError(digits, labels);
        return new RejectionEvaluation(fashionRejected, fashionRefused, Rejection.share(synthetic, Verdict.NOT_A_DIGIT),
                Rejection.refusedShare(synthetic), byKind, Rejection.refusedShare(digits), (double) correct / labels.length,
                Rejection.acceptedAccuracy(digits, labels), eceBefore, ece);
    }

    /**
     * How many real digits a classifier refuses to name.
     *
     * @param count   pictures tried
     * @param refused each refused picture's file (relative to the folder) with why in brackets: the verdict's
     *                key, "no digit found", or the error that kept it from being classified
     */
    public record RefusedDigits(int count, List<String> refused) {
        public RefusedDigits {
            refused = List.copyOf(refused);
        }
    }

    /**
     * Classifies every picture of a folder of real digits (a manifest's entries) and lists those answered with
     * anything but a digit, or not at all.
     *
     * @param folder the manifest's folder: pictures are named by their file relative to it
     */
    public static RefusedDigits refusedDigits(DigitClassifier classifier, Path folder, List<LabelledPictures.Entry> entries) {
        List<String> refused = new ArrayList<>();
        Path base = folder.toAbsolutePath();
        for (LabelledPictures.Entry entry : entries) {
            String name = base.relativize(entry.file().toAbsolutePath()).toString();
            try {
                Prediction prediction = classifier.classify(Pictures.read(entry.file()));
                if (prediction.verdict() != Verdict.DIGIT) {
                    refused.add(name + " (" + prediction.verdict().key() + ")");
                }
            } catch (NoDigitFoundException e) {
                refused.add(name + " (no digit found)");
            } catch (DigitsException e) {
                refused.add(name + " (" + e.getMessage() + ")");
            }
        }
        return new RefusedDigits(entries.size(), refused);
    }
}
