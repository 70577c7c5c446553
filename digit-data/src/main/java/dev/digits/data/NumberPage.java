package dev.digits.data;

import java.awt.image.BufferedImage;

/**
 * A photographed page being painted for {@link NumberRobustnessSet}: RGB values in [0, 1], three per pixel, row
 * by row. Paper marks and ink multiply what lies under them (ink over a ruled line is darker than either); the desk
 * and clutter cover the paper; light multiplies everything, as it does in a camera.
 *
 * <p>Regions along a frame edge (the desk, clutter) are painted in strip coordinates: {@code u} runs along the
 * edge, {@code v} is the distance from it into the frame, so one shape serves all four sides.
 */
final class NumberPage {
    /** Frame sides, for strip coordinates. */
    static final int TOP = 0;
    static final int BOTTOM = 1;
    static final int LEFT = 2;
    static final int RIGHT = 3;

    final int width;
    final int height;
    final float[] rgb;

    NumberPage(int width, int height, float[] paper) {
        this.width = width;
        this.height = height;
        this.rgb = new float[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = paper[0];
            rgb[i + 1] = paper[1];
            rgb[i + 2] = paper[2];
        }
    }

    /** Multiplies pixel {@code p} by a mark of colour {@code t} (what it leaves on white) with coverage {@code a}. */
    void mark(int p, float[] t, float a) {
        if (a <= 0) {
            return;
        }
        a = Math.min(1f, a);
        for (int c = 0; c < 3; c++) {
            rgb[p * 3 + c] *= 1 - a * (1 - t[c]);
        }
    }

    /** Covers pixel {@code p} with colour {@code colour} at opacity {@code a}. */
    void cover(int p, float[] colour, float a) {
        if (a <= 0) {
            return;
        }
        a = Math.min(1f, a);
        for (int c = 0; c < 3; c++) {
            rgb[p * 3 + c] += a * (colour[c] - rgb[p * 3 + c]);
        }
    }

