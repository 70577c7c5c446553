package dev.digits.eval;

import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.VerdictThresholds;
import java.util.List;

/**
 * How often a classifier refuses to name a digit, and the choice of its {@link VerdictThresholds} on
 * validation data.
 */
public final class Rejection {
    /** The highest "unsure" threshold {@link #chooseThresholds} picks, so that a fair guess is still shown. */
    public static final double MAX_UNSURE_BELOW = 0.9;

    private Rejection() {
    }

    /** The share of predictions whose verdict is {@code verdict}. */
    public static double share(List<Prediction> predictions, Verdict verdict) {
        if (predictions.isEmpty()) {
            return 0;
        }
        return (double) predictions.stream().filter(p -> p.verdict() == verdict).count() / predictions.size();
    }

    /** The share of predictions that name no digit: "not a digit" or "unsure". */
    public static double refusedShare(List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            return 0;
        }
        return (double) predictions.stream().filter(p -> p.verdict() != Verdict.DIGIT).count() / predictions.size();
    }

    /** Accuracy on the predictions whose verdict is {@link Verdict#DIGIT}; NaN when there are none. */
    public static double acceptedAccuracy(List<Prediction> predictions, int[] labels) {
        int accepted = 0;
        int correct = 0;
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            if (p.verdict() == Verdict.DIGIT) {
                accepted++;
                if (p.digit() == labels[i]) {
                    correct++;
                }
            }
        }
        return accepted == 0 ? Double.NaN : (double) correct / accepted;
    }

    /**
     * Thresholds chosen on validation digits (all of which are digits), so that at most
     * {@code maxNotDigitShare} of them are called "not a digit" and at most {@code maxRefusedShare} name no
     * digit at all: "not a digit" from probability {@code max(0.5, the quantile that keeps the first share)};
     * "unsure" below the confidence that spends the rest of the second share on the least confident digits,
     * never above {@link #MAX_UNSURE_BELOW}. The digits' errors are the least confident, so what is spent on
     * "unsure" buys accuracy.
     */
    public static VerdictThresholds chooseThresholds(List<Prediction> validationDigits, double maxNotDigitShare,
                                                     double maxRefusedShare) {
        if (validationDigits.isEmpty()) {
            throw new IllegalArgumentException("Thresholds are chosen on validation digits; none were given");
        }
        if (!(maxNotDigitShare >= 0 && maxNotDigitShare <= maxRefusedShare && maxRefusedShare < 1)) {
            throw new IllegalArgumentException("Need 0 <= maxNotDigitShare <= maxRefusedShare < 1, got "
                    + maxNotDigitShare + " and " + maxRefusedShare);
        }
        int n = validationDigits.size();
        double[] notDigit = validationDigits.stream().mapToDouble(Prediction::notDigitProbability).sorted().toArray();
        int allowedNotDigit = (int) Math.floor(maxNotDigitShare * n);
        // The smallest threshold above the (n - allowed) smallest values; ties push it up, never down.
        double above = notDigit[n - 1 - allowedNotDigit];
        double notDigitAt = Math.max(0.5, Math.nextUp(above));
        if (notDigitAt > 1) {
            notDigitAt = Double.POSITIVE_INFINITY;
        }
        final double at = notDigitAt;
        long called = validationDigits.stream().filter(p -> p.notDigitProbability() >= at).count();
        double[] confidences = validationDigits.stream().filter(p -> p.notDigitProbability() < at)
                .mapToDouble(Prediction::confidence).sorted().toArray();
        int allowedUnsure = (int) Math.floor(maxRefusedShare * n) - (int) called;
        double unsureBelow = 0;
        if (allowedUnsure > 0 && confidences.length > 0) {
            // Refused are those strictly below the first confidence kept, so ties are kept and at most
            // allowedUnsure are refused.
            unsureBelow = confidences[Math.min(allowedUnsure, confidences.length - 1)];
        }
        return new VerdictThresholds(notDigitAt, confidenceCap(unsureBelow));
    }

    private static double confidenceCap(double value) {
        return Math.min(MAX_UNSURE_BELOW, value);
    }
}
