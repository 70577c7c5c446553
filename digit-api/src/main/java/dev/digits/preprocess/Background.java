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

    /** The plane minus its slowly varying background, values ≥ 0. */
    static float[] subtract(float[] plane, int width, int height) {
        int radius = Math.max(3, (int) Math.round(Math.max(width, height) * WINDOW_FRACTION));
        float[] opened = Morphology.filter(Morphology.filter(plane, width, height, radius, false), width, height, radius, true);
        float[] result = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            result[i] = Math.max(0f, plane[i] - opened[i]);
        }
        return result;
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
        int horizontalRadius = (int) (LINE_FRACTION * width / 2);
        int verticalRadius = (int) (LINE_FRACTION * height / 2);
        float[] horizontal = Morphology.filterAxis(Morphology.filterAxis(plane, width, height, horizontalRadius, false, true),
                width, height, horizontalRadius, true, true);
        float[] vertical = Morphology.filterAxis(Morphology.filterAxis(plane, width, height, verticalRadius, false, false),
                width, height, verticalRadius, true, false);
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
        if (lines < 0.02 * ink || lines > 0.7 * ink) {
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
