package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import dev.digits.NoDigitFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Segmentation of a number written on one line: the line finder (the line of digits, without page
 * edges, rules and clutter), {@link Segmenter#candidates} (which already joins a digit's broken strokes), then
 * two steps that only a number needs.
 * <ol>
 * <li><b>Separators.</b> A mark much lower than the digits of the line (a dot, a comma, a dash, as in
 * "3.5" or "12-34") is a separator, not a digit. A small mark that {@code candidates} joined to a
 * neighbouring digit is taken off it again when it lies wholly beside the digit's main stroke: the pieces
 * of one digit (a 5's flag, a 7's bar) lie over or under it, a separator between two digits does not.</li>
 * <li><b>Touching digits.</b> A candidate much wider than the line's digits are high may be several
 * digits that touch. It is cut into as many pieces as its width holds digits, each cut at the column of
 * least ink near where an even division would put it.</li>
 * </ol>
 * The result is pieces of ink, not yet digits: a wide digit may have been cut, and a digit broken into
 * side-by-side strokes is still in pieces. Which pieces make one digit is best decided by a classifier
 * (see {@code dev.digits.read.SegmentingNumberReader}), which {@link #join} serves. Pieces and separators
 * come left to right, with boxes in input coordinates. Stateless and safe for
 * concurrent use.
 */
public final class NumberSegmenter {
    /** Marks lower than this share of the line's digit height are separators. */
    private static final double SEPARATOR_HEIGHT = 0.5;
    /** Marks in this top share of the line are pieces of digits, not separators. */
    private static final double TOP_BAND = 0.35;
    /** A candidate wider than this many line heights holds more than one digit. */
    private static final double WIDE = 1.15;
    /** Width of one digit of a run of touching digits, in line heights, when the line has no lone digit to learn it from. */
    private static final double DIGIT_WIDTH = 0.7;
    /** A cut is searched within this share of the even piece width on each side of the even cut. */
    private static final double CUT_WINDOW = 0.3;

    private final Segmenter segmenter = new Segmenter();
    private final LineFinder lineFinder = new LineFinder();

    /** A number segmenter; it has no options. */
    public NumberSegmenter() {
    }

    /**
     * The digits and separators of a number on one line.
     *
     * @param pieces     the ink that may be digits, left to right: whole digits, pieces of broken digits and
     *                   pieces cut from touching digits; a reader groups them into digits ({@link #join})
     * @param separators every separator mark (dot, comma, dash), left to right, in input coordinates
     * @param lineHeight the height of the line's digits, in working pixels
     * @param line       what the line finder found: the line the pieces come from, how many candidate lines
     *                   there were and what was removed as not part of any
     */
    public record Segments(List<Piece> pieces, List<Box> separators, double lineHeight, Line line) {
        public Segments {
            pieces = List.copyOf(pieces);
            separators = List.copyOf(separators);
        }

        /** The pieces' cleaned picture: the input's with only the chosen line's ink. */
        public CleanedPicture picture() {
            return line.picture();
        }
    }

    /**
     * What the line finder (the first step: the line of digits on a page) found.
     *
     * @param picture   the cleaned picture with only the chosen line's ink (the input itself when nothing was
     *                  removed)
     * @param lines     how many candidate lines of digit-like pieces the page held (0 when there was no ink)
     * @param line      the chosen line's box, in input coordinates; null when there was no ink
     * @param removed   what was taken out as not part of any line (edges, rules, blobs), in input coordinates
     */
    public record Line(CleanedPicture picture, int lines, Box line, List<Box> removed) {
        public Line {
            removed = List.copyOf(removed);
        }
    }

    /**
     * Ink that is a digit or part of one.
     *
     * @param candidate the ink
     * @param component which ink component (after {@link Segmenter#candidates}) it is or was cut from: pieces
     *                  cut apart share it, separate components do not
     */
    public record Piece(DigitCandidate candidate, int component) {
    }

    /**
     * Segments a cleaned picture of a number.
     *
     * @throws NoDigitFoundException when there is no ink, only specks, or only separators
     */
    public Segments segment(CleanedPicture page) {
        Line line = lineFinder.find(page);
        CleanedPicture picture = line.picture();
        List<DigitCandidate> parts = new ArrayList<>();
        for (DigitCandidate candidate : segmenter.candidates(picture, false)) {
            parts.addAll(detachSidePieces(picture, candidate));
        }
        double lineHeight = lineHeight(parts);
        List<DigitCandidate> digits = new ArrayList<>();
        List<DigitCandidate> small = new ArrayList<>();
        for (DigitCandidate part : parts) {
            (part.workingBox().height() < SEPARATOR_HEIGHT * lineHeight ? small : digits).add(part);
        }
        List<DigitCandidate> separators = new ArrayList<>();
        for (DigitCandidate mark : small) {
            (isSeparator(mark, digits) ? separators : digits).add(mark);
        }
        if (digits.isEmpty()) {
            throw new NoDigitFoundException("Only marks much smaller than a digit found; give a picture with a visible digit");
        }
        double digitWidth = digitWidth(digits, lineHeight);
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            for (DigitCandidate piece : splitTouching(picture, digits.get(i), lineHeight, digitWidth)) {
                pieces.add(new Piece(piece, i));
            }
        }
        pieces.sort(Comparator.comparingInt(p -> p.candidate().workingBox().x()));
        separators.sort(Comparator.comparingInt(d -> d.workingBox().x()));
        return new Segments(pieces, separators.stream().map(DigitCandidate::box).toList(), lineHeight, line);
    }

    /**
     * Whether a small mark stands where separators do: its middle lower than the top {@value #TOP_BAND} of
     * the band its nearest digits on either side span (a dot or comma at the baseline, a dash in the middle).
     * A small mark high up is a piece of a digit (a 5's flag, a 7's bar) and is left to the reader to join.
     * The band is taken locally, so that a slanted line works too.
     */
    private static boolean isSeparator(DigitCandidate mark, List<DigitCandidate> digits) {
        Box m = mark.workingBox();
        DigitCandidate left = null;
        DigitCandidate right = null;
        for (DigitCandidate d : digits) {
            Box b = d.workingBox();
            if (b.x() + b.width() / 2 <= m.x() + m.width() / 2) {
                if (left == null || b.x() > left.workingBox().x()) {
                    left = d;
                }
            } else if (right == null || b.x() < right.workingBox().x()) {
                right = d;
            }
        }
        if (left == null && right == null) {
            return true;
        }
        double top = 0;
        double bottom = 0;
        int count = 0;
        for (DigitCandidate d : new DigitCandidate[]{left, right}) {
            if (d != null) {
                top += d.workingBox().y();
                bottom += d.workingBox().bottom();
                count++;
            }
        }
        top /= count;
        bottom /= count;
        double middle = m.y() + m.height() / 2.0;
        return middle > top + TOP_BAND * (bottom - top);
    }

    /** One candidate of all the ink of several pieces of the same picture. */
    public DigitCandidate join(CleanedPicture picture, List<DigitCandidate> pieces) {
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (DigitCandidate piece : pieces) {
            Box b = piece.workingBox();
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.right() - 1);
            maxY = Math.max(maxY, b.bottom() - 1);
        }
        Box union = new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
        byte[] mask = new byte[union.width() * union.height()];
        for (DigitCandidate piece : pieces) {
            Box b = piece.workingBox();
            byte[] own = piece.maskArray();
            for (int y = 0; y < b.height(); y++) {
                for (int x = 0; x < b.width(); x++) {
                    mask[(b.y() - minY + y) * union.width() + b.x() - minX + x] |= own[y * b.width() + x];
                }
            }
        }
        return crop(picture, union, mask, 0, union.width());
    }

    /**
     * The height of the line's digits: the median height of the pieces at least half as high as the
     * highest, so that separators and specks do not pull it down.
     */
    private static double lineHeight(List<DigitCandidate> pieces) {
        int highest = pieces.stream().mapToInt(p -> p.workingBox().height()).max().orElse(1);
        int[] heights = pieces.stream().mapToInt(p -> p.workingBox().height()).filter(h -> 2 * h >= highest).sorted().toArray();
        return heights[heights.length / 2];
    }

    /**
     * The width of one digit of the line: the median width of the digits that are not themselves wide, or
     * a typical handwritten digit's proportion when all of them are.
     */
    private static double digitWidth(List<DigitCandidate> digits, double lineHeight) {
        int[] widths = digits.stream().mapToInt(d -> d.workingBox().width()).filter(w -> w <= WIDE * lineHeight).sorted().toArray();
        double typical = DIGIT_WIDTH * lineHeight;
        if (widths.length == 0) {
            return typical;
        }
        // Thin digits (a 1) say little about how wide the touching ones are.
        return Math.max(typical, widths[widths.length / 2]);
    }

    /** The candidate without the pieces lying wholly left or right of its main stroke, and those pieces. */
    private static List<DigitCandidate> detachSidePieces(CleanedPicture picture, DigitCandidate candidate) {
        Box box = candidate.workingBox();
        byte[] mask = candidate.maskArray();
        Components.Labelling labelling = Components.label(mask, box.width(), box.height());
        List<Components.Component> parts = labelling.components();
        if (parts.size() < 2) {
            return List.of(candidate);
        }
        Components.Component main = parts.stream().max(Comparator.comparingInt(Components.Component::area)).orElseThrow();
        List<Components.Component> beside = parts.stream()
                .filter(c -> c.maxX() < main.minX() || c.minX() > main.maxX()).toList();
        if (beside.isEmpty()) {
            return List.of(candidate);
        }
        List<DigitCandidate> pieces = new ArrayList<>();
        int[] labels = labelling.labels();
        byte[] rest = mask.clone();
        for (Components.Component c : beside) {
            byte[] own = new byte[mask.length];
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c.label()) {
                    own[i] = 1;
                    rest[i] = 0;
                }
            }
            pieces.add(crop(picture, box, own, 0, box.width()));
        }
        pieces.add(crop(picture, box, rest, 0, box.width()));
        return pieces;
    }

    /**
     * The candidate cut into as many digits as its width holds, or itself when it is not wide. Each cut lies
     * at the column of least ink within a window around the even cut.
     */
    private static List<DigitCandidate> splitTouching(CleanedPicture picture, DigitCandidate digit, double lineHeight,
                                                      double digitWidth) {
        Box box = digit.workingBox();
        int w = box.width();
        if (w <= WIDE * lineHeight) {
            return List.of(digit);
        }
        int count = Math.max(2, (int) Math.round(w / digitWidth));
        int[] ink = new int[w];
        byte[] mask = digit.maskArray();
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < w; x++) {
                ink[x] += mask[y * w + x];
            }
        }
        double pieceWidth = (double) w / count;
        int window = Math.max(1, (int) Math.round(CUT_WINDOW * pieceWidth));
        int[] cuts = new int[count + 1];
        cuts[count] = w;
        for (int k = 1; k < count; k++) {
            int even = (int) Math.round(k * pieceWidth);
            int best = even;
            double bestCost = Double.MAX_VALUE;
            for (int x = Math.max(cuts[k - 1] + 1, even - window); x <= Math.min(w - 1, even + window); x++) {
                // Least ink first; among equal columns, the one nearest the even cut.
                double cost = ink[x] + Math.abs(x - even) / (double) (window + 1);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = x;
                }
            }
            cuts[k] = best;
        }
        List<DigitCandidate> pieces = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            DigitCandidate piece = crop(picture, box, mask, cuts[k], cuts[k + 1]);
            if (piece != null) {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    /**
     * A candidate of the ink of {@code mask} (laid over {@code box} of the working picture) in the columns
     * from {@code fromX} (inclusive) to {@code toX} (exclusive), cropped to its ink; null when there is none.
     */
    private static DigitCandidate crop(CleanedPicture picture, Box box, byte[] mask, int fromX, int toX) {
        int w = box.width();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        int area = 0;
        for (int y = 0; y < box.height(); y++) {
            for (int x = fromX; x < toX; x++) {
                if (mask[y * w + x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                    area++;
                }
            }
        }
        if (area == 0) {
            return null;
        }
        int cropWidth = maxX - minX + 1;
        byte[] cropped = new byte[cropWidth * (maxY - minY + 1)];
        for (int y = minY; y <= maxY; y++) {
            System.arraycopy(mask, y * w + minX, cropped, (y - minY) * cropWidth, cropWidth);
        }
        int x0 = box.x() + minX;
        int y0 = box.y() + minY;
        Box working = new Box(x0, y0, cropWidth, maxY - minY + 1);
        return new DigitCandidate(picture.toInput(x0, y0, x0 + cropWidth - 1, working.bottom() - 1), working, cropped, area);
    }
}
