package dev.digits.preprocess;

/**
 * Removes what is not ink from a light-ink-on-dark plane, by grey-level morphology:
 * <ul>
 * <li>slowly varying background (shadows, uneven lighting, tinted paper): a white top-hat, the plane minus
 * its opening with a window much wider than any stroke;</li>
 * <li>ruled or squared paper: at least two straight horizontal or vertical lines that run from edge to
 * edge, found as openings with line-shaped windows, unless they hold nearly all the ink.</li>
 * </ul>
 */
final class Background {
    /** The background window's radius is this fraction of the longer side. */
    private static final double WINDOW_FRACTION = 1 / 8.0;
    /** Ruled lines are straight runs over at least this fraction of the side. */
    private static final double LINE_FRACTION = 0.85;
    /** Pictures smaller than this are crops of a digit, with no paper lines. */
    private static final int MIN_SIDE_FOR_LINES = 64;

    private Background() {
    }

    /**
     * The plane minus its slowly varying background, values ≥ 0. The opening is computed on a grid four
     * times coarser (each cell the minimum of its pixels, so no ink leaks into the estimate) and
     * interpolated back: the background varies slowly, and this is sixteen times less work.
     */
    static float[] subtract(float[] plane, int width, int height) {
        int cell = Math.min(width, height) >= 64 ? 4 : 1;
        int cw = (width + cell - 1) / cell;
        int ch = (height + cell - 1) / cell;
        float[] coarse = new float[cw * ch];
        java.util.Arrays.fill(coarse, Float.POSITIVE_INFINITY);
        for (int y = 0; y < height; y++) {
            int row = (y / cell) * cw;
            for (int x = 0; x < width; x++) {
                int i = row + x / cell;
                coarse[i] = Math.min(coarse[i], plane[y * width + x]);
            }
        }
        int radius = Math.max(1, (int) Math.round(Math.max(cw, ch) * WINDOW_FRACTION));
        float[] opened = Morphology.filter(Morphology.filter(coarse, cw, ch, radius, false), cw, ch, radius, true);
        float[] result = new float[plane.length];
        for (int y = 0; y < height; y++) {
            float gy = Math.max(0f, Math.min(ch - 1f, (y + 0.5f) / cell - 0.5f));
            int y0 = (int) gy;
            int y1 = Math.min(ch - 1, y0 + 1);
            float fy = gy - y0;
            for (int x = 0; x < width; x++) {
                float gx = Math.max(0f, Math.min(cw - 1f, (x + 0.5f) / cell - 0.5f));
                int x0 = (int) gx;
                int x1 = Math.min(cw - 1, x0 + 1);
                float fx = gx - x0;
                float background = (1 - fy) * ((1 - fx) * opened[y0 * cw + x0] + fx * opened[y0 * cw + x1])
                        + fy * ((1 - fx) * opened[y1 * cw + x0] + fx * opened[y1 * cw + x1]);
                result[y * width + x] = Math.max(0f, plane[y * width + x] - background);
            }
        }
        return result;
    }

    /** Grey levels of the median filter's histogram. */
    private static final int LEVELS = 64;