    /**
     * Parallel lines of colour {@code t}, {@code thickness} pixels wide and {@code spacing} apart, turned by
     * {@code degrees} about (cx, cy) with the paper: horizontal ones (ruled and squared paper) or, with
     * {@code vertical}, vertical ones.
     */
    void lines(boolean vertical, double spacing, double offset, double thickness, double degrees, double cx, double cy,
               float[] t) {
        double tan = Math.tan(Math.toRadians(degrees));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Distance along the lines' normal, on the turned paper.
                double q = vertical ? x + 0.5 + tan * (y + 0.5 - cy) : y + 0.5 - tan * (x + 0.5 - cx);
                double phase = (q - offset) / spacing;
                double d = Math.abs(phase - Math.rint(phase)) * spacing;
                mark(y * width + x, t, (float) (thickness / 2 + 0.5 - d));
            }
        }
    }

    /** One vertical line (a margin rule) at {@code x} on the row {@code cy}, turned by {@code degrees} about it. */
    void rule(double x, double thickness, double degrees, double cy, float[] t) {
        double tan = Math.tan(Math.toRadians(degrees));
        for (int y = 0; y < height; y++) {
            double centre = x - tan * (y + 0.5 - cy);
            int from = Math.max(0, (int) Math.floor(centre - thickness));
            int to = Math.min(width - 1, (int) Math.ceil(centre + thickness));
            for (int px = from; px <= to; px++) {
                mark(y * width + px, t, (float) (thickness / 2 + 0.5 - Math.abs(px + 0.5 - centre)));
            }
        }
    }

    /** Lays an ink plane (coverage in [0, 1], {@code w} wide) with its top left corner at (left, top). */
    void ink(float[] ink, int w, int h, int left, int top, float[] t) {
        for (int y = 0; y < h; y++) {
            int py = top + y;
            if (py < 0 || py >= height) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int px = left + x;
                if (px >= 0 && px < width) {
                    mark(py * width + px, t, ink[y * w + x]);
                }
            }
        }
    }

    /** How long the frame edge of a side is. */
    int along(int side) {
        return side == TOP || side == BOTTOM ? width : height;
    }

    /** The pixel at strip coordinates (u, v) of a side. */
    int at(int side, int u, int v) {
        return switch (side) {
            case TOP -> v * width + u;
            case BOTTOM -> (height - 1 - v) * width + u;
            case LEFT -> u * width + v;
            default -> u * width + width - 1 - v;
        };
    }

    /**
     * A desk beyond the paper's edge along one side: the edge at depth {@code depth} at the side's middle, tilted so
     * that it moves by {@code drift} pixels from one end to the other; a soft shadow on the desk just past the edge;
     * faint grain along the edge.
     */
    void desk(int side, double depth, double drift, float[] colour, double grainPhase) {
        int length = along(side);
        int deepest = (int) Math.ceil(depth + Math.abs(drift) / 2 + 2);
        float[] shade = new float[3];
        for (int u = 0; u < length; u++) {
            double edge = depth + drift * ((double) u / length - 0.5);
            for (int v = 0; v <= deepest; v++) {
                double inside = edge - v;
                float a = (float) Math.max(0, Math.min(1, inside + 0.5));
                if (a <= 0) {
                    continue;
                }
                // The paper's shadow darkens the desk next to the edge; grain runs parallel to it.
                double grain = 1 + 0.07 * Math.sin(v * 0.21 + grainPhase) + 0.04 * Math.sin(v * 0.057 + u * 0.004);
                double shadow = 1 - 0.35 * Math.exp(-inside / 3);
                for (int c = 0; c < 3; c++) {
                    shade[c] = (float) (colour[c] * grain * shadow);
                }
                cover(at(side, u, v), shade, a);
            }
        }
    }

    /**
     * A dark object reaching in from one side, kept within {@code reach} pixels of that frame edge: 0, a table edge
     * (all beyond a slanting line); 1, a sleeve (a rounded band coming in along the edge, shaded like a cylinder);
     * 2, a blob (an ellipse clear of the edge). {@code shape} holds the shape's numbers in [0, 1].
     */
    void clutter(int side, double reach, int kind, double[] shape, float[] colour) {
        int length = along(side);
        int deepest = (int) Math.min(reach, side == TOP || side == BOTTOM ? height : width);
        float[] shade = new float[3];
        double cos = Math.cos((shape[3] - 0.5) * 0.5);
        double sin = Math.sin((shape[3] - 0.5) * 0.5);
        for (int u = 0; u < length; u++) {
            for (int v = 0; v < deepest; v++) {
                double inside;
                double tone = 1;
                if (kind == 0) {
                    double edge = reach * (0.35 + 0.55 * (shape[0] + (shape[1] - shape[0]) * u / length));
                    inside = edge - v;
                    tone = 0.85 + 0.15 * v / Math.max(1, edge);
                } else if (kind == 1) {
                    double radius = reach * (0.25 + 0.2 * shape[0]);
                    double axis = radius * (0.3 + 0.6 * shape[1]);
                    double end = length * (0.25 + 0.45 * shape[2]);
                    // From beyond one end of the edge to a rounded tip, rising out of the frame away from the tip.
                    double du = u - end;
                    double dv = v - axis - Math.min(0, du) * (0.05 + 0.35 * shape[3]);
                    double distance = du > 0 ? Math.hypot(du, dv) : Math.abs(dv);
                    inside = radius - distance;
                    tone = 0.55 + 0.45 * Math.sqrt(Math.max(0, 1 - Math.pow(distance / radius, 2)));
                } else {
                    double ry = reach * (0.2 + 0.25 * shape[0]);
                    double rx = ry * (0.8 + 1.2 * shape[1]);
                    double cu = rx + (length - 2 * rx) * shape[2];
                    double cv = reach / 2;
                    double du = (u - cu) * cos + (v - cv) * sin;
                    double dv = -(u - cu) * sin + (v - cv) * cos;
                    double e = Math.hypot(du / rx, dv / ry);
                    inside = (1 - e) * Math.min(rx, ry);
                    tone = 0.8 + 0.2 * e;
                }
                float a = (float) Math.max(0, Math.min(1, (inside + 0.5) / 1.5));
                if (a > 0) {
                    for (int c = 0; c < 3; c++) {
                        shade[c] = (float) (colour[c] * tone);
                    }
                    cover(at(side, u, v), shade, a);
                }
            }
        }
    }

    /** Multiplies every pixel by the light reaching it. */
    void light(Light light) {
        float[] factor = new float[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                light.at(x + 0.5, y + 0.5, factor);
                int p = (y * width + x) * 3;
                rgb[p] *= factor[0];
                rgb[p + 1] *= factor[1];
                rgb[p + 2] *= factor[2];
            }
        }
    }

    /** How much light reaches a point, per channel (written into {@code factor}). */
    interface Light {
        void at(double x, double y, float[] factor);
    }

    /**
     * Sensor noise: about Gaussian with deviation {@code sigma}, mostly the same in the three channels. A fast
     * generator, as a page has up to a million pixels; the same seed gives the same noise.
     */
    void noise(double sigma, long seed) {
        long state = seed | 1;
        for (int p = 0; p < width * height; p++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            // Four 16-bit uniforms summed: mean 2, deviation 1/sqrt(3).
            double sum = ((state & 0xffff) + (state >>> 16 & 0xffff) + (state >>> 32 & 0xffff) + (state >>> 48)) / 65536.0;
            float n = (float) ((sum - 2) * 1.7320508 * sigma);
            float chroma = (float) (((state >>> 5 & 0xff) / 255.0 - 0.5) * sigma * 0.6);
            rgb[p * 3] += n + chroma;
            rgb[p * 3 + 1] += n;
            rgb[p * 3 + 2] += n - chroma;
        }
    }

    BufferedImage toImage() {
        return Drawing.toImage(rgb, width, height);
    }
}
