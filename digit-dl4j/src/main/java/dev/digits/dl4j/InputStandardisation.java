package dev.digits.dl4j;

import dev.digits.data.BadDataException;
import dev.digits.BadModelFileException;
import dev.digits.ModelCard;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.data.DigitDataset;
import java.util.List;
import java.util.Locale;

/**
 * The standardisation {@code (x - mean) / std} a model's input gets after pixels are mapped to [0, 1], with one
 * mean and one standard deviation for every pixel, measured on the training pictures (as SVHN's recipe has it).
 * A model's card keeps them as its input's {@link TensorSpec#MEAN} and {@link TensorSpec#STD}, so that every
 * backend applies them at inference; a card without them means none. Immutable.
 *
 * @param mean subtracted from each value
 * @param std  then divided by; positive
 */
public record InputStandardisation(float mean, float std) {
    /** No change: mean 0, standard deviation 1. */
    public static final InputStandardisation NONE = new InputStandardisation(0f, 1f);

    public InputStandardisation {
        if (!Float.isFinite(mean) || !(std > 0) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("A standardisation needs a finite mean and a positive std, got " + mean + ", " + std);
        }
    }

    /**
     * The mean and standard deviation of every pixel value of every picture, in [0, 1].
     *
     * @throws BadDataException when the pictures are empty or all one value
     */
    public static InputStandardisation measure(DigitDataset pictures) {
        long count = 0;
        double sum = 0;
        double sumOfSquares = 0;
        float[] values = new float[pictures.pictureSize()];
        for (int i = 0; i < pictures.size(); i++) {
            pictures.copyPixels(i, values, 0);
            for (float v : values) {
                sum += v;
                sumOfSquares += (double) v * v;
            }
            count += values.length;
        }
        double mean = count == 0 ? 0 : sum / count;
        double std = count == 0 ? 0 : Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
        if (!(std > 1e-6)) {
            throw new BadDataException("Cannot standardise " + pictures.size() + " pictures whose pixels are all one value;"
                    + " train on real pictures");
        }
        // Rounded as the card writes them, so that training and inference use the very same numbers.
        return new InputStandardisation(rounded(mean), rounded(std));
    }

    private static float rounded(double value) {
        return Float.parseFloat(String.format(Locale.ROOT, "%.6f", value));
    }

    /**
     * The standardisation of a model's first input, as its card gives it.
     *
     * @throws BadModelFileException when the card's mean or std is not a number, or std not positive
     */
    public static InputStandardisation of(ModelCard card) {
        List<TensorSpec> inputs = card.inputs();
        if (inputs.isEmpty()) {
            return NONE;
        }
        TensorSpec input = inputs.get(0);
        float mean = number(card, input, TensorSpec.MEAN, 0f);
        float std = number(card, input, TensorSpec.STD, 1f);
        if (!(std > 0) || !Float.isFinite(std) || !Float.isFinite(mean)) {
            throw new BadModelFileException("The model card's " + card.entryFor(true, 0, TensorSpec.STD) + " must be positive and "
                    + card.entryFor(true, 0, TensorSpec.MEAN) + " finite, got " + mean + " and " + std + "; train the model again");
        }
        return new InputStandardisation(mean, std);
    }

    private static float number(ModelCard card, TensorSpec input, String attribute, float otherwise) {
        String text = input.attribute(attribute).orElse(null);
        if (text == null) {
            return otherwise;
        }
        try {
            return Float.parseFloat(text.trim());
        } catch (NumberFormatException e) {
            throw new BadModelFileException("The model card's " + card.entryFor(true, 0, attribute) + " is '" + text
                    + "', not a number");
        }
    }

    /** Whether this changes nothing. */
    public boolean isNone() {
        return mean == 0f && std == 1f;
    }

    /** Standardises {@code values[from..to)} in place. */
    public void apply(float[] values, int from, int to) {
        if (isNone()) {
            return;
        }
        float scale = 1f / std;
        for (int i = from; i < to; i++) {
            values[i] = (values[i] - mean) * scale;
        }
    }

    /** The tensor description with this standardisation's mean and std (unchanged when this is {@link #NONE}). */
    public TensorSpec describe(TensorSpec input) {
        return isNone() ? input : input.with(TensorSpec.MEAN, String.format(Locale.ROOT, "%.6f", mean))
                .with(TensorSpec.STD, String.format(Locale.ROOT, "%.6f", std));
    }
}
