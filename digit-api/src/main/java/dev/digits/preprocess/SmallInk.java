package dev.digits.preprocess;

import dev.digits.Box;
import dev.digits.NoDigitFoundException;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a digit that covers a tiny part of a large picture (a small digit drawn with a thin pen on a large
 * canvas, as a drawing app or a web form gives it), where the single-digit cleaning at the working size sees
 * strokes averaged into faint gray: its polarity, its place, and whether what the working size found there has
 * the contrast of ink. Only the single-digit path uses it.
 */
final class SmallInk {
    /** The radius, in working pixels, of the local median that stands for the paper around the ink. */
    private static final int PAPER_RADIUS = 8;

    /**
     * Contrast of a digit's ink against the paper around it, in the picture reduced by block means (the working
     * size's gray): the mean of its mask's pixels against the mean of the other pixels of its box grown by a
     * quarter on each side; dark ink as a share of the paper's brightness, light ink as a difference. Measured:
     * bold digits about 0.9, a 1–4 px pen averaged into blocks of 3–5 pixels 0.3 to 0.8; blobs that a threshold
     * made of a photo's grain 0.06 or less.
     *
     * @param box  where the digit's mask lies in the plane
     * @param mask the digit's mask, {@code box.width() × box.height()}
     */
    static double contrast(GrayPlane gray, boolean darkInk, Box box, byte[] mask) {
        int w = gray.width();
        int h = gray.height();
        float[] values = gray.values();
        int mx = box.width() / 4 + 1;
        int my = box.height() / 4 + 1;
        double ink = 0;
        int inked = 0;
        double paper = 0;
        int papered = 0;
        for (int y = Math.max(0, box.y() - my); y < Math.min(h, box.bottom() + my); y++) {
            for (int x = Math.max(0, box.x() - mx); x < Math.min(w, box.right() + mx); x++) {
                int bx = x - box.x();
                int by = y - box.y();
                boolean inMask = bx >= 0 && by >= 0 && bx < box.width() && by < box.height()
                        && mask[by * box.width() + bx] != 0;
                if (inMask) {
                    ink += values[y * w + x];
                    inked++;
                } else {
                    paper += values[y * w + x];
                    papered++;
                }
            }
        }
        if (inked == 0 || papered == 0) {
            return 0;
        }
        ink /= inked;
        paper /= papered;
        return darkInk ? (paper - ink) / Math.max(0.05, paper) : ink - paper;
    }

    /** Pixels the ink's tails are read on: a thin 1 drawn 5% of the canvas high is a few working pixels. */
    private static final int TAIL_PIXELS = 6;
    /** Least contrast, against the local paper, of ink. */
    private static final float MIN_CONTRAST = 0.12f;
    /** Share of the brightest ink a pixel needs to count as ink when the ink is located. */
    private static final float INK_SHARE = 0.4f;

    private SmallInk() {
    }

    /**
     * Whether the ink is dark on light paper, from what stands out most from its surroundings either way. The
     * whole-picture rule reads the tails at 1% of the pixels, which a small digit does not reach: there the
     * paper's shading and noise decide.
     */
    static boolean darkInk(GrayPlane gray) {
        int w = gray.width();
        int h = gray.height();
        float[] values = gray.values();
        // Wide enough for the paper to be the median even inside a bold stroke: a window narrower than the stroke
        // takes the ink for paper, and the paper beside the stroke then stands out as light ink.
        float[] paper = Background.median(values, w, h, Math.max(PAPER_RADIUS, Math.min(w, h) / 4));
        float[] darker = new float[values.length];
        float[] lighter = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            darker[i] = Math.max(0f, paper[i] - values[i]);
            lighter[i] = Math.max(0f, values[i] - paper[i]);
        }
        double tail = tail(values.length);
        float below = Threshold.percentile(darker, tail);
        float above = Threshold.percentile(lighter, tail);
        if (Math.max(below, above) < 0.03f || Math.abs(below - above) < 0.25f * Math.max(below, above)) {
            return Polarity.darkInk(values, w, h);
        }
        return below > above;
    }

    /**
     * A digit located in the reduced picture.
     *
     * @param box     where it lies, in the picture's pixels
     * @param longer  its longer side in reduced pixels
     * @param alone   whether it holds nearly all of the ink found (no scatter of noise or other marks around it)
     */
    record Located(Box box, int longer, boolean alone) {
    }

    /** Share of the ink found that the digit must hold to stand {@link Located#alone()}. */
    private static final double ALONE_SHARE = 0.8;

    /**
     * Where the main digit lies, found in the picture reduced by {@code factor} keeping each block's most
     * ink-like pixel instead of its mean, so that a stroke thinner than a block keeps its full contrast; empty
     * when nothing there stands out as ink. Dark ink is measured as a share of the paper's local brightness, so
     * that a stroke in a shadow counts as much as one in the light.
     */
    static Optional<Located> locate(BufferedImage picture, int factor, boolean darkInk, Segmenter segmenter) {
        GrayPlane full = Grayscale.reduced(picture, 1);
        int w = Math.max(1, full.width() / factor);
        int h = Math.max(1, full.height() / factor);
        float[] values = full.values();
        float[] pooled = new float[w * h];
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                float most = 0f;
                for (int y = by * factor; y < Math.min(full.height(), (by + 1) * factor); y++) {
                    for (int x = bx * factor; x < Math.min(full.width(), (bx + 1) * factor); x++) {
                        float v = values[y * full.width() + x];
                        most = Math.max(most, darkInk ? 1f - v : v);
                    }
                }
                pooled[by * w + bx] = most;
            }
        }
        float[] paper = Background.median(pooled, w, h, PAPER_RADIUS);
        float[] ink = new float[pooled.length];
        for (int i = 0; i < pooled.length; i++) {
            float stands = pooled[i] - paper[i];
            // pooled holds 1 - gray for dark ink, so 1 - paper is the paper's brightness
            ink[i] = Math.max(0f, darkInk ? stands / Math.max(0.05f, 1f - paper[i]) : stands);
        }
        float top = Threshold.percentile(ink, tail(ink.length));
        if (top < MIN_CONTRAST) {
            return Optional.empty();
        }
        float threshold = Math.max(MIN_CONTRAST, INK_SHARE * top);
        byte[] mask = new byte[ink.length];
        int inked = 0;
        for (int i = 0; i < ink.length; i++) {
            mask[i] = (byte) (ink[i] > threshold ? 1 : 0);
            inked += mask[i];
        }
        Cleaner.CleanedPicture located = new Cleaner.CleanedPicture(mask, w, h, factor, picture.getWidth(),
                picture.getHeight(), null, Map.of(), null);
        try {
            Segmenter.DigitCandidate digit = segmenter.mainDigit(located);
            Box working = digit.workingBox();
            return Optional.of(new Located(digit.box(), Math.max(working.width(), working.height()),
                    digit.area() >= ALONE_SHARE * inked));
        } catch (NoDigitFoundException e) {
            return Optional.empty();
        }
    }

    /** The percentile that leaves {@value #TAIL_PIXELS} pixels above it. */
    private static double tail(int pixels) {
        return Math.max(0.5, 1 - (double) TAIL_PIXELS / pixels);
    }
}
