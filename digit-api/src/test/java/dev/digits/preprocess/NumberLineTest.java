package dev.digits.preprocess;

import dev.digits.preprocess.Cleaner.CleanedPicture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learned reader's canvas: the line's ink, INK_HEIGHT high, left-aligned, light on dark. */
class NumberLineTest {
    private static int[] inkRowsAndColumns(float[] canvas) {
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        for (int y = 0; y < NumberLine.HEIGHT; y++) {
            for (int x = 0; x < NumberLine.WIDTH; x++) {
                if (canvas[y * NumberLine.WIDTH + x] > 0.5f) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return new int[]{top, bottom, left, right};
    }

    private static float[] canvasOf(int width, int height, int... blocks) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        for (int i = 0; i < blocks.length; i += 4) {
            g.fillRect(blocks[i], blocks[i + 1], blocks[i + 2], blocks[i + 3]);
        }
        g.dispose();
        NumberSegmenter segmenter = new NumberSegmenter();
        CleanedPicture cleaned = new Cleaner().withWorkingSize(Math.max(width, height)).clean(picture);
        return new NumberLine(segmenter).canvas(cleaned, segmenter.segment(cleaned).pieces());
    }

    @Test
    void twoBarsAreScaledToTheInkHeightAndLeftAligned() {
        // Two bars, 100 high and 30 wide, 60 apart: 24 high on the canvas, the pair 24 * 120 / 100 = 28.8 wide.
        float[] canvas = canvasOf(400, 200, 100, 50, 30, 100, 190, 50, 30, 100);
        int[] ink = inkRowsAndColumns(canvas);
        assertEquals(NumberLine.INK_HEIGHT, ink[1] - ink[0] + 1, 1);
        assertEquals(NumberLine.LEFT, ink[2], 1);
        assertEquals(NumberLine.LEFT + 29 - 1, ink[3], 2);
        for (float v : canvas) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void aLongLineIsScaledToFitTheWidth() {
        int[] blocks = new int[4 * 12];
        for (int i = 0; i < 12; i++) {
            blocks[4 * i] = 20 + i * 100;
            blocks[4 * i + 1] = 40;
            blocks[4 * i + 2] = 40;
            blocks[4 * i + 3] = 100;
        }
        int[] ink = inkRowsAndColumns(canvasOf(1260, 180, blocks));
        assertEquals(NumberLine.LEFT, ink[2], 1);
        assertTrue(ink[3] <= NumberLine.WIDTH - NumberLine.LEFT, "fits: " + ink[3]);
        assertTrue(ink[1] - ink[0] + 1 < NumberLine.INK_HEIGHT, "lower than a short line");
    }

    @Test
    void aWideGapIsNarrowedToMaxGapHeights() {
        // Bars 100 high, 30 wide, 300 apart: the gap is narrowed to 60, so the pair is 120 wide, 28.8 on the canvas;
        // without narrowing it would be 87 columns wide.
        float[] canvas = canvasOf(600, 200, 50, 50, 30, 100, 380, 50, 30, 100);
        int[] ink = inkRowsAndColumns(canvas);
        assertEquals(NumberLine.INK_HEIGHT, ink[1] - ink[0] + 1, 1);
        assertEquals(NumberLine.LEFT + 29 - 1, ink[3], 2);
        int row = (ink[0] + ink[1]) / 2;
        int secondBar = NumberLine.LEFT + 22; // (30 + 60) * 0.24 = 21.6 columns from the left edge
        assertTrue(canvas[row * NumberLine.WIDTH + secondBar + 2] > 0.5f, "the second bar follows the narrowed gap");
        assertTrue(canvas[row * NumberLine.WIDTH + secondBar - 4] < 0.5f, "the gap is still there");
    }

    @Test
    void narrowingShiftsOnlyWhatLiesBeyondAWideGap() {
        // 100 high: gaps up to 60 stay, a gap of 240 loses 180.
        NumberLine.Narrowing narrowing = NumberLine.Narrowing.of(List.of(new dev.digits.Box(500, 0, 30, 100),
                new dev.digits.Box(100, 0, 30, 100), new dev.digits.Box(190, 10, 30, 80), new dev.digits.Box(210, 0, 50, 90)));
        assertEquals(160 + 60 + 30, narrowing.width());
        assertEquals(0, narrowing.original(0));
        assertEquals(159, narrowing.original(159), "before and in a kept gap nothing moves");
        assertEquals(219, narrowing.original(219), "the wide gap's first 60 columns stay");
        assertEquals(400, narrowing.original(220), "the last piece starts where the narrowed gap ends");
        assertEquals(429, narrowing.original(249));
        NumberLine.Narrowing close = NumberLine.Narrowing.of(List.of(new dev.digits.Box(0, 0, 30, 100),
                new dev.digits.Box(90, 0, 30, 100)));
        assertEquals(120, close.width());
        assertEquals(100, close.original(100));
        assertThrows(IllegalArgumentException.class, () -> NumberLine.Narrowing.of(List.of()));
    }

    @Test
    void noPiecesIsAnError() {
        BufferedImage picture = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.BLACK);
        g.fillRect(40, 20, 15, 60);
        g.dispose();
        CleanedPicture cleaned = new Cleaner().clean(picture);
        assertThrows(IllegalArgumentException.class, () -> new NumberLine(new NumberSegmenter()).canvas(cleaned, List.of()));
    }
}
