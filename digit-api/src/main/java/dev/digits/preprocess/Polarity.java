package dev.digits.preprocess;

/**
 * Decides whether a picture has dark ink on light paper. Ink is the minority of pixels, so it lies in
 * the longer tail of the gray distribution, away from the median (the paper). Photos whose borders are
 * darkened by vignetting or shadows would fool a border-versus-centre rule; the tails are not fooled.
 * When the tails are nearly even, the border decides.
 */
final class Polarity {
    private Polarity() {
    }

    static boolean darkInk(float[] gray, int width, int height) {
        float median = Threshold.percentile(gray, 0.5);
        float low = Threshold.percentile(gray, 0.01);
        float high = Threshold.percentile(gray, 0.99);
        float below = median - low;
        float above = high - median;
        if (Math.abs(below - above) > 0.1f * Math.max(below, above) && Math.max(below, above) > 0.05f) {
            return below > above;
        }
        return Planes.borderMean(gray, width, height) > Planes.mean(gray);
    }
}
