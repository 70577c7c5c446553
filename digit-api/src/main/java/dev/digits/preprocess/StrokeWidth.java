package dev.digits.preprocess;

/**
 * Brings hairline strokes of a binary digit crop (1-pixel mouse strokes on a large canvas) towards
 * MNIST's pen, about a tenth of the digit's longer side. Heavy strokes are left alone: thinning them
 * by erosion closes nothing but breaks thin parts and loops, and the classifier is trained on bold
 * digits anyway.
 */
final class StrokeWidth {
    private StrokeWidth() {
    }

    /** A crop with thickened strokes when they are hairlines; it grows by the dilation radius on each side. */
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
}
