package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The input of a learned number reader: the ink of a number's digits (separators and specks left out by the
 * {@link NumberSegmenter}) scaled so that the line is {@value #INK_HEIGHT} pixels high, laid left-aligned on a
 * {@value #HEIGHT}×{@value #WIDTH} canvas, light ink (1) on dark (0) as in MNIST. A line too long for the
 * canvas at that height is scaled to fit its width instead. Each output pixel is the share of ink in the
 * mask pixels it covers (sampled on a 4×4 grid), so lines of every working size come out alike. Gaps between
 * pieces wider than {@value #MAX_GAP} of the line's height are narrowed to that ({@link Narrowing}): the reader
 * learned from numbers whose digits stand at most 0.4 digit heights apart, and a number written with wide gaps
 * would otherwise be shrunk to a few columns a digit. Stateless.
 */
public final class NumberLine {
    /** Rows of the canvas. */
    public static final int HEIGHT = 32;
    /** Columns of the canvas. */
    public static final int WIDTH = 256;
    /** Height of the line's ink on the canvas. */
    public static final int INK_HEIGHT = 24;
    /** Blank columns left of the ink, and at least as many right of it. */
    public static final int LEFT = 2;
    /** Values per canvas. */
    public static final int PIXELS = HEIGHT * WIDTH;
    private static final int SAMPLES = 4;
    /** The widest gap between pieces kept on the canvas, in heights of the line's ink. */
    public static final double MAX_GAP = 0.6;

    private final NumberSegmenter segmenter;

    /** A line builder that joins pieces with the given segmenter. */
    public NumberLine(NumberSegmenter segmenter) {
        this.segmenter = segmenter;
    }

    private static double scale(int inkWidth, int inkHeight) {
        return Math.min((double) INK_HEIGHT / inkHeight, (double) (WIDTH - 2 * LEFT) / inkWidth);
    }

    /**
     * How many canvas columns a line's ink of this size spans (from {@link #LEFT}); the scale is the same in the
     * input picture's and the working picture's coordinates, as both keep the aspect.
     */
    public static double canvasInkWidth(int inkWidth, int inkHeight) {
        return inkWidth * scale(inkWidth, inkHeight);
    }

    /**
     * The canvas of a number's pieces.
     *
     * @param picture the cleaned picture the pieces were found in
     * @param pieces  the number's digit ink ({@link NumberSegmenter.Segments#pieces()})
     * @return {@value #PIXELS} values in [0, 1], row by row
     */
    public float[] canvas(CleanedPicture picture, List<NumberSegmenter.Piece> pieces) {
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("A number line needs at least one piece of ink");
        }
        DigitCandidate ink = segmenter.join(picture, pieces.stream().map(NumberSegmenter.Piece::candidate).toList());
        Box box = ink.workingBox();
        byte[] mask = ink.maskArray();
        Narrowing narrowing = Narrowing.of(pieces.stream().map(p -> p.candidate().workingBox()).toList());
        double scale = scale(narrowing.width(), box.height());
        int width = Math.max(1, (int) Math.round(narrowing.width() * scale));
        int height = Math.max(1, (int) Math.round(box.height() * scale));
        int top = (HEIGHT - height) / 2;
        float[] canvas = new float[PIXELS];
        double stepX = (double) narrowing.width() / width / SAMPLES;
        double stepY = (double) box.height() / height / SAMPLES;
        // The mask column of each sample across the canvas: the same on every row.
        int[] sampleColumns = new int[width * SAMPLES];
        for (int sample = 0; sample < sampleColumns.length; sample++) {
            int nx = Math.min(narrowing.width() - 1, (int) ((sample + 0.5) * stepX));
            sampleColumns[sample] = Math.min(box.width() - 1, narrowing.original(nx));
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int hits = 0;
                for (int sy = 0; sy < SAMPLES; sy++) {
                    int my = Math.min(box.height() - 1, (int) ((y * SAMPLES + sy + 0.5) * stepY));
                    for (int sx = 0; sx < SAMPLES; sx++) {
                        int mx = sampleColumns[x * SAMPLES + sx];
                        hits += mask[my * box.width() + mx];
                    }
                }
                canvas[(top + y) * WIDTH + LEFT + x] = hits / (float) (SAMPLES * SAMPLES);
            }
        }
        return canvas;
    }

    /**
     * A line's extent with every gap between its pieces wider than {@link #MAX_GAP} heights narrowed to that width:
     * x positions measured from the line's left edge, in the coordinates of the boxes it was made from. Immutable.
     */
    public static final class Narrowing {
        private final int width;
        /** Where each kept run of the line starts, narrowed, and how far right of that it lies in the line. */
        private final int[] narrowedStarts;
        private final int[] shifts;

        private Narrowing(int width, int[] narrowedStarts, int[] shifts) {
            this.width = width;
            this.narrowedStarts = narrowedStarts;
            this.shifts = shifts;
        }

        /**
         * The narrowing of a line made of pieces with these boxes (any one coordinate system).
         *
         * @throws IllegalArgumentException when there are no boxes
         */
        public static Narrowing of(List<Box> pieces) {
            if (pieces.isEmpty()) {
                throw new IllegalArgumentException("A number line needs at least one piece of ink");
            }
            List<Box> sorted = pieces.stream().sorted(Comparator.comparingInt(Box::x)).toList();
            int left = sorted.get(0).x();
            int top = sorted.stream().mapToInt(Box::y).min().orElseThrow();
            int bottom = sorted.stream().mapToInt(Box::bottom).max().orElseThrow();
            int maxGap = (int) Math.ceil(MAX_GAP * (bottom - top));
            int[] starts = new int[sorted.size()];
            int[] shifts = new int[sorted.size()];
            int runs = 0;
            int removed = 0;
            int reach = left;
            for (Box b : sorted) {
                if (runs == 0 || b.x() - reach > maxGap) {
                    if (runs > 0) {
                        removed += b.x() - reach - maxGap;
                    }
                    starts[runs] = b.x() - left - removed;
                    shifts[runs] = removed;
                    runs++;
                }
                reach = Math.max(reach, b.right());
            }
            return new Narrowing(reach - left - removed, Arrays.copyOf(starts, runs), Arrays.copyOf(shifts, runs));
        }

        /** The narrowed line's width. */
        public int width() {
            return width;
        }

        /** The position in the line (from its left edge) of a narrowed position. */
        public int original(int narrowedX) {
            int run = 0;
            while (run + 1 < narrowedStarts.length && narrowedStarts[run + 1] <= narrowedX) {
                run++;
            }
            return narrowedX + shifts[run];
        }
    }
}
