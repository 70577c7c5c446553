package dev.digits;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What a classifier says of one picture: the ten class probabilities, the most probable digit and its
 * probability. Immutable.
 */
public final class Prediction {
    private final float[] probabilities;
    private final int digit;

    private Prediction(float[] probabilities) {
        this.probabilities = probabilities;
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        this.digit = best;
    }

    /**
     * A prediction from ten probabilities (copied) that sum to 1 within 1e-3.
     *
     * @throws DigitsException when there are not ten finite, non-negative values summing to 1
     */
    public static Prediction of(float[] probabilities) {
        if (probabilities == null || probabilities.length != 10) {
            throw new DigitsException("A prediction needs 10 probabilities, got "
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
        return new Prediction(probabilities.clone());
    }

    /**
     * The prediction with its confidence rescaled by temperature {@code t}: each probability raised to
     * {@code 1/t} and renormalised, which is {@code softmax(logits / t)} of the logits the probabilities came
     * from. {@code t > 1} softens an overconfident model, {@code t < 1} sharpens; the digit never changes.
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
        double[] scaled = new double[probabilities.length];
        double top = Math.log(Math.max(probabilities[digit], Float.MIN_VALUE));
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            // Relative to the top class in log space, so that tiny probabilities neither underflow nor overflow.
            scaled[i] = probabilities[i] <= 0 ? 0 : Math.exp((Math.log(probabilities[i]) - top) / t);
            sum += scaled[i];
        }
        float[] out = new float[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (scaled[i] / sum);
        }
        return new Prediction(out);
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

    /** A copy of the ten probabilities, index = digit. */
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
        return o instanceof Prediction other && Arrays.equals(probabilities, other.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Prediction[digit=%d, confidence=%.4f]", digit, confidence());
    }
}
