package dev.digits.data;

import dev.digits.Box;
import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic pictures of handwritten numbers built from MNIST digits, to measure (and later train) number
 * readers: 1 to {@value #MAX_LENGTH} digits, each length equally frequent (sample {@code i} has
 * {@code 1 + i % 6} digits), with random digits, sizes, gaps and baselines, dark ink on white paper. Every
 * digit comes from the one {@link DigitDataset} the set is built from: build it from MNIST's test digits to
 * evaluate ({@link #mnistTest}) and from its training digits to train ({@link #mnistTraining}); a set never
 * mixes the two. Sample {@code i} depends only on the digits, the variant, the seed and {@code i}. Immutable
 * and safe for concurrent use.
 */
public final class SyntheticNumbers {
    /** The seed of the evaluation sets of {@code digits evaluate-numbers}. */
    public static final long DEFAULT_SEED = 2024;
    /** The most digits a number has. */
    public static final int MAX_LENGTH = 6;

    /** How neighbouring digits stand. */
    public enum Variant {
        /** Digits never touch: at least two blank columns between neighbours' ink. */
        SEPARATED,
        /** Neighbours touch, or their ink overlaps by up to three pixels. */
        TOUCHING;

        /** The variant's name on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The variant of a command-line name.
         *
         * @throws IllegalArgumentException for an unknown name
         */
        public static Variant of(String label) {
            for (Variant v : values()) {
                if (v.label().equals(label.toLowerCase(Locale.ROOT))) {
                    return v;
                }
            }
            throw new IllegalArgumentException("Unknown variant '" + label + "'; known: separated, touching");
        }
    }

    /**
     * One number.
     *
     * @param picture the picture, dark ink on white
     * @param text    its digits, left to right
     * @param boxes   each digit's ink box in the picture, left to right
     * @param sources each digit's index in the data set the set was built from
     */
    public record Sample(BufferedImage picture, String text, List<Box> boxes, List<Integer> sources) {
        public Sample {
            boxes = List.copyOf(boxes);
            sources = List.copyOf(sources);
        }
    }

    private static final float[] WHITE = {1f, 1f, 1f};
    private static final float[] BLACK = {0f, 0f, 0f};

    private final DigitDataset digits;
    private final Variant variant;
    private final long seed;
    private final int maxLength;

    /**
     * @param digits  the only digits used
     * @param variant how neighbours stand
     * @param seed    fixes every random choice
     */
    public SyntheticNumbers(DigitDataset digits, Variant variant, long seed) {
        this(digits, variant, seed, MAX_LENGTH);
    }

    /**
     * Numbers of 1 to {@code maxLength} digits: sample {@code i} has {@code 1 + i % maxLength}.
     *
     * @param digits    the only digits used
     * @param variant   how neighbours stand
     * @param seed      fixes every random choice
     * @param maxLength the most digits a number has, at least 1
     */
    public SyntheticNumbers(DigitDataset digits, Variant variant, long seed, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        this.digits = java.util.Objects.requireNonNull(digits, "digits");
        this.variant = java.util.Objects.requireNonNull(variant, "variant");
        this.seed = seed;
        this.maxLength = maxLength;
    }

    /** The most digits a number has. */
    public int maxLength() {
        return maxLength;
    }

    /** Numbers of MNIST test digits, for evaluation; fetches MNIST when it is missing. */
    public static SyntheticNumbers mnistTest(Variant variant, long seed) {
        return new SyntheticNumbers(Mnist.fromDataFolder().test(), variant, seed);
    }

    /** Numbers of MNIST training digits, for training a number reader; fetches MNIST when it is missing. */
    public static SyntheticNumbers mnistTraining(Variant variant, long seed) {
        return new SyntheticNumbers(Mnist.fromDataFolder().train(), variant, seed);
    }

    /** The digits the numbers are made of. */
    public DigitDataset digits() {
        return digits;
    }

    /** How neighbours stand. */
    public Variant variant() {
        return variant;
    }

    /** Number {@code index} (0 or more). */
    public Sample sample(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be at least 0, got " + index);
        }
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index * 31L + variant.ordinal());
        int length = 1 + index % maxLength;
        // One size per number, as one writer's digits are alike; each digit varies a little around it.
        double height = 24 + random.nextInt(33);
        int margin = 8 + random.nextInt(17);
        List<Glyph> glyphs = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < length; k++) {
            int source = random.nextInt(digits.size());
            sources.add(source);
            text.append(digits.label(source));
            glyphs.add(Glyph.of(digits.image(source), height * (0.88 + 0.24 * random.nextDouble())));
        }
        int canvasHeight = 2 * margin + (int) Math.ceil(height * 1.5);
        int canvasWidth = 2 * margin + glyphs.stream().mapToInt(g -> g.width + (int) height).sum();
        float[] ink = new float[canvasWidth * canvasHeight];
        List<Box> boxes = new ArrayList<>();
        int right = margin;
        for (Glyph glyph : glyphs) {
            // Baselines wander by up to a tenth of the height either way.
            int y = margin + (int) Math.round(height * (0.2 + 0.2 * random.nextDouble())) + (int) height - glyph.height;
            y = Math.max(0, Math.min(canvasHeight - glyph.height, y));
            int x = boxes.isEmpty() ? margin : variant == Variant.SEPARATED
                    ? right + 2 + random.nextInt(Math.max(1, (int) (0.4 * height)))
                    : touchingX(ink, canvasWidth, glyph, y, right, random.nextInt(4));
            if (!boxes.isEmpty()) {
                // A narrow digit beside a wide one could slide under it; neighbours stay in reading order.
                Box previous = boxes.get(boxes.size() - 1);
                x = Math.max(x, previous.x() + Math.max(1, previous.width() / 2));
            }
            glyph.drawOn(ink, canvasWidth, x, y);
            boxes.add(new Box(x, y, glyph.width, glyph.height));
            right = Math.max(right, x + glyph.width);
        }
        int width = Math.min(canvasWidth, right + margin);
        float[] cropped = new float[width * canvasHeight];
        for (int y = 0; y < canvasHeight; y++) {
            System.arraycopy(ink, y * canvasWidth, cropped, y * width, width);
        }
        float[] rgb = Drawing.paint(cropped, width, canvasHeight, WHITE, BLACK);
        return new Sample(Drawing.toImage(rgb, width, canvasHeight), text.toString(), boxes, sources);
    }

    /**
     * The left edge at which a glyph drawn at row {@code y} touches the ink already on the canvas and overlaps
     * it by {@code overlap} columns (0: the nearest ink pixels are neighbours, so the two are one 8-connected
     * piece). Without a row in common it is placed {@code overlap} columns into the previous box.
     */
    private static int touchingX(float[] ink, int canvasWidth, Glyph glyph, int y, int previousRight, int overlap) {
        int best = Integer.MIN_VALUE;
        for (int row = 0; row < glyph.height; row++) {
            int glyphLeft = glyph.leftInk(row);
            if (glyphLeft < 0) {
                continue;
            }
            int canvasRight = -1;
            int base = (y + row) * canvasWidth;
            for (int x = previousRight - 1; x >= 0; x--) {
                if (ink[base + x] > Glyph.INK) {
                    canvasRight = x;
                    break;
                }
            }
            if (canvasRight >= 0) {
                best = Math.max(best, canvasRight + 1 - glyphLeft - overlap);
            }
        }
        return best == Integer.MIN_VALUE ? previousRight - overlap : best;
    }

    /** One MNIST digit's ink, cropped to its box and scaled to a height. */
    private static final class Glyph {
        /** Coverage above which a pixel counts as ink for touching. */
        static final float INK = 0.5f;

        final float[] ink;
        final int width;
        final int height;

        private Glyph(float[] ink, int width, int height) {
            this.ink = ink;
            this.width = width;
            this.height = height;
        }

        static Glyph of(DigitImage digit, double targetHeight) {
            int[] box = Drawing.inkBox(digit);
            int inkWidth = Math.max(1, box[2] - box[0] + 1);
            int inkHeight = Math.max(1, box[3] - box[1] + 1);
            double scale = targetHeight / inkHeight;
            int w = Math.max(1, (int) Math.round(inkWidth * scale));
            int h = Math.max(1, (int) Math.round(inkHeight * scale));
            float[] ink = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ink[y * w + x] = Drawing.sample(digit, box[0] + (x + 0.5) / scale - 0.5, box[1] + (y + 0.5) / scale - 0.5);
                }
            }
            return new Glyph(ink, w, h);
        }

        /** The first ink column of a row, or -1. */
        int leftInk(int row) {
            for (int x = 0; x < width; x++) {
                if (ink[row * width + x] > INK) {
                    return x;
                }
            }
            return -1;
        }

        /** Lays the ink on a canvas; where two digits overlap the darker ink wins. */
        void drawOn(float[] canvas, int canvasWidth, int left, int top) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = (top + y) * canvasWidth + left + x;
                    canvas[p] = Math.max(canvas[p], ink[y * width + x]);
                }
            }
        }
    }
}
