package dev.digits.preprocess;

/**
 * Brings the stroke width of a binary digit crop towards MNIST's (about a tenth of the digit's longer
 * side): hairline mouse strokes are thickened, very heavy marker strokes thinned. Moderate strokes are
 * left alone, since a poor width estimate hurts more than it helps there.
 */
final class StrokeWidth {
    private StrokeWidth() {
    }

    /** A crop with adjusted strokes; it grows by the dilation radius on each side when thickened. */
    static GrayPlane normalise(GrayPlane crop, double fraction) {
        float[] values = crop.values();
        int w = crop.width();
        int h = crop.height();
        double width = estimate(values, w, h);
        double target = fraction * Math.max(w, h);
        if (width < 0.5 * target) {
            int radius = (int) Math.round(Math.min(target, target - width) / 2);
            if (radius < 1) {
                return crop;
            }
            int pw = w + 2 * radius;
            int ph = h + 2 * radius;
            float[] padded = new float[pw * ph];
            for (int y = 0; y < h; y++) {
                System.arraycopy(values, y * w, padded, (y + radius) * pw + radius, w);
            }
            return new GrayPlane(Morphology.filter(padded, pw, ph, radius, true), pw, ph);
        }
        if (width > 2 * target) {
            int radius = (int) Math.round((width - 1.3 * target) / 2);
            float[] thinned = Morphology.filter(values, w, h, radius, false);
            return sum(thinned) >= 0.3 * sum(values) ? new GrayPlane(thinned, w, h) : crop;
        }
        return crop;
    }

    /**
     * Stroke width from area and boundary: a stroke of width s and length L has area sL and about 2L
     * boundary pixels. Strokes of 1 and 2 pixels both come out as about 2.
     */
    static double estimate(float[] values, int w, int h) {
        int area = 0;
        int boundary = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (values[y * w + x] < 0.5f) {
                    continue;
                }
                area++;
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1 || values[y * w + x - 1] < 0.5f
                        || values[y * w + x + 1] < 0.5f || values[(y - 1) * w + x] < 0.5f || values[(y + 1) * w + x] < 0.5f) {
                    boundary++;
                }
            }
        }
        if (boundary == 0) {
            return 0;
        }
        return 2.0 * area / boundary;
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
