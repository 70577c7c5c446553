package dev.digits.preprocess;

import dev.digits.Box;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the line of digits on a cleaned page and keeps only its ink. A photo of a number holds more than the
 * number: the edge of the page or a dark border, a margin rule, a sleeve or a table edge in the frame, specks,
 * and sometimes other writing. The line finder
 * <ol>
 * <li>drops what no digit looks like: components that run along a border of the frame for a large part of it
 * (page edges, sleeves, table edges) or reach a border and stand far higher than the pieces clear of the borders
 * (a sleeve or a page's edge reaching into the frame), long thin straight strokes (margin rules, rules of the
 * paper), and solid blobs without loops nearly as large as a digit;</li>
 * <li>groups the rest into lines (components whose rows overlap stand on one line) and scores each line by how
 * many digit-sized, digit-shaped pieces it holds on one baseline;</li>
 * <li>keeps the best line, with the small marks beside and over it (dots, a 5's flag).</li>
 * </ol>
 * It says how many candidate lines it found, so a reader can say when the choice was not obvious. It is the
 * first step of {@link NumberSegmenter}, whose {@link NumberSegmenter.Segments#line()} reports what it found.
 * Immutable and safe for concurrent use.
 */
final class LineFinder {
    /** A component running along a border for this share of the side is the page's edge or clutter. */
    private static final double ALONG_BORDER = 0.4;
    /**
     * A component touching a border of the frame and this many times higher than the pieces clear of the borders
     * is the edge of something (a page, a sleeve, a blot), not a digit.
     */
    private static final double BORDER_GIANT = 2.5;
    /** Thin straight strokes at least this many times longer than wide are rules, not digit strokes. */
    private static final double RULE_ASPECT = 8;
    /** ... and at least this many digit heights long (a tall 1 is not). */
    private static final double RULE_LENGTH = 2.0;
    /** Blobs filling this share of their box, nearly a digit high and wide, without a loop, are solid clutter. */
    private static final double SOLID_FILL = 0.72;
    /** A solid piece at least this share as wide as it is high is a blot, not a bold 1 ... */
    private static final double BLOB_ASPECT = 0.5;
    /** ... when its runs of ink along a row are this many times the pieces' typical stroke. */
    private static final double BLOB_STROKES = 3;
    /** Digit-shaped: height within these multiples of the line's typical height. */
    private static final double MIN_HEIGHT = 0.55;
    private static final double MAX_HEIGHT = 1.6;
    /** Digit-shaped: width at most this many times the height (wider pieces may be touching digits). */
    private static final double MAX_ASPECT = 4;

    LineFinder() {
    }

    /** Finds the line of digits of a cleaned picture. */
    NumberSegmenter.Line find(CleanedPicture picture) {
        int w = picture.width();
        int h = picture.height();
        Components.Labelling labelling = Components.label(picture.maskArray(), w, h);
        List<Components.Component> all = labelling.components();
        double speck = Math.max(6, 0.0002 * w * h);
        GrayPlane gray = picture.reduced().filter(g -> g.width() == w && g.height() == h).orElse(null);
        List<Components.Component> kept = new ArrayList<>();
        List<Components.Component> removed = new ArrayList<>();
        List<Components.Component> sizeable = all.stream().filter(c -> c.area() >= speck).toList();
        boolean othersBesideBands = sizeable.stream().anyMatch(c -> !crossesFrame(c, w, h));
        boolean[] straight = new boolean[all.size() + 2];
        for (Components.Component c : sizeable) {
            straight[c.label()] = straight(c, labelling.labels(), w);
        }
        // The pieces' typical stroke: the lower median of their median runs of ink along a row.
        int[] runOf = new int[all.size() + 2];
        for (Components.Component c : sizeable) {
            runOf[c.label()] = medianRun(c, labelling.labels(), w);
        }
        int[] runs = sizeable.stream().mapToInt(c -> runOf[c.label()]).sorted().toArray();
        double strokeWidth = runs.length == 0 ? Double.MAX_VALUE : runs[(runs.length - 1) / 2];
        double digitHeight = typicalHeight(sizeable.stream()
                .filter(c -> !alongBorder(c, w, h) && !straight[c.label()] && !crossesFrame(c, w, h)).toList());
        double innerHeight = typicalHeight(sizeable.stream()
                .filter(c -> !c.touchesBorder() && !straight[c.label()]).toList());
        for (Components.Component c : sizeable) {
            boolean band = othersBesideBands && crossesFrame(c, w, h);
            boolean giant = c.touchesBorder() && c.height() > BORDER_GIANT * innerHeight;
            boolean blot = runOf[c.label()] >= BLOB_STROKES * strokeWidth;
            boolean artefact = isArtefact(c, w, h, digitHeight, straight[c.label()], blot, labelling.labels())
                    || gray != null && c.height() >= EDGE_MIN_HEIGHT * digitHeight
                    && edgeOfDarkRegion(c, labelling.labels(), w, gray.values());
            (band || giant || artefact ? removed : kept).add(c);
        }
        if (kept.isEmpty()) {
            return new NumberSegmenter.Line(picture, 0, null, List.of());
        }
        List<List<Components.Component>> lines = lines(kept);
        List<Components.Component> best = lines.stream()
                .max(Comparator.comparingDouble(LineFinder::score)
                        .thenComparingInt(l -> l.stream().mapToInt(Components.Component::area).sum()))
                .orElseThrow();
        int candidateLines = (int) lines.stream().filter(l -> score(l) >= 1).count();
        int[] band = band(best);
        double height = band[3] - band[1] + 1;
        int reach = (int) Math.round(0.3 * height);
        boolean[] keep = new boolean[all.size() + 2];
        boolean changed = !removed.isEmpty();
        for (Components.Component c : all) {
            boolean inLine = best.contains(c);
            boolean beside = !inLine && c.area() < speck * 50 && !removed.contains(c)
                    && c.minY() >= band[1] - reach && c.maxY() <= band[3] + reach
                    && c.maxX() >= band[0] - height && c.minX() <= band[2] + height;
            if (inLine || beside) {
                keep[c.label()] = true;
            } else {
                changed |= c.area() >= speck;
            }
        }
        if (!changed) {
            return new NumberSegmenter.Line(picture, Math.max(1, candidateLines), picture.toInput(band[0], band[1], band[2], band[3]),
                    List.of());
        }
        byte[] source = picture.maskArray();
        int[] labels = labelling.labels();
        byte[] mask = new byte[source.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (source[i] != 0 && keep[labels[i]] ? 1 : 0);
        }
        CleanedPicture line = picture.withMask(mask, "line");
        return new NumberSegmenter.Line(line, Math.max(1, candidateLines), picture.toInput(band[0], band[1], band[2], band[3]),
                removed.stream().map(c -> picture.toInput(c.minX(), c.minY(), c.maxX(), c.maxY())).toList());
    }

    /**
     * Whether a component is a narrow band from one border of the frame to the opposite one: the edge of a page
     * or of a shadow, a rule, a fold. A digit can do that only in a crop of itself, with nothing beside it.
     */
    private static boolean crossesFrame(Components.Component c, int w, int h) {
        boolean topToBottom = c.minY() == 0 && c.maxY() == h - 1 && c.width() < 0.5 * c.height();
        boolean sideToSide = c.minX() == 0 && c.maxX() == w - 1 && c.height() < 0.5 * c.width();
        return topToBottom || sideToSide;
    }

    /**
     * Whether a thin upright component is the edge of a dark region (the rim of a blot, the edge of a shadow or of
     * a sleeve) rather than a stroke: a stroke has paper on both sides, an edge has paper on one side and something
     * nearly as dark as the ink on the other. Judged on the gray picture from the medians, over the component's
     * rows, of the gray a stroke's width left and right of it (where no ink lies there) and of its own gray.
     */
    private static boolean edgeOfDarkRegion(Components.Component c, int[] labels, int w, float[] gray) {
        if (c.width() > EDGE_MAX_ASPECT * c.height()) {
            return false;
        }
        int rows = c.maxY() - c.minY() + 1;
        float[] left = new float[rows];
        float[] right = new float[rows];
        float[] middle = new float[rows];
        int n = 0;
        for (int y = c.minY(); y <= c.maxY(); y++) {
            int first = -1;
            int last = -1;
            for (int x = c.minX(); x <= c.maxX(); x++) {
                if (labels[y * w + x] == c.label()) {
                    first = first < 0 ? x : first;
                    last = x;
                }
            }
            int gap = Math.max(2, last - first + 1);
            // A side on other ink (a neighbouring 1, another stroke) says nothing of the paper there.
            if (first < 0 || first - gap < 0 || last + gap >= w || labels[y * w + first - gap] != 0
                    || labels[y * w + last + gap] != 0) {
                continue;
            }
            left[n] = gray[y * w + first - gap];
            right[n] = gray[y * w + last + gap];
            middle[n] = gray[y * w + first];
            n++;
        }
        if (n < EDGE_MIN_ROWS_SHARE * rows) {
            return false;
        }
        float l = median(left, n);
        float r = median(right, n);
        float ink = median(middle, n);
        float contrast = Math.max(Math.abs(l - ink), Math.abs(r - ink));
        return contrast >= EDGE_MIN_CONTRAST && Math.abs(l - r) >= EDGE_SIDES_SHARE * contrast;
    }

    private static float median(float[] values, int n) {
        float[] sorted = java.util.Arrays.copyOf(values, n);
        java.util.Arrays.sort(sorted);
        return sorted[n / 2];
    }

    /** Only components at least this share of the digits' height are tested as edges (not a digit's fragments). */
    private static final double EDGE_MIN_HEIGHT = 0.6;
    /** Only components at most this many times wider than high are tested as edges: those read as 1s. */
    private static final double EDGE_MAX_ASPECT = 0.35;
    /** The sides of an edge differ by at least this share of the ink's contrast with the lighter side. */
    private static final double EDGE_SIDES_SHARE = 0.5;
    /** Too faint a component to judge its sides. */
    private static final double EDGE_MIN_CONTRAST = 0.05;
    /** A component must have both sides inside the frame on this share of its rows to be judged. */
    private static final double EDGE_MIN_ROWS_SHARE = 0.5;

    /** Whether a component lies along a border of the frame for a large part of that side. */
    private static boolean alongBorder(Components.Component c, int w, int h) {
        boolean horizontal = (c.minY() == 0 || c.maxY() == h - 1) && c.width() >= ALONG_BORDER * w;
        boolean vertical = (c.minX() == 0 || c.maxX() == w - 1) && c.height() >= ALONG_BORDER * h;
        return horizontal || vertical;
    }

    /**
     * Whether a component is no digit by its shape: along a border, a long straight rule, or solid without a loop
     * and nearly a digit high and wide, or as wide as half its height and far thicker than the strokes
     * ({@code thick}).
     */
    private static boolean isArtefact(Components.Component c, int w, int h, double digitHeight, boolean straight,
                                      boolean thick, int[] labels) {
        if (alongBorder(c, w, h)) {
            return true;
        }
        int longer = Math.max(c.width(), c.height());
        int shorter = Math.min(c.width(), c.height());
        if (straight && longer >= RULE_LENGTH * digitHeight) {
            return true;
        }
        double fill = (double) c.area() / ((double) c.width() * c.height());
        // A solid piece as wide as half its height and far thicker than the strokes is a blot whatever the digits'
        // height: a blot taller than the digits sets that height itself, and it left the digits as marks too small
        // to be digits. (A bold digit blurred solid is as thick as the other digits' strokes.)
        boolean blot = thick && shorter >= BLOB_ASPECT * longer;
        return fill >= SOLID_FILL && (shorter >= 0.8 * digitHeight || blot) && !hasHoles(c, labels, w);
    }

    /** The median length of a component's runs of pixels along a row: about its strokes' width. */
    private static int medianRun(Components.Component c, int[] labels, int w) {
        int[] counts = new int[c.width() + 1];
        int total = 0;
        for (int y = c.minY(); y <= c.maxY(); y++) {
            int run = 0;
            for (int x = c.minX(); x <= c.maxX() + 1; x++) {
                if (x <= c.maxX() && labels[y * w + x] == c.label()) {
                    run++;
                } else if (run > 0) {
                    counts[run]++;
                    total++;
                    run = 0;
                }
            }
        }
        int seen = 0;
        for (int run = 1; run < counts.length; run++) {
            seen += counts[run];
            if (2 * seen > total) {
                return run;
            }
        }
        return 0;
    }

    /** The four neighbours of a pixel, for flooding the paper around a component. */
    private static final int[][] STEPS = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

    /** Whether a component encloses paper (a loop), as a bold 8 or 0 does and a blot does not. */
    private static boolean hasHoles(Components.Component c, int[] labels, int w) {
        int bw = c.width() + 2;
        int bh = c.height() + 2;
        boolean[] outside = new boolean[bw * bh];
        int[] stack = new int[bw * bh];
        int top = 0;
        stack[top++] = 0;
        outside[0] = true;
        while (top > 0) {
            int p = stack[--top];
            int x = p % bw;
            int y = p / bw;
            for (int[] d : STEPS) {
                int nx = x + d[0];
                int ny = y + d[1];
                if (nx < 0 || ny < 0 || nx >= bw || ny >= bh || outside[ny * bw + nx]) {
                    continue;
                }
                boolean inside = nx > 0 && ny > 0 && nx < bw - 1 && ny < bh - 1;
                if (inside && labels[(c.minY() + ny - 1) * w + c.minX() + nx - 1] == c.label()) {
                    continue;
                }
                outside[ny * bw + nx] = true;
                stack[top++] = ny * bw + nx;
            }
        }
        int enclosed = 0;
        for (int y = 1; y < bh - 1; y++) {
            for (int x = 1; x < bw - 1; x++) {
                if (!outside[y * bw + x] && labels[(c.minY() + y - 1) * w + c.minX() + x - 1] != c.label()) {
                    enclosed++;
                }
            }
        }
        return enclosed >= Math.max(2, 0.01 * c.width() * c.height());
    }

    /**
     * Whether a component is a thin straight stroke: many times longer than wide, and filling its box; or, for a
     * stroke at a slant (which fills little of its box), its pixels spread {@value #RULE_ASPECT} times or more
     * along their main axis than across it. A page's edge left slanted across the frame, in pieces, otherwise
     * stood as the tallest "digit" and hid how high the digits are.
     */
    private static boolean straight(Components.Component c, int[] labels, int w) {
        int longer = Math.max(c.width(), c.height());
        int shorter = Math.min(c.width(), c.height());
        if (longer >= RULE_ASPECT * shorter && c.area() >= 0.5 * longer * shorter) {
            return true;
        }
        return longer >= RULE_ASPECT * 2 && elongation(c, labels, w) >= RULE_ASPECT;
    }

    /** The square root of the ratio of the larger to the smaller principal second moment of a component's pixels. */
    private static double elongation(Components.Component c, int[] labels, int w) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int y = c.minY(); y <= c.maxY(); y++) {
            for (int x = c.minX(); x <= c.maxX(); x++) {
                if (labels[y * w + x] == c.label()) {
                    n++;
                    sx += x;
                    sy += y;
                    sxx += (double) x * x;
                    syy += (double) y * y;
                    sxy += (double) x * y;
                }
            }
        }
        double mx = sx / n;
        double my = sy / n;
        double vx = sxx / n - mx * mx + 1 / 12.0;
        double vy = syy / n - my * my + 1 / 12.0;
        double cxy = sxy / n - mx * my;
        double mean = (vx + vy) / 2;
        double spread = Math.sqrt((vx - vy) * (vx - vy) / 4 + cxy * cxy);
        return Math.sqrt((mean + spread) / Math.max(1e-9, mean - spread));
    }

    /** The median height of the pieces at least half as high as the highest: the digits' height. */
    private static double typicalHeight(List<Components.Component> components) {
        if (components.isEmpty()) {
            return Double.MAX_VALUE;
        }
        int highest = components.stream().mapToInt(Components.Component::height).max().orElse(1);
        int[] heights = components.stream().mapToInt(Components.Component::height).filter(x -> 2 * x >= highest)
                .sorted().toArray();
        return heights[heights.length / 2];
    }

    /**
     * Groups components into lines: two components are on one line when their rows overlap by half the lower
     * one's height, or when they stand one over the other close together (the pieces of a broken digit), and a
     * line is a chain of such pairs, so a slanted line stays one line (each digit overlaps
     * its neighbours) while lines written one above the other stay apart, however widely the digits are spaced.
     */
    private static List<List<Components.Component>> lines(List<Components.Component> components) {
        int n = components.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            Components.Component a = components.get(i);
            for (int j = i + 1; j < n; j++) {
                Components.Component b = components.get(j);
                int overlap = Math.min(a.maxY(), b.maxY()) - Math.max(a.minY(), b.minY()) + 1;
                int columns = Math.min(a.maxX(), b.maxX()) - Math.max(a.minX(), b.minX()) + 1;
                int gap = Math.max(a.minY(), b.minY()) - Math.min(a.maxY(), b.maxY());
                boolean sideBySide = overlap >= 0.5 * Math.min(a.height(), b.height());
                // The pieces of one broken digit (a 5's flag, the halves of a 3) stand one over the other.
                boolean stacked = columns >= 0.5 * Math.min(a.width(), b.width())
                        && gap <= 0.5 * Math.max(a.height(), b.height());
                if (sideBySide || stacked) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        java.util.Map<Integer, List<Components.Component>> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(components.get(i));
        }
        return new ArrayList<>(byRoot.values());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * How digit-like a line is: its digit-shaped pieces (near the line's typical height, not too wide, made of
     * strokes rather than solid), counting fully those on the line's baseline and half the others.
     */
    private static double score(List<Components.Component> line) {
        double height = typicalHeight(line);
        int[] bottoms = line.stream().mapToInt(Components.Component::maxY).sorted().toArray();
        int baseline = bottoms[bottoms.length / 2];
        double score = 0;
        for (Components.Component c : line) {
            boolean digitHigh = c.height() >= MIN_HEIGHT * height && c.height() <= MAX_HEIGHT * height;
            boolean digitWide = c.width() <= MAX_ASPECT * c.height();
            boolean stroked = c.area() < SOLID_FILL * c.width() * c.height();
            if (digitHigh && digitWide && stroked) {
                score += Math.abs(c.maxY() - baseline) <= 0.35 * height ? 1 : 0.5;
            }
        }
        return score;
    }

    /** The box of a line's components: {minX, minY, maxX, maxY}. */
    private static int[] band(List<Components.Component> line) {
        int[] band = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (Components.Component c : line) {
            band[0] = Math.min(band[0], c.minX());
            band[1] = Math.min(band[1], c.minY());
            band[2] = Math.max(band[2], c.maxX());
            band[3] = Math.max(band[3], c.maxY());
        }
        return band;
    }
}
