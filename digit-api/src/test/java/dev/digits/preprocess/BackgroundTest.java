package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Removing the lines of ruled paper from a light-ink-on-dark plane. */
class BackgroundTest {
    private static final int W = 400;
    private static final int H = 240;

    /** Horizontal lines two pixels thick, from edge to edge, every 30 rows. */
    private static float[] ruled(float level) {
        float[] plane = new float[W * H];
        for (int y = 10; y < H; y += 30) {
            for (int x = 0; x < W; x++) {
                plane[y * W + x] = level;
                plane[(y + 1) * W + x] = level;
            }
        }
        return plane;
    }

    /**
     * A small digit on a ruled page, its lines holding most of the ink (about 85% here): the lines used to be
     * left whenever they held more than 70% of it, and a faint number crossing them was then one piece with the
     * whole ruling.
     */
    @Test
    void linesHoldingMostOfTheInkAreRemovedAndTheDigitCrossingThemStays() {
        float[] plane = ruled(0.8f);
        // A 0 drawn as a box, its upright strokes crossing the lines at rows 40-41 and 70-71.
        for (int y = 28; y < 90; y++) {
            for (int x = 200; x < 235; x++) {
                boolean upright = x < 204 || x >= 231;
                boolean across = y < 32 || y >= 86;
                if (upright || across) {
                    plane[y * W + x] = 1f;
                }
            }
        }
        assertTrue(Background.removeLines(plane, W, H), "lines found and removed");
        assertEquals(0f, plane[40 * W + 50], 1e-6, "the line away from the digit is gone");
        assertEquals(0f, plane[100 * W + 300], 1e-6, "another line is gone");
        assertEquals(1f, plane[35 * W + 201], 1e-6, "the stroke above the line stays");
        assertTrue(plane[40 * W + 201] > 0.5f, "the stroke stays whole where it crosses the line: " + plane[40 * W + 201]);
    }

    /** A ruled page with nothing else on it is left as it is: there is nothing to keep the lines apart from. */
    @Test
    void aPageOfLinesAloneIsLeftAsItIs() {
        float[] plane = ruled(0.8f);
        float[] before = plane.clone();
        assertFalse(Background.removeLines(plane, W, H));
        assertEquals(before[40 * W + 50], plane[40 * W + 50]);
    }
}
