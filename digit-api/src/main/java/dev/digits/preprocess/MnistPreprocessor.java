package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
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
 * contrast stretched. A small digit of a large picture (a drawing app's or a web form's canvas, a thin pen) is
 * looked for again where its strokes keep their contrast and cleaned from a close-up at a finer scale, since the
 * working size averages such strokes into faint gray and a photo's grain into blobs. Immutable and safe for
 * concurrent use.
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
        if (!keepStages) {
            // A picture already in MNIST form (MNIST's own, a 28x28 drawing pad's) goes straight through.
            Cleaner.MnistForm quick = cleaner.quickMnistForm(picture);
            if (quick != null) {
                return new Preprocessed(quick.image(), java.util.Map.of(), quick.box());
            }
        }
        CleanedPicture cleaned = null;
        Stages stages;
        DigitCandidate digit = null;
        NoDigitFoundException failure = null;
        try {
            cleaned = cleaner.clean(picture);
            stages = new Stages(keepStages, cleaned.stages());
            Optional<DigitImage> mnistForm = cleaned.mnistForm();
            if (mnistForm.isPresent()) {
                stages.put("28x28", mnistForm.get().toBufferedImage());
                int[] ink = Planes.boundingBox(cleaned.maskArray(), cleaned.width(), cleaned.height());
                return new Preprocessed(mnistForm.get(), stages.map(), cleaned.toInput(ink[0], ink[1], ink[2], ink[3]));
            }
            digit = segmenter.mainDigit(cleaned);
        } catch (NoDigitFoundException e) {
            stages = new Stages(keepStages, e.stages().isEmpty() && cleaned != null ? cleaned.stages() : e.stages());
            failure = e;
        }
        if (cleaner.factorFor(picture) > 1) {
            Optional<DigitCandidate> closer = smallDigit(picture, cleaned, digit, stages);
            if (closer.isPresent()) {
                return finish(closer.get(), null, stages);
            }
        }
        if (digit == null) {
            throw stages.keep() && failure.stages().isEmpty()
                    ? new NoDigitFoundException(failure.getMessage(), stages.map(), failure) : failure;
        }
        return finish(digit, cleaned, stages);
    }

    /** The digit normalised, with its stages; {@code cleaned} is the picture it was found in, null after a close-up. */
    private Preprocessed finish(DigitCandidate digit, CleanedPicture cleaned, Stages stages) {
        if (stages.keep() && cleaned != null) {
            stages.put("cleaned", onWholePicture(digit, cleaned));
        }
        DigitImage image = normaliser.normalise(digit);
        stages.put("28x28", image.toBufferedImage());
        return new Preprocessed(image, stages.map(), digit.box());
    }

    /**
     * A digit whose longer side is below this many working pixels, in a picture that was reduced to the working
     * size, is looked for again and cleaned from a close-up at a finer scale. A digit of 5% of a large canvas drawn
     * with a 1–4 px pen comes out 5 to 30 working pixels tall with strokes of a fraction of a pixel, averaged into
     * faint gray and broken by the threshold (on a photo of paper, its noise can outweigh it); at that size neither
     * its shape nor its stroke width can be measured.
     */
    private static final int SMALL_DIGIT = 40;

    /**
     * A small digit of a large picture (reduced to the working size), cleaned from a close-up, or empty to keep
     * what the working size found ({@code found}, null when nothing). The digit is looked for where the picture
     * reduced keeping each block's most ink-like pixel shows ink: there a thin pen keeps its contrast, and a
     * photo's noise does not add up into blobs. What was located there is taken when the working size found
     * nothing, or only the paper's grain made into blobs by its threshold (a thin pen on a photo of paper: the
     * find has almost no contrast against the paper, measured with the polarity the working size chose; a photo's
     * shading can fool that choice when the ink is a tiny share of the picture), or a small digit elsewhere while
     * what was located stands alone. Else a small digit found at the working size gets its close-up, with the
     * polarity the working size saw; what was located over it is not used, as it can be a part of a bold stroke
     * (its edges stand out from a local paper estimate). A large digit with the contrast of ink is never replaced.
     */
    private Optional<DigitCandidate> smallDigit(BufferedImage picture, CleanedPicture cleaned, DigitCandidate found,
                                                Stages stages) {
        int factor = cleaner.factorFor(picture);
        // The cleaner's own reduction when it kept one: reading a 12 MP photo again would cost milliseconds.
        GrayPlane mean = cleaned != null && cleaned.factor() == factor ? cleaned.reduced().orElse(null) : null;
        if (mean == null) {
            mean = Grayscale.reduced(picture, factor);
        }
        // The polarity the working size's cleaning chose: the find is measured in its own terms.
        boolean foundDark = Polarity.darkInk(mean.values(), mean.width(), mean.height());
        double contrast = found == null ? 0 : SmallInk.contrast(mean, foundDark, found.workingBox(), found.maskArray());
        boolean grain = found != null && contrast < GRAIN_CONTRAST;
        int size = found == null ? 0 : longer(found.workingBox());
        // A digit of a few working pixels is too small to read whatever its pen; one up to SMALL_DIGIT is, unless
        // its strokes were averaged into faint gray (a pen thinner than the blocks).
        boolean foundSmall = found != null && (size < TINY_DIGIT || size < SMALL_DIGIT && contrast < FAINT_CONTRAST);
        if (found != null && !foundSmall && !grain) {
            return Optional.empty();
        }
        boolean darkInk = SmallInk.darkInk(mean);
        Optional<SmallInk.Located> located = SmallInk.locate(picture, factor, darkInk, segmenter);
        if (located.isPresent() && located.get().longer() < SMALL_DIGIT && (found == null || grain
                || located.get().alone() && !overlap(located.get().box(), found.box()))) {
            Optional<DigitCandidate> closer = closeUp(picture, located.get().box(), darkInk, stages);
            if (closer.isPresent()) {
                return closer;
            }
        }
        return foundSmall && !grain ? closeUp(picture, found.box(), foundDark, stages) : Optional.empty();
    }

    /** A digit whose longer side is below this many working pixels always gets a close-up. */
    private static final int TINY_DIGIT = 24;

    /** Below this contrast against the paper, a digit's strokes are thinner than the working size's blocks. */
    private static final double FAINT_CONTRAST = 0.7;

    /** Below this mean contrast against the paper, what the working size found is a photo's grain, not ink. */
    private static final double GRAIN_CONTRAST = 0.15;

    /** Whether box {@code a} overlaps or touches {@code b} grown by a quarter of its size on each side. */
    private static boolean overlap(Box a, Box b) {
        int mx = b.width() / 4 + 1;
        int my = b.height() / 4 + 1;
        return a.x() < b.right() + mx && b.x() - mx < a.right() && a.y() < b.bottom() + my && b.y() - my < a.bottom();
    }

    private static int longer(Box box) {
        return Math.max(box.width(), box.height());
    }

    /**
     * The digit cleaned again from a crop of the picture around {@code box} (in the picture's pixels), a box's
     * size of margin on each side so that the background has paper to be measured on; empty when the crop is
     * not finer than the whole picture or holds no digit.
     */
    private Optional<DigitCandidate> closeUp(BufferedImage picture, Box box, boolean darkInk, Stages stages) {
        int margin = Math.max(CLOSE_UP_MARGIN, Math.max(box.width(), box.height()));
        int x0 = Math.max(0, box.x() - margin);
        int y0 = Math.max(0, box.y() - margin);
        int x1 = Math.min(picture.getWidth(), box.right() + margin);
        int y1 = Math.min(picture.getHeight(), box.bottom() + margin);
        if (x1 - x0 >= picture.getWidth() && y1 - y0 >= picture.getHeight()) {
            return Optional.empty();
        }
        CleanedPicture close;
        DigitCandidate found;
        try {
            close = cleaner.withDarkInk(darkInk).withNoiseFloor(true).clean(crop(picture, x0, y0, x1 - x0, y1 - y0));
            if (close.mnistForm().isPresent()) {
                return Optional.empty();
            }
            found = segmenter.mainDigit(close);
        } catch (NoDigitFoundException e) {
            return Optional.empty();
        }
        if (stages.keep()) {
            close.stages().forEach((name, stage) -> stages.put("close-up " + name, stage));
            stages.put("close-up cleaned", onWholePicture(found, close));
        }
        Box inCrop = found.box();
        Box inPicture = new Box(inCrop.x() + x0, inCrop.y() + y0, inCrop.width(), inCrop.height());
        return Optional.of(new DigitCandidate(inPicture, found.workingBox(), found.maskArray(), found.area()));
    }

    /** The least margin of a close-up, in the picture's pixels. */
    private static final int CLOSE_UP_MARGIN = 16;

    /**
     * A copy of part of the picture with its own raster, so that the cleaner reads its samples as it reads a
     * whole picture's (a sub-image would go through colour conversion).
     */
    private static BufferedImage crop(BufferedImage picture, int x, int y, int width, int height) {
        WritableRaster raster = picture.getRaster().createCompatibleWritableRaster(width, height);
        // Raster.setRect copies nothing from an interleaved byte raster into a smaller one; data elements copy any.
        raster.setDataElements(0, 0, width, height, picture.getRaster().getDataElements(x, y, width, height, null));
        return new BufferedImage(picture.getColorModel(), raster, picture.isAlphaPremultiplied(), null);
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
