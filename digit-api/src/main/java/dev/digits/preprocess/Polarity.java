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

    /**
     * The same decision for a photographed page, where lighting can outweigh the ink in the tails (a bright
     * patch on one side, a vignette on the other): the tails are taken of the picture minus its local median,
     * so only what stands out from its surroundings counts, and ink stands out most.
     */
    static boolean darkInkLocally(float[] gray, int width, int height) {
        int radius = Math.max(4, Math.min(width, height) / 4);
        // Windows clipped at the frame would hold more of the lit side of a shadow whose edge meets the frame at
        // a slant; the shadowed sliver there then stood out darker than the ink and the verdict flipped.
        float[] background = Background.medianReplicatingEdges(gray, width, height, radius);
        float[] darker = new float[gray.length];
        float[] lighter = new float[gray.length];
        for (int i = 0; i < gray.length; i++) {
            darker[i] = Math.max(0f, background[i] - gray[i]);
            lighter[i] = Math.max(0f, gray[i] - background[i]);
        }
        float below = Threshold.percentile(darker, 0.998);
        float above = Threshold.percentile(lighter, 0.998);
        if (Math.max(below, above) < 0.03f || Math.abs(below - above) < 0.1f * Math.max(below, above)) {
            // Nothing stands out, or both ways alike (a clean drawing, whose loops stand out as much as its strokes)
            return darkInk(gray, width, height);
        }
        return below > above;
    }
}
