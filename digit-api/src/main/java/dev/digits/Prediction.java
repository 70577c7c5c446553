package dev.digits;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What a classifier says of one picture: the ten digit probabilities, the most probable digit and its
 * probability, the probability that the picture is not a digit at all (for classifiers with that extra
 * output; 0 otherwise) and the resulting {@link Verdict}. Immutable.
 *
 * <p>The ten digit probabilities always sum to 1: they are the probabilities of each digit <em>given</em>
 * that the picture shows one. A classifier with a "not a digit" output gives eleven joint probabilities;
 * {@link #notDigitProbability()} is the last of them and the digits are the first ten, renormalised.
 */
public final class Prediction {
    private static final int DIGITS = 10;

    /** The model's joint probabilities: ten digits, then optionally "not a digit"; they sum to 1. */
    private final float[] outputs;
    private final float[] probabilities;
    private final int digit;
    private final VerdictThresholds thresholds;

    private Prediction(float[] outputs, VerdictThresholds thresholds) {
        this.outputs = outputs;
        this.thresholds = thresholds;
        this.probabilities = outputs.length == DIGITS ? outputs : digitsGivenDigit(outputs);
        int best = 0;
        for (int i = 1; i < DIGITS; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        this.digit = best;
    }

    private static float[] digitsGivenDigit(float[] outputs) {
        double sum = 0;
        for (int i = 0; i < DIGITS; i++) {
            sum += outputs[i];
        }
        float[] digits = new float[DIGITS];
        for (int i = 0; i < DIGITS; i++) {
            // All ten underflow to 0 only when the model is certain it is no digit; then no digit is favoured.
            digits[i] = sum > 0 ? (float) (outputs[i] / sum) : 1f / DIGITS;
        }
        return digits;
    }

    /**
     * A prediction from ten digit probabilities, or from eleven where the last is the probability that the
     * picture is not a digit (copied); they must sum to 1 within 1e-3. Its thresholds are
     * {@link VerdictThresholds#NONE}.
     *
     * @throws DigitsException when there are not ten or eleven finite, non-negative values summing to 1
     */
    public static Prediction of(float[] probabilities) {
        if (probabilities == null || (probabilities.length != DIGITS && probabilities.length != DIGITS + 1)) {
            throw new DigitsException("A prediction needs 10 probabilities (11 with 'not a digit'), got "
                    + (probabilities == null ? "null" : probabilities.length));
        }
        double sum = 0;
        for (float p : probabilities) {
            if (!(p >= 0f) || Float.isInfinite(p)) {
                throw new DigitsException("Probabilities must be finite and non-negative: " + Arrays.toString(probabilities));
            }
            sum += p;
        }
        if (Math.abs(sum - 1.0) > 1e-3) {
            throw new DigitsException("Probabilities must sum to 1, they sum to " + sum
                    + "; apply softmax to logits first");
        }
        return new Prediction(probabilities.clone(), VerdictThresholds.NONE);
    }

    /**
     * The prediction with its confidence rescaled by temperature {@code t}: each probability (the "not a
     * digit" one included) raised to {@code 1/t} and renormalised, which is {@code softmax(logits / t)} of
     * the logits the probabilities came from. {@code t > 1} softens an overconfident model, {@code t < 1}
     * sharpens; the digit never changes.
     *
     * @throws IllegalArgumentException when {@code t} is not a positive finite number
     */
    public Prediction withTemperature(double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("A temperature is a positive finite number, got " + t);
        }
        if (t == 1) {
            return this;
        }
        int top = 0;
        for (int i = 1; i < outputs.length; i++) {
            if (outputs[i] > outputs[top]) {
                top = i;
            }
        }
        double[] scaled = new double[outputs.length];
        double topLog = Math.log(Math.max(outputs[top], Float.MIN_VALUE));
        double sum = 0;
        for (int i = 0; i < outputs.length; i++) {
            // Relative to the top class in log space, so that tiny probabilities neither underflow nor overflow.
            scaled[i] = outputs[i] <= 0 ? 0 : Math.exp((Math.log(outputs[i]) - topLog) / t);
            sum += scaled[i];
        }
        float[] out = new float[outputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (scaled[i] / sum);
        }
        return new Prediction(out, thresholds);
    }

    /** The same probabilities judged by other thresholds. */
    public Prediction withThresholds(VerdictThresholds thresholds) {
        return new Prediction(outputs, java.util.Objects.requireNonNull(thresholds, "thresholds"));
    }

    /** The thresholds {@link #verdict()} applies. */
    public VerdictThresholds thresholds() {
        return thresholds;
    }

    /**
     * The probability that the picture is not a digit; 0 for a classifier without that output.
     */
    public float notDigitProbability() {
        return outputs.length > DIGITS ? outputs[DIGITS] : 0f;
    }

    /** Whether the classifier that made this has a "not a digit" output. */
    public boolean canRejectNonDigits() {
        return outputs.length > DIGITS;
    }

    /**
     * What the classifier concluded, by {@link #thresholds()}: {@link Verdict#NOT_A_DIGIT} when
     * {@link #notDigitProbability()} reaches {@code notDigitAt}, else {@link Verdict#UNSURE} when
     * {@link #confidence()} is below {@code unsureBelow}, else {@link Verdict#DIGIT}.
     */
    public Verdict verdict() {
        if (notDigitProbability() >= thresholds.notDigitAt()) {
            return Verdict.NOT_A_DIGIT;
        }
        return confidence() < thresholds.unsureBelow() ? Verdict.UNSURE : Verdict.DIGIT;
    }

    /** The most probable digit, 0 to 9. */
    public int digit() {
        return digit;
    }

    /** The probability of {@link #digit()}. */
    public float confidence() {
        return probabilities[digit];
    }

    /** The probability of one digit. */
    public float probability(int digit) {
        return probabilities[digit];
    }

    /** A copy of the ten digit probabilities (given that the picture shows a digit), index = digit. */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * The digit when its probability reaches {@code minConfidence}, otherwise empty: the classifier abstains
     * ("not sure", or not a digit at all).
     */
    public OptionalInt digitIfConfident(double minConfidence) {
        return confidence() >= minConfidence ? OptionalInt.of(digit) : OptionalInt.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction other && Arrays.equals(outputs, other.outputs)
                && thresholds.equals(other.thresholds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(outputs) * 31 + thresholds.hashCode();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Prediction[%s, digit=%d, confidence=%.4f, notDigit=%.4f]",
                verdict().key(), digit, confidence(), notDigitProbability());
    }
}
