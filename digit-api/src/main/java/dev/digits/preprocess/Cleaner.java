package dev.digits.preprocess;

import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.image.BufferedImage;
import dev.digits.Box;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The first stage of the MNIST procedure: from a picture to a binary ink mask at a working size.
 * <ol>
 * <li>gray, shrunk by an integer factor with block averaging so that the longer side is at most the
 * working size (photos are large, and every later step costs per pixel);</li>
 * <li>polarity: dark ink on light paper is inverted to light on dark;</li>
 * <li>a picture already in MNIST form stops here (see {@link CleanedPicture#mnistForm()});</li>
 * <li>background removal: shadows, uneven lighting and tinted paper are subtracted;</li>
 * <li>the lines of ruled or squared paper are removed;</li>
 * <li>Otsu threshold.</li>
 * </ol>
 * Immutable and safe for concurrent use; the {@code with…} methods return changed copies.
 */
public final class Cleaner {
    private static final int SIZE = DigitImage.MNIST_SIZE;

    private final int workingSize;
    private final boolean removeRuledLines;
    private final float minContrast;
    private final boolean keepStages;
    private final boolean localBackground;
    /** The ink's polarity when the caller has decided it (true: dark ink on light paper), else null. */
    private final Boolean darkInk;
    /** Whether the threshold stays above the paper's noise (see {@link #withNoiseFloor}). */
    private final boolean noiseFloor;

    /** Working size 256, ruled lines removed, least contrast 0.12, no stage pictures, background by opening. */
    public Cleaner() {
        this(256, true, 0.12f, false, false, null, false);
    }

    private Cleaner(int workingSize, boolean removeRuledLines, float minContrast, boolean keepStages,
                    boolean localBackground, Boolean darkInk, boolean noiseFloor) {
        this.workingSize = workingSize;
        this.removeRuledLines = removeRuledLines;
        this.minContrast = minContrast;
        this.keepStages = keepStages;
        this.localBackground = localBackground;
        this.darkInk = darkInk;
        this.noiseFloor = noiseFloor;
    }

    /**
     * This cleaner with the ink's polarity given instead of decided from the picture's gray levels (null: decide).
     * A close-up of a small digit cut from a large picture is cleaned with the polarity found on the whole
     * picture: the crop's own tails are too few pixels, and a crop across a shadow's edge could flip them.
     */
    Cleaner withDarkInk(Boolean value) {
        return new Cleaner(workingSize, removeRuledLines, minContrast, keepStages, localBackground, value, noiseFloor);
    }

    /**
     * This cleaner with a threshold that stays {@value #NOISE_SIGMAS} noise deviations above the paper (the median
     * and the median absolute deviation of the background-removed plane). A close-up of a thin pen on a photo of
     * paper sees the pen at the same resolution as the paper's grain, and Otsu's threshold, measured mostly on
     * paper, falls into the grain; at a working size that averages blocks of pixels the grain is averaged away.
     */
    Cleaner withNoiseFloor(boolean value) {
        return new Cleaner(workingSize, removeRuledLines, minContrast, keepStages, localBackground, darkInk, value);
    }

    /** How many noise deviations above the paper's median the threshold stays with {@link #withNoiseFloor}. */
    private static final float NOISE_SIGMAS = 4;

    /**
     * Whether to estimate the background locally, at the scale of the strokes (a median over a window a few
     * stroke widths wide), after a first pass with the wide opening has shown how wide the strokes are.
     * Pages photographed whole need it (hard-edged shadows, steep gradients, vignettes, dark borders); a
     * picture of one digit does not, and keeps the wide opening by default.
     */
    public Cleaner withLocalBackground(boolean value) {
        return new Cleaner(workingSize, removeRuledLines, minContrast, keepStages, value, darkInk, noiseFloor);
    }

    /**
     * Longer side the picture is shrunk to, at most, before cleaning; it is shrunk by a whole factor, so
     * it may come out smaller.
     *
     * @throws IllegalArgumentException below 28
     */
    public Cleaner withWorkingSize(int pixels) {
        if (pixels < SIZE) {
            throw new IllegalArgumentException("workingSize must be at least 28, got " + pixels);
        }
        return new Cleaner(pixels, removeRuledLines, minContrast, keepStages, localBackground, darkInk, noiseFloor);
    }

    /** Whether to remove the lines of ruled or squared paper. */
    public Cleaner withRuledLineRemoval(boolean value) {
        return new Cleaner(workingSize, value, minContrast, keepStages, localBackground, darkInk, noiseFloor);
    }

    /** Least ink contrast (0..1) after background removal for a picture not to count as blank. */
    public Cleaner withMinContrast(float value) {
        return new Cleaner(workingSize, removeRuledLines, value, keepStages, localBackground, darkInk, noiseFloor);
    }

    /** Whether to keep a picture of every step in {@link CleanedPicture#stages()}. */
    public Cleaner withStages(boolean keep) {
        return new Cleaner(workingSize, removeRuledLines, minContrast, keep, localBackground, darkInk, noiseFloor);
    }

    /**
     * Cleans a picture.
     *
     * @throws NoDigitFoundException         when the picture is blank or too faint
     * @throws dev.digits.BadImageException when the picture is null
     */
    public CleanedPicture clean(BufferedImage picture) {
        Stages stages = new Stages(keepStages);
        int factor = factorFor(picture);
        GrayPlane gray = Grayscale.reduced(picture, factor);
        stages.put("input", picture);
        stages.put("gray", gray);
        int w = gray.width();
        int h = gray.height();
        boolean darkInk = this.darkInk != null ? this.darkInk
                : localBackground ? Polarity.darkInkLocally(gray.values(), w, h)
                : Polarity.darkInk(gray.values(), w, h);
        float[] ink = darkInk ? Planes.inverted(gray.values()) : gray.values();
        if (darkInk) {
            stages.put("inverted", new GrayPlane(ink, w, h));
        }
        CleanedPicture mnistForm = passThrough(picture, ink, w, h, stages);
        if (mnistForm != null) {
            return mnistForm;
        }
        float[] flat = Background.subtract(ink, w, h);
        if (localBackground) {
            flat = subtractLocally(ink, flat, w, h, stages);
        }
        float top = Threshold.percentile(flat, contrastPercentile(flat.length));
        if (top < minContrast) {
            stages.put("background removed", new GrayPlane(flat, w, h));
            throw new NoDigitFoundException("No ink found: the picture is blank or too faint (contrast "
                    + Math.round(top * 100) + "% after background removal); give a picture with a visible digit",
                    stages.map(), null);
        }
        for (int i = 0; i < flat.length; i++) {
            flat[i] = Math.min(1f, flat[i] / top);
        }
        stages.put("background removed", new GrayPlane(flat, w, h));
        if (removeRuledLines && Background.removeLines(flat, w, h)) {
            stages.put("lines removed", new GrayPlane(flat, w, h));
        }
        float threshold = Math.max(0.2f, Threshold.otsu(flat));
        if (noiseFloor) {
            threshold = Math.max(threshold, aboveNoise(flat));
        }
        byte[] mask = new byte[flat.length];
        for (int i = 0; i < flat.length; i++) {
            mask[i] = (byte) (flat[i] > threshold ? 1 : 0);
        }
        if (localBackground) {
            float weak = Math.max(HYSTERESIS * threshold, aboveHalfNoise(flat));
            if (weak < threshold) {
                growThroughWeakInk(mask, flat, weak, w, h);
            }
        }
        stages.put("threshold", Planes.ofMask(mask, w, h));
        return new CleanedPicture(mask, w, h, factor, picture.getWidth(), picture.getHeight(), null, stages.map(), gray);
    }

    /**
     * The plane minus a background estimated at the scale of its strokes. The first pass ({@code wide}, the
     * wide opening), thresholded, shows how wide the strokes are (solid regions left out: a shadow's edge or a
     * dark border left by the wide opening); the median window is three stroke widths. Measured on synthetic
     * numbers photographed in shadow, the wide opening alone read 16 of 25, this 23 of 25; on clean synthetic
     * numbers it costs about one point (0.960 against 0.948 of 600 validation numbers by segmentation).
     */
    private static float[] subtractLocally(float[] ink, float[] wide, int w, int h, Stages stages) {
        float top = Threshold.percentile(wide, contrastPercentile(wide.length));
        if (top <= 0) {
            return wide;
        }
        // Above the paper's noise too: on faint ink Otsu's threshold falls among the specks of noise, whose
        // one-pixel runs would set the window so small that it takes a bold stroke for background.
        float threshold = Math.max(Math.max(0.2f * top, Threshold.otsu(wide)), aboveNoise(wide));
        byte[] mask = new byte[wide.length];
        for (int i = 0; i < wide.length; i++) {
            mask[i] = (byte) (wide[i] > threshold ? 1 : 0);
        }
        int cap = Math.max(4, Math.min(w, h) / 4);
        Background.Strokes strokes = Background.strokes(mask, w, h, cap);
        int radius = (int) Math.max(LOCAL_MIN_RADIUS, Math.min(cap, Math.round(LOCAL_STROKES * Math.max(1, strokes.width()))));
        stages.put("wide background removed (strokes " + Math.round(strokes.width()) + " px, "
                + Math.round(100 * strokes.solidShare()) + "% solid)", new GrayPlane(wide, w, h));
        return Background.subtractLocal(ink, w, h, radius);
    }

    /**
     * The share of the threshold down to which ink joined to ink above it is kept, on a photographed page: a
     * faint or thin digit beside bolder ones (pencil, a pen running dry) comes out of the threshold in pieces
     * too small to be read, and its pieces are joined through the fainter ink between them.
     */
    private static final float HYSTERESIS = 0.5f;

    /**
     * Adds to the mask the ink above {@code weak} joined (8-connected) to ink already in it, one region of
     * such ink at a time, and only where the region is at most {@value #GROWTH_LIMIT} times the mask's ink
     * in it: more than that is the paper's grain that the weaker threshold lets percolate, not a stroke.
     */
    private static void growThroughWeakInk(byte[] mask, float[] flat, float weak, int w, int h) {
        byte[] weakMask = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            weakMask[i] = (byte) (flat[i] > weak || mask[i] != 0 ? 1 : 0);
        }
        Components.Labelling regions = Components.label(weakMask, w, h);
        int[] strong = new int[regions.components().size() + 1];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                strong[regions.labels()[i]]++;
            }
        }
        boolean[] grown = new boolean[strong.length];
        for (Components.Component region : regions.components()) {
            grown[region.label()] = strong[region.label()] > 0 && region.area() <= GROWTH_LIMIT * strong[region.label()];
        }
        for (int i = 0; i < mask.length; i++) {
            if (grown[regions.labels()[i]]) {
                mask[i] = 1;
            }
        }
    }

    /** The most a region of weaker ink may outgrow the mask's ink in it (see {@link #growThroughWeakInk}). */
    private static final int GROWTH_LIMIT = 3;

    /**
     * The paper's median plus {@value #NOISE_SIGMAS} noise deviations, the deviation taken from the upper half
     * of the values (their third quartile's distance from the median): on a plane with a local median
     * subtracted and clipped at zero, half the paper is zero and the median absolute deviation says nothing.
     */
    private static float aboveHalfNoise(float[] flat) {
        float median = Threshold.percentile(flat, 0.5);
        float quartile = Threshold.percentile(flat, 0.75);
        return median + NOISE_SIGMAS * (quartile - median) / 0.6745f;
    }

    /** The paper's median plus {@value #NOISE_SIGMAS} noise deviations (from the median absolute deviation). */
    private static float aboveNoise(float[] flat) {
        float median = Threshold.percentile(flat, 0.5);
        float[] deviations = new float[flat.length];
        for (int i = 0; i < flat.length; i++) {
            deviations[i] = Math.abs(flat[i] - median);
        }
        return median + NOISE_SIGMAS * 1.4826f * Threshold.percentile(deviations, 0.5);
    }

    /** The local background's window radius, in stroke widths. */
    private static final double LOCAL_STROKES = 3;
    /** The local background's least window radius, in working pixels. */
    private static final int LOCAL_MIN_RADIUS = 4;

    /**
     * The percentile whose value is the ink's contrast: the brightest 0.2% of the plane, but never more than
     * {@value #CONTRAST_PIXELS} pixels. A small digit drawn with a thin pen on a large canvas covers far less
     * than 0.2% of it (a 60×90 seven with a 2-pixel pen on 800×600 covers 0.07%), and a percentile alone would
     * call such a picture blank; a few dozen pixels are still far more than the specks of a blank page's noise,
     * which the segmenter refuses later in any case.
     */
    static double contrastPercentile(int pixels) {
        return Math.max(0.998, 1 - (double) CONTRAST_PIXELS / pixels);
    }

    /** The fewest pixels the ink's contrast is measured on. */
    private static final int CONTRAST_PIXELS = 16;

    /** How many picture pixels along each side one working pixel averages, for this cleaner's working size. */
    int factorFor(BufferedImage picture) {
        if (picture == null) {
            return 1; // Grayscale explains what is wrong with a null picture
        }
        return Math.max(1, (int) Math.ceil(Math.max(picture.getWidth(), picture.getHeight()) / (double) workingSize));
    }

    /**
     * The picture itself when it is already in MNIST form: 28×28, dark border, anti-aliased ink within a
     * 22-pixel box whose centre of mass is near the middle. Its contrast is stretched to [0, 1]; the mask
     * marks what counts as ink there, so that the digit can still be located.
     */
    private static CleanedPicture passThrough(BufferedImage picture, float[] ink, int w, int h, Stages stages) {
        if (w != SIZE || h != SIZE) {
            return null;
        }
        MnistForm form = mnistForm(ink);
        return form == null ? null : new CleanedPicture(form.mask(), w, h, 1, picture.getWidth(), picture.getHeight(),
                form.image(), stages.map(), null);
    }

    /** A picture found to be in MNIST form: its contrast-stretched ink and the mask of its strokes. */
    record MnistForm(DigitImage image, byte[] mask, Box box) {
    }

    /**
     * Whether 28×28 ink values (light ink on dark) are in MNIST form: a dark border, a digit of 12 to 22 pixels
     * with anti-aliased edges and its centre of mass within 2.5 pixels of the middle. Returns the ink with its
     * contrast stretched, or null.
     */
    private static MnistForm mnistForm(float[] ink) {
        float background = Planes.borderMean(ink, SIZE, SIZE);
        float max = 0;
        for (float v : ink) {
            max = Math.max(max, v);
        }
        if (background > 0.15f || max - background < 0.2f) {
            return null;
        }
        // One pass makes the stretched ink, its mask, the mask's box, the anti-aliasing count and the centre of
        // mass: a picture already in MNIST form is meant to cost next to nothing.
        // A multiplication by the reciprocal, not a division per pixel: the divisions were half this check's time.
        float inverseRange = 1f / (max - background);
        float[] stretched = new float[ink.length];
        byte[] mask = new byte[ink.length];
        int minX = SIZE;
        int minY = SIZE;
        int maxX = -1;
        int maxY = -1;
        int inked = 0;
        int gray = 0;
        double sum = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < SIZE; y++) {
            float rowSum = 0;
            float rowX = 0;
            for (int x = 0; x < SIZE; x++) {
                int i = y * SIZE + x;
                float v = Math.max(0f, Math.min(1f, (ink[i] - background) * inverseRange));
                stretched[i] = v;
                if (v > 0.25f) {
                    mask[i] = 1;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = y;
                }
                if (v > 0.1f) {
                    inked++;
                    gray += v < 0.9f ? 1 : 0;
                }
                rowSum += v;
                rowX += v * x;
            }
            sum += rowSum;
            sumX += rowX;
            sumY += (double) rowSum * y;
        }
        return shaped(minX, minY, maxX, maxY, inked, gray, sum, sumX, sumY)
                ? new MnistForm(DigitImage.mnist(stretched), mask, new Box(minX, minY, maxX - minX + 1, maxY - minY + 1))
                : null;
    }

    /**
     * Whether stretched ink is shaped as MNIST's: its mask's box (none when {@code maxX < 0}) 12 to 22 pixels on its
     * longer side, anti-aliased edges ({@code gray} of the {@code inked} pixels) and its centre of mass (from the sums
     * of values, of values × x and of values × y) within 2.5 pixels of the middle.
     */
    static boolean shaped(int minX, int minY, int maxX, int maxY, int inked, int gray, double sum, double sumX,
                                  double sumY) {
        int longer = maxX < 0 ? 0 : Math.max(maxX - minX + 1, maxY - minY + 1);
        // MNIST's digits were anti-aliased when scaled into their box, so about half their ink pixels are gray; a
        // hard-edged paint drawing has none and is better redone (its strokes are often hairlines).
        double antiAliased = inked == 0 ? 0 : (double) gray / inked;
        if (longer < 12 || longer > 22 || antiAliased < 0.15 || sum == 0) {
            return false;
        }
        return !(Math.abs(sumX / sum - Moments.CENTRE) > 2.5 || Math.abs(sumY / sum - Moments.CENTRE) > 2.5);
    }

    /**
     * The pass-through of a picture already in MNIST form, read straight from its bytes ({@link PassThrough}): what
     * {@link #clean} would pass through, bit for bit, or null when the picture is not plainly such a picture (then
     * {@link #clean} decides). Only for a cleaner that decides the polarity from the picture's gray levels (the
     * default).
     */
    MnistForm quickMnistForm(BufferedImage picture) {
        return localBackground || darkInk != null ? null : PassThrough.mnistForm(picture);
    }

    /**
     * The result of the {@link Cleaner}: which pixels are ink, at the working size the picture was reduced
     * to, with what is needed to map positions back to the picture that was given. Immutable: the mask is
     * copied in and out. Stage pictures are shared, not copied: do not draw on them.
     */
    public static final class CleanedPicture {
        private final byte[] mask;
        private final int width;
        private final int height;
        private final int factor;
        private final int inputWidth;
        private final int inputHeight;
        private final DigitImage mnistForm;
        private final Map<String, BufferedImage> stages;
        /**
         * The given picture reduced to the working size, as the cleaner read it (shared, never changed), so that a
         * later look at the same reduction does not read a large picture again; null when not kept.
         */
        private final GrayPlane reduced;

        CleanedPicture(byte[] mask, int width, int height, int factor, int inputWidth, int inputHeight,
                       DigitImage mnistForm, Map<String, BufferedImage> stages, GrayPlane reduced) {
            if (mask.length != width * height) {
                throw new IllegalArgumentException(mask.length + " mask pixels for " + width + "x" + height);
            }
            this.mask = mask;
            this.width = width;
            this.height = height;
            this.factor = factor;
            this.inputWidth = inputWidth;
            this.inputHeight = inputHeight;
            this.mnistForm = mnistForm;
            this.stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
            this.reduced = reduced;
        }

        /** A copy of the ink mask, row-major, {@code width × height} values of 1 (ink) or 0 (paper). */
        public byte[] mask() {
            return mask.clone();
        }

        /** Whether the working-size pixel (x, y) is ink. */
        public boolean isInk(int x, int y) {
            return mask[y * width + x] != 0;
        }

        /** Columns of the mask (the working size, not the input's). */
        public int width() {
            return width;
        }

        /** Rows of the mask. */
        public int height() {
            return height;
        }

        /** How many input pixels one mask pixel spans along each side (1 when the picture was not reduced). */
        public int factor() {
            return factor;
        }

        /** Columns of the picture that was given. */
        public int inputWidth() {
            return inputWidth;
        }

        /** Rows of the picture that was given. */
        public int inputHeight() {
            return inputHeight;
        }

        /**
         * The picture itself, contrast stretched, when it was already in MNIST form (28×28, light ink on dark,
         * centred, anti-aliased); then segmentation and normalisation would only degrade it. Empty otherwise.
         */
        public Optional<DigitImage> mnistForm() {
            return Optional.ofNullable(mnistForm);
        }

        /** Stage pictures in the order they were made, empty unless the cleaner was asked to keep them. */
        public Map<String, BufferedImage> stages() {
            return stages;
        }

        /**
         * The input-picture rectangle that the mask pixels from (minX, minY) to (maxX, maxY) inclusive come
         * from. Reduction drops the input's last few columns and rows when its size is not a multiple of
         * {@link #factor()}, hence the clamping.
         */
        public Box toInput(int minX, int minY, int maxX, int maxY) {
            int x = Math.min(minX * factor, inputWidth - 1);
            int y = Math.min(minY * factor, inputHeight - 1);
            int right = Math.min(inputWidth, (maxX + 1) * factor);
            int bottom = Math.min(inputHeight, (maxY + 1) * factor);
            return new Box(x, y, Math.max(1, right - x), Math.max(1, bottom - y));
        }

        /**
         * This picture with another mask of the same size, and, when stages are kept, the mask as a stage
         * named {@code stage}.
         */
        CleanedPicture withMask(byte[] newMask, String stage) {
            Map<String, BufferedImage> more = new LinkedHashMap<>(stages);
            if (!stages.isEmpty()) {
                more.put(stage, Planes.ofMask(newMask, width, height).toImage());
            }
            return new CleanedPicture(newMask, width, height, factor, inputWidth, inputHeight, mnistForm, more, reduced);
        }

        /** The given picture reduced to the working size (light or dark ink as given), when the cleaner kept it. */
        Optional<GrayPlane> reduced() {
            return Optional.ofNullable(reduced);
        }

        /** The mask without copying, for the segmenter; never handed out. */
        byte[] maskArray() {
            return mask;
        }
    }
}
