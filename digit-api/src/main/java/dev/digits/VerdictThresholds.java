package dev.digits;

import java.util.Locale;

/**
 * The two thresholds that turn a {@link Prediction} into a {@link Verdict}: a picture is
 * {@linkplain Verdict#NOT_A_DIGIT not a digit} when the probability that it is not one reaches
 * {@code notDigitAt}, otherwise {@linkplain Verdict#UNSURE unsure} when the digit's confidence is below
 * {@code unsureBelow}, otherwise a {@linkplain Verdict#DIGIT digit}. A model card gives the defaults
 * ({@value ModelCard#VERDICT_NOT_DIGIT_AT} and {@value ModelCard#VERDICT_UNSURE_BELOW}), chosen on
 * validation data; callers may choose others.
 *
 * @param notDigitAt  from 0 (exclusive) to 1; above 1 never rejects
 * @param unsureBelow from 0 (never unsure) to 1
 */
public record VerdictThresholds(double notDigitAt, double unsureBelow) {
    /** Never "not a digit", never "unsure": the verdict of a plain ten-class classifier. */
    public static final VerdictThresholds NONE = new VerdictThresholds(Double.POSITIVE_INFINITY, 0);

    /** @throws IllegalArgumentException when a threshold is out of range or not a number */
    public VerdictThresholds {
        if (!(notDigitAt > 0)) {
            throw new IllegalArgumentException("notDigitAt must be a probability above 0, got " + notDigitAt);
        }
        if (!(unsureBelow >= 0 && unsureBelow <= 1)) {
            throw new IllegalArgumentException("unsureBelow must be a probability from 0 to 1, got " + unsureBelow);
        }
    }

    /** These thresholds with another confidence below which a digit is "unsure". */
    public VerdictThresholds withUnsureBelow(double value) {
        return new VerdictThresholds(notDigitAt, value);
    }

    /**
     * The thresholds a card names, each defaulting to that of {@link #NONE} when absent.
     *
     * @throws BadModelFileException when a value is not a probability
     */
    public static VerdictThresholds of(ModelCard card) {
        return new VerdictThresholds(read(card, ModelCard.VERDICT_NOT_DIGIT_AT, NONE.notDigitAt),
                read(card, ModelCard.VERDICT_UNSURE_BELOW, NONE.unsureBelow));
    }

    private static double read(ModelCard card, String key, double fallback) {
        String value = card.get(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!(parsed >= 0 && parsed <= 1)) {
            throw new BadModelFileException("The model card's " + key + " is '" + value
                    + "'; it must be a probability from 0 to 1");
        }
        return parsed;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "not a digit at P >= %.4f, unsure below %.4f", notDigitAt, unsureBelow);
    }
}
