package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Turns a photo, scan or drawing of one digit into MNIST form, the way MNIST itself was made, after
 * cleaning up what real pictures bring. It is the composition of three stages:
 * <ol>
 * <li>{@link Cleaner}: gray at a working size, polarity, background and ruled-line removal, threshold;</li>
 * <li>{@link Segmenter#mainDigit}: the digit's components, without specks and border artefacts;</li>
 * <li>{@link Normaliser}: stroke width, scaling into 20×20, centring in 28×28, optional deskew.</li>
 * </ol>
 * A picture already in MNIST form (28×28, light ink on dark, centred) passes through with only its
 * contrast stretched. Immutable and safe for concurrent use.
 */
public final class MnistPreprocessor implements Preprocessor {
    static final MnistPreprocessor DEFAULT = builder().build();

    private final Cleaner cleaner;
    private final Segmenter segmenter;
    private final Normaliser normaliser;
    private final boolean keepStages;

    private MnistPreprocessor(Cleaner cleaner, Normaliser normaliser, boolean keepStages) {
        this.cleaner = cleaner.withStages(keepStages);
        this.segmenter = new Segmenter();
        this.normaliser = normaliser;
        this.keepStages = keepStages;
    }

    /** Options, starting from those of {@link Preprocessor#mnist()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first stage as this preprocessor runs it, for callers that compose the stages themselves. */
    public Cleaner cleaner() {
        return cleaner;
    }

    /** The last stage as this preprocessor runs it, for callers that compose the stages themselves. */
    public Normaliser normaliser() {
        return normaliser;
    }

    /** This preprocessor with or without stage pictures; the image is the same either way. */
    @Override
    public MnistPreprocessor withStages(boolean keep) {
        return keep == keepStages ? this : new MnistPreprocessor(cleaner, normaliser, keep);
    }

    @Override
    public Preprocessed preprocess(BufferedImage picture) {
        CleanedPicture cleaned = cleaner.clean(picture);
        Stages stages = new Stages(keepStages, cleaned.stages());
        Optional<DigitImage> mnistForm = cleaned.mnistForm();
        if (mnistForm.isPresent()) {
            stages.put("28x28", mnistForm.get().toBufferedImage());
            int[] ink = Planes.boundingBox(cleaned.maskArray(), cleaned.width(), cleaned.height());
            return new Preprocessed(mnistForm.get(), stages.map(), cleaned.toInput(ink[0], ink[1], ink[2], ink[3]));
        }
        DigitCandidate digit;
        try {
            digit = segmenter.mainDigit(cleaned);
        } catch (NoDigitFoundException e) {
            throw stages.keep() ? new NoDigitFoundException(e.getMessage(), stages.map(), e) : e;
        }
        if (stages.keep()) {
            stages.put("cleaned", onWholePicture(digit, cleaned));
        }
        DigitImage image = normaliser.normalise(digit);
        stages.put("28x28", image.toBufferedImage());
        return new Preprocessed(image, stages.map(), digit.box());
    }

    /** The digit's mask laid back on the working-size picture, so the stage shows what was dropped. */
    private static GrayPlane onWholePicture(DigitCandidate digit, CleanedPicture cleaned) {
        Box box = digit.workingBox();
        byte[] crop = digit.maskArray();
        float[] values = new float[cleaned.width() * cleaned.height()];
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < box.width(); x++) {
                values[(box.y() + y) * cleaned.width() + box.x() + x] = crop[y * box.width() + x];
            }
        }
        return new GrayPlane(values, cleaned.width(), cleaned.height());
    }

    /** Options of {@link MnistPreprocessor}. */
    public static final class Builder {
        private Cleaner cleaner = new Cleaner();
        private Normaliser normaliser = new Normaliser();
        private boolean keepStages = true;

        private Builder() {
        }

        /**
         * Longer side the picture is shrunk to, at most, before cleaning (default 256).
         *
         * @throws IllegalArgumentException below 28
         */
        public Builder workingSize(int pixels) {
            cleaner = cleaner.withWorkingSize(pixels);
            return this;
        }

        /** Straighten slanted digits by their second moments (default off). */
        public Builder deskew(boolean value) {
            normaliser = normaliser.withDeskew(value);
            return this;
        }

        /** Remove the lines of ruled or squared paper (default on). */
        public Builder removeRuledLines(boolean value) {
            cleaner = cleaner.withRuledLineRemoval(value);
            return this;
        }

        /**
         * Thicken hairline strokes towards MNIST's pen (default on); heavy strokes are never thinned, as
         * erosion would break thin parts and loops.
         */
        public Builder normaliseStrokes(boolean value) {
            normaliser = normaliser.withStrokeNormalisation(value);
            return this;
        }

        /** Keep a picture of every stage in {@link Preprocessed#stages()} (default on). */
        public Builder keepStages(boolean value) {
            keepStages = value;
            return this;
        }

        /** Least ink contrast (0..1) after background removal for a picture not to count as blank (default 0.12). */
        public Builder minContrast(float value) {
            cleaner = cleaner.withMinContrast(value);
            return this;
        }

        /** The preprocessor with these options. */
        public MnistPreprocessor build() {
            return new MnistPreprocessor(cleaner, normaliser, keepStages);
        }
    }
}
