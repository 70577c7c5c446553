package dev.digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.VerdictThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Thresholds chosen on validation digits refuse no more of them than asked, and spend "unsure" on the weakest. */
class RejectionTest {
    /** A digit 0 with this confidence among digits and this "not a digit" probability. */
    private static Prediction prediction(double confidence, double notDigit) {
        float[] p = new float[11];
        p[0] = (float) (confidence * (1 - notDigit));
        p[1] = (float) ((1 - confidence) * (1 - notDigit));
        p[10] = (float) notDigit;
        return Prediction.of(p);
    }

    private static List<Prediction> validationDigits() {
        Random random = new Random(5);
        List<Prediction> digits = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            digits.add(prediction(0.5 + 0.5 * Math.pow(random.nextDouble(), 0.1), 0.3 * Math.pow(random.nextDouble(), 8)));
        }
        digits.add(prediction(0.99, 0.97)); // a digit the model takes for a non-digit
        return digits;
    }

    @Test
    void chosenThresholdsRefuseAtMostTheSharesAskedFor() {
        List<Prediction> digits = validationDigits();
        VerdictThresholds thresholds = Rejection.chooseThresholds(digits, 0.002, 0.004);
        assertEquals(0.5, thresholds.notDigitAt(), "no more than 0.2% of the digits reach 0.5");
        assertTrue(thresholds.unsureBelow() > 0.5 && thresholds.unsureBelow() <= Rejection.MAX_UNSURE_BELOW, thresholds.toString());
        List<Prediction> judged = digits.stream().map(p -> p.withThresholds(thresholds)).toList();
        double notDigit = Rejection.share(judged, Verdict.NOT_A_DIGIT);
        double refused = Rejection.refusedShare(judged);
        assertTrue(notDigit > 0 && notDigit <= 0.002, "not a digit: " + notDigit);
        assertTrue(refused <= 0.004 && refused >= 0.003, "refused: " + refused);
        for (Prediction p : judged) {
            if (p.verdict() == Verdict.UNSURE) {
                assertTrue(p.confidence() < thresholds.unsureBelow());
            }
        }
    }

    @Test
    void manyConfidentNonDigitCallsRaiseTheNotADigitThreshold() {
        List<Prediction> digits = new ArrayList<>(validationDigits());
        for (int i = 0; i < 40; i++) {
            digits.add(prediction(0.99, 0.6 + i * 0.005));
        }
        VerdictThresholds thresholds = Rejection.chooseThresholds(digits, 0.002, 0.004);
        assertTrue(thresholds.notDigitAt() > 0.6, thresholds.toString());
        List<Prediction> judged = digits.stream().map(p -> p.withThresholds(thresholds)).toList();
        assertTrue(Rejection.share(judged, Verdict.NOT_A_DIGIT) <= 0.002);
        assertTrue(Rejection.refusedShare(judged) <= 0.004);
    }

    @Test
    void acceptedAccuracyLeavesRefusedAnswersOut() {
        VerdictThresholds thresholds = new VerdictThresholds(0.5, 0.7);
        List<Prediction> judged = List.of(prediction(0.95, 0), prediction(0.6, 0), prediction(0.9, 0.9))
                .stream().map(p -> p.withThresholds(thresholds)).toList();
        // Only the first is accepted, and it is right; the second (wrong: label 1) is unsure.
        assertEquals(1.0, Rejection.acceptedAccuracy(judged, new int[]{0, 1, 1}));
        assertEquals(2 / 3.0, Rejection.refusedShare(judged), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Rejection.chooseThresholds(List.of(), 0.002, 0.004));
        assertThrows(IllegalArgumentException.class, () -> Rejection.chooseThresholds(judged, 0.01, 0.004));
    }
}
