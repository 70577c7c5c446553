package dev.digits.read;

import dev.digits.DigitImage;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.preprocess.Cleaner;
import dev.digits.preprocess.MnistPreprocessor;
import dev.digits.preprocess.Normaliser;
import dev.digits.preprocess.NumberLine;
import dev.digits.preprocess.NumberSegmenter;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * The stages every number reader runs before it reads: the MNIST procedure's {@link Cleaner} at a working
 * size fit for a long strip, then the {@link NumberSegmenter}; and what each kind of reader takes from
 * them: the {@link Normaliser} for a digit classifier, the {@link NumberLine} canvas for a learned reader.
 * Training a learned reader goes through the same stages ({@link #prepare}), so that it sees what it will be
 * given. Immutable and safe for concurrent use.
 */
final class NumberInput {
    /** The single-digit working size: a square picture is cleaned exactly as for one digit. */
    private static final int WORKING_SIZE = 256;
    /**
     * The most a wide picture's longer side is reduced to: a number on a long strip keeps about as many
     * pixels per digit height as a single digit has, within this bound on the work per picture.
     */
    private static final int MAX_WORKING_SIZE = 1024;

    private final Cleaner cleaner;
    private final NumberSegmenter segmenter = new NumberSegmenter();
    private final Normaliser normaliser;
    private final NumberLine line = new NumberLine(segmenter);

    /** The stages with the MNIST procedure's settings. */
    public NumberInput() {
        this(false);
    }

    /** The stages with the MNIST procedure's settings, keeping a picture of each step when asked. */
    NumberInput(boolean keepStages) {
        this(keepStages, true);
    }

    /**
     * The stages with the MNIST procedure's settings, the background estimated at the scale of the strokes
     * ({@code localBackground}) or only over the whole picture.
     */
    NumberInput(boolean keepStages, boolean localBackground) {
        MnistPreprocessor mnist = MnistPreprocessor.builder().keepStages(keepStages).build();
        this.cleaner = mnist.cleaner().withLocalBackground(localBackground);
        this.normaliser = mnist.normaliser();
    }

    /**
     * A picture after cleaning and, unless it already was one digit in MNIST form, segmentation.
     *
     * @param cleaned   the cleaned picture
     * @param mnistForm the picture itself when it was one digit in MNIST form; then {@code segments} is null
     * @param segments  the number's pieces and separators
     */
    public record Prepared(CleanedPicture cleaned, Optional<DigitImage> mnistForm, NumberSegmenter.Segments segments) {
    }

    /**
     * Cleans and segments a picture.
     *
     * @throws dev.digits.BadImageException      for a picture that cannot be read as one
     * @throws dev.digits.NoDigitFoundException  when it has no digit-like ink
     */
    public Prepared prepare(BufferedImage picture) {
        int working = workingSize(picture);
        CleanedPicture cleaned = cleaner.withWorkingSize(working).clean(picture);
        Optional<DigitImage> mnistForm = cleaned.mnistForm();
        if (mnistForm.isPresent()) {
            return new Prepared(cleaned, mnistForm, null);
        }
        NumberSegmenter.Segments segments = segmenter.segment(cleaned);
        if (segments.lineHeight() < MIN_LINE_HEIGHT && cleaned.factor() > 1 && working < MAX_WORKING_SIZE) {
            // A number small on a large page (a photo of a whole sheet): its digits came out a few pixels high,
            // too few to read them; clean again at a size that gives them enough.
            int finer = (int) Math.min(MAX_WORKING_SIZE, Math.ceil(working * MIN_LINE_HEIGHT / Math.max(1, segments.lineHeight())));
            CleanedPicture again = cleaner.withWorkingSize(finer).clean(picture);
            if (again.factor() < cleaned.factor()) {
                return new Prepared(again, Optional.empty(), segmenter.segment(again));
            }
        }
        return new Prepared(cleaned, mnistForm, segments);
    }

    /** Digits lower than this many working pixels are cleaned again at a larger working size. */
    private static final double MIN_LINE_HEIGHT = 32;

    /** The learned reader's canvas ({@link NumberLine}) of a segmented picture. */
    public float[] canvas(Prepared prepared) {
        if (prepared.segments() == null) {
            throw new IllegalArgumentException("A picture in MNIST form has no number line; classify it");
        }
        return line.canvas(prepared.cleaned(), prepared.segments().pieces());
    }

    NumberSegmenter segmenter() {
        return segmenter;
    }

    Normaliser normaliser() {
        return normaliser;
    }

    /**
     * The working size for a picture: 256 for a square one, as for a single digit, and up to four times that
     * for a long strip, so that its digits are not reduced to a few pixels.
     */
    static int workingSize(BufferedImage picture) {
        if (picture == null) {
            return WORKING_SIZE; // the cleaner explains what is wrong with a null picture
        }
        int longer = Math.max(picture.getWidth(), picture.getHeight());
        int shorter = Math.max(1, Math.min(picture.getWidth(), picture.getHeight()));
        return (int) Math.min(MAX_WORKING_SIZE, Math.round(WORKING_SIZE * Math.max(1.0, (double) longer / shorter)));
    }
}
