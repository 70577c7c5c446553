package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import java.util.List;

/**
 * The input of a learned number reader: the ink of a number's digits (separators and specks left out by the
 * {@link NumberSegmenter}) scaled so that the line is {@value #INK_HEIGHT} pixels high, laid left-aligned on a
 * {@value #HEIGHT}×{@value #WIDTH} canvas, light ink (1) on dark (0) as in MNIST. A line too long for the
 * canvas at that height is scaled to fit its width instead. Each output pixel is the share of ink in the
 * mask pixels it covers (sampled on a 4×4 grid), so lines of every working size come out alike. Stateless.
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
        double scale = scale(box.width(), box.height());
        int width = Math.max(1, (int) Math.round(box.width() * scale));
        int height = Math.max(1, (int) Math.round(box.height() * scale));
        int top = (HEIGHT - height) / 2;
        float[] canvas = new float[PIXELS];
        double stepX = (double) box.width() / width / SAMPLES;
        double stepY = (double) box.height() / height / SAMPLES;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int hits = 0;
                for (int sy = 0; sy < SAMPLES; sy++) {
                    int my = Math.min(box.height() - 1, (int) ((y * SAMPLES + sy + 0.5) * stepY));
                    for (int sx = 0; sx < SAMPLES; sx++) {
                        int mx = Math.min(box.width() - 1, (int) ((x * SAMPLES + sx + 0.5) * stepX));
                        hits += mask[my * box.width() + mx];
                    }
                }
                canvas[(top + y) * WIDTH + LEFT + x] = hits / (float) (SAMPLES * SAMPLES);
            }
        }
        return canvas;
    }
}