    /**
     * The plane minus a background estimated locally, at the scale of the strokes: the median of a square
     * window a few stroke widths wide. Unlike an opening with a wide window, a median follows a hard-edged
     * shadow or a page edge up to the edge itself instead of leaving a band of false ink along it, and it
     * follows gradients and vignettes of any steepness; strokes narrower than half the window are not part
     * of its median. Values ≥ 0.
     *
     * @param radius half the window's side, in pixels (the window is {@code 2 × radius + 1} wide)
     */
    static float[] subtractLocal(float[] plane, int width, int height, int radius) {
        // Rows of the window slide down each column pair of histograms would cost more than the filter;
        // a separable approximation (median of rows, then of columns) is close enough for a background.
        // Windows are filled up with the edge's value, not clipped: a clipped window near the frame holds
        // more of the far side of a shadow's edge that meets the frame at a slant, and the sliver of shadow
        // between that edge and the frame came out as a stroke (read as a 1).
        float[] background = medianReplicatingEdges(plane, width, height, radius);
        float[] result = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            result[i] = Math.max(0f, plane[i] - background[i]);
        }
        return result;
    }

    /** The local median of a plane (rows, then columns), on {@value #LEVELS} grey levels. */
    static float[] median(float[] plane, int width, int height, int radius) {
        return medianAxis(medianAxis(plane, width, height, radius, true), width, height, radius, false);
    }

    /** The local median of a plane (rows, then columns), its windows filled up with the edge's value. */
    static float[] medianReplicatingEdges(float[] plane, int width, int height, int radius) {
        return medianAxis(medianAxis(plane, width, height, radius, true, true), width, height, radius, false, true);
    }

    /** A sliding median along one axis, on {@value #LEVELS} grey levels; windows are clipped at the edges. */
    private static float[] medianAxis(float[] plane, int width, int height, int radius, boolean horizontal) {
        return medianAxis(plane, width, height, radius, horizontal, false);
    }

    /**
     * A sliding median along one axis, on {@value #LEVELS} grey levels; at the edges the windows are clipped,
     * or filled up with the edge's value ({@code replicateEdges}).
     */
    private static float[] medianAxis(float[] plane, int width, int height, int radius, boolean horizontal,
                                      boolean replicateEdges) {
        int along = horizontal ? width : height;
        int across = horizontal ? height : width;
        float[] out = new float[plane.length];
        int[] histogram = new int[LEVELS];
        for (int a = 0; a < across; a++) {
            java.util.Arrays.fill(histogram, 0);
            int count = 0;
            for (int b = replicateEdges ? -radius - 1 : 0; b < Math.min(along, radius); b++) {
                histogram[level(plane[index(a, Math.max(0, b), width, horizontal)])]++;
                count++;
            }
            for (int b = 0; b < along; b++) {
                int entering = b + radius;
                if (entering < along || replicateEdges) {
                    histogram[level(plane[index(a, Math.min(along - 1, entering), width, horizontal)])]++;
                    count++;
                }
                int leaving = b - radius - 1;
                if (leaving >= 0 || replicateEdges) {
                    histogram[level(plane[index(a, Math.max(0, leaving), width, horizontal)])]--;
                    count--;
                }
                int half = (count + 1) / 2;
                int seen = 0;
                int bin = 0;
                while (bin < LEVELS - 1 && seen + histogram[bin] < half) {
                    seen += histogram[bin];
                    bin++;
                }
                out[index(a, b, width, horizontal)] = (bin + 0.5f) / LEVELS;
            }
        }
        return out;
    }

    private static int level(float value) {
        return Math.max(0, Math.min(LEVELS - 1, (int) (value * LEVELS)));
    }

    /**
     * What the strokes of a mask are like.
     *
     * @param width      the typical stroke width in pixels: the median, over ink pixels, of the shorter of the
     *                   horizontal and vertical ink runs through the pixel, leaving out runs longer than the cap
     *                   (solid regions: shadows taken for ink, dark borders); 0 when no ink is left
     * @param solidShare the share of ink pixels in such solid regions
     */
    record Strokes(double width, double solidShare) {
    }

    /** The {@link Strokes} of a mask; runs longer than {@code cap} are solid regions, not strokes. */
    static Strokes strokes(byte[] mask, int width, int height, int cap) {
        int[] horizontalRun = new int[mask.length];
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (mask[y * width + x] == 0) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && mask[y * width + x] != 0) {
                    x++;
                }
                for (int k = start; k < x; k++) {
                    horizontalRun[y * width + k] = x - start;
                }
            }
        }
        int[] counts = new int[cap + 1];
        int total = 0;
        int solid = 0;
        for (int x = 0; x < width; x++) {
            int y = 0;
            while (y < height) {
                if (mask[y * width + x] == 0) {
                    y++;
                    continue;
                }
                int start = y;
                while (y < height && mask[y * width + x] != 0) {
                    y++;
                }
                for (int k = start; k < y; k++) {
                    int run = Math.min(y - start, horizontalRun[k * width + x]);
                    if (run <= cap) {
                        counts[run]++;
                        total++;
                    } else {
                        solid++;
                    }
                }
            }
        }
        double solidShare = total + solid == 0 ? 0 : (double) solid / (total + solid);
        if (total == 0) {
            return new Strokes(0, solidShare);
        }
        int seen = 0;
        for (int run = 0; run <= cap; run++) {
            seen += counts[run];
            if (2 * seen >= total) {
                return new Strokes(run, solidShare);
            }
        }
        return new Strokes(cap, solidShare);
    }

    /**
     * Paints out straight horizontal and vertical lines in place: each line pixel takes the smaller of the
     * nearest values beyond the line on either side, so a stroke that crosses a line stays whole and bare
     * paper stays bare.
     *
     * @return whether any lines were found
     */
    static boolean removeLines(float[] plane, int width, int height) {
        if (Math.min(width, height) < MIN_SIDE_FOR_LINES) {
            return false;
        }
        float[] horizontal = lines(plane, width, height, true);
        float[] vertical = lines(plane, width, height, false);
        int bands = keepEdgeToEdgeBands(horizontal, width, height, true) + keepEdgeToEdgeBands(vertical, width, height, false);
        if (bands < 2) {
            return false;
        }
        double ink = 0;
        double lines = 0;
        for (int i = 0; i < plane.length; i++) {
            ink += plane[i];
            lines += Math.max(horizontal[i], vertical[i]);
        }
        if (lines < 0.02 * ink || lines > 0.95 * ink) {
            return false;
        }
        float[] source = plane.clone();
        int reach = Math.max(3, Math.max(width, height) / 60);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (horizontal[i] > LINE_LEVEL) {
                    plane[i] = bridge(source, horizontal, width, height, x, y, 0, 1, reach);
                }
                if (vertical[i] > LINE_LEVEL) {
                    plane[i] = Math.min(plane[i], bridge(source, vertical, width, height, x, y, 1, 0, reach));
                }
            }
        }
        return true;
    }

    /**
     * Whether some row ({@code horizontal}) or some column is inked over at least the line fraction of its
     * length: a cheap test that spares the line search on the many pictures without lines.
     */
    private static boolean hasLongInkedRun(float[] plane, int width, int height, boolean horizontal) {
        int along = horizontal ? width : height;
        int across = horizontal ? height : width;
        for (int a = 0; a < across; a++) {
            int inked = 0;
            for (int b = 0; b < along; b++) {
                if (plane[index(a, b, width, horizontal)] > LINE_LEVEL) {
                    inked++;
                }
            }
            if (inked >= LINE_FRACTION * along) {
                return true;
            }
        }
        return false;
    }

    /** The opening of the plane with a line-shaped window along one axis; all zero when no run is long enough. */
    private static float[] lines(float[] plane, int width, int height, boolean horizontal) {
        if (!hasLongInkedRun(plane, width, height, horizontal)) {
            return new float[plane.length];
        }
        int radius = (int) (LINE_FRACTION * (horizontal ? width : height) / 2);
        return Morphology.filterAxis(Morphology.filterAxis(plane, width, height, radius, false, horizontal),
                width, height, radius, true, horizontal);
    }

    /**
     * Keeps only the lines that run from one edge of the picture to the other, as the lines of paper do
     * and a digit's strokes, which have margins around them, do not; clears the rest of {@code lines}.
     *
     * @return how many bands of such lines there are
     */
    private static int keepEdgeToEdgeBands(float[] lines, int width, int height, boolean horizontal) {
        int along = horizontal ? width : height;
        int across = horizontal ? height : width;
        int edge = Math.max(1, along / 50);
        int bands = 0;
        boolean inBand = false;
        for (int a = 0; a < across; a++) {
            boolean first = false;
            boolean last = false;
            for (int k = 0; k < edge; k++) {
                first |= lines[index(a, k, width, horizontal)] > LINE_LEVEL;
                last |= lines[index(a, along - 1 - k, width, horizontal)] > LINE_LEVEL;
            }
            boolean edgeToEdge = first && last;
            if (!edgeToEdge) {
                for (int b = 0; b < along; b++) {
                    lines[index(a, b, width, horizontal)] = 0f;
                }
            } else if (!inBand) {
                bands++;
            }
            inBand = edgeToEdge;
        }
        return bands;
    }

    private static int index(int across, int along, int width, boolean horizontal) {
        return horizontal ? across * width + along : along * width + across;
    }

    /** Line pixels are those whose line opening exceeds this. */
    private static final float LINE_LEVEL = 0.08f;

    /** The smaller of the first off-line values on both sides of (x, y) along (dx, dy), within reach; 0 if none. */
    private static float bridge(float[] plane, float[] line, int width, int height, int x, int y, int dx, int dy, int reach) {
        float before = 0f;
        float after = 0f;
        for (int k = 1; k <= reach; k++) {
            int bx = x - k * dx;
            int by = y - k * dy;
            if (bx < 0 || by < 0) {
                break;
            }
            if (line[by * width + bx] <= LINE_LEVEL) {
                before = plane[by * width + bx];
                break;
            }
        }
        for (int k = 1; k <= reach; k++) {
            int ax = x + k * dx;
            int ay = y + k * dy;
            if (ax >= width || ay >= height) {
                break;
            }
            if (line[ay * width + ax] <= LINE_LEVEL) {
                after = plane[ay * width + ax];
                break;
            }
        }
        return Math.min(before, after);
    }
}
