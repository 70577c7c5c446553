package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.NoDigitFoundException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segmentation of pictures the test draws, whose digit boxes it therefore knows. */
class SegmenterTest {
    private static final Cleaner CLEANER = new Cleaner();
    private static final Segmenter SEGMENTER = new Segmenter();

    static BufferedImage paper(int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return picture;
    }

    /** A ring filling the box (x, y, width, height), its stroke a sixth of the width. */
    private static void zero(Graphics2D g, int x, int y, int width, int height) {
        int pen = width / 6;
        g.setColor(Color.BLACK);
        g.fillOval(x, y, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(x + pen, y + pen, width - 2 * pen, height - 2 * pen);
        g.setColor(Color.BLACK);
    }

    /**
     * A 7 filling the box (x, y, width, height) whose bar is lifted off the stem, as when written in two
     * strokes: the segmenter has to put the two back together.
     */
    private static void detachedSeven(Graphics2D g, int x, int y, int width, int height) {
        int pen = width / 6;
        g.setColor(Color.BLACK);
        g.fillRect(x, y, width, pen);
        int top = y + pen + pen / 2;
        g.fillPolygon(new Polygon(new int[]{x + width - pen, x + width, x + pen, x},
                new int[]{top, top, y + height, y + height}, 4));
    }

    private static void assertBox(Box expected, Box actual, int tolerance, String what) {
        String message = what + ": expected about " + expected + ", got " + actual;
        assertEquals(expected.x(), actual.x(), tolerance, message);
        assertEquals(expected.y(), actual.y(), tolerance, message);
        assertEquals(expected.right(), actual.right(), tolerance, message);
        assertEquals(expected.bottom(), actual.bottom(), tolerance, message);
    }

    @Test
    void digitsOfANumberComeLeftToRightWithTheirBoxesInInputCoordinates() {
        // Larger than the working size: reduced by 3, so boxes come back within the reduction factor.
        BufferedImage picture = paper(700, 350);
        Graphics2D g = picture.createGraphics();
        detachedSeven(g, 420, 70, 120, 200);
        g.fillRect(100, 80, 24, 190);
        zero(g, 220, 75, 120, 200);
        g.fillRect(60, 300, 3, 3); // a speck far from any digit
        g.fillRect(350, 150, 3, 3); // and one between two
        g.dispose();
        CleanedPicture cleaned = CLEANER.clean(picture);
        assertEquals(3, cleaned.factor());
        List<DigitCandidate> digits = SEGMENTER.candidates(cleaned);
        assertEquals(3, digits.size(), digits.toString());
        assertBox(new Box(100, 80, 24, 190), digits.get(0).box(), 3, "the 1");
        assertBox(new Box(220, 75, 120, 200), digits.get(1).box(), 3, "the 0");
        assertBox(new Box(420, 70, 120, 200), digits.get(2).box(), 3, "the 7 with its lifted bar");
        assertTrue(digits.get(0).area() < digits.get(1).area());
        // The single-digit rule starts from the largest and takes in what lies within half its size.
        assertEquals(digits.get(1).box().x(), SEGMENTER.mainDigit(cleaned).box().x(), "the main digit is the 0");
    }

    @Test
    void atWorkingSizeBoxesArePixelExact() {
        BufferedImage picture = paper(240, 120);
        Graphics2D g = picture.createGraphics();
        zero(g, 130, 20, 50, 80);
        g.fillRect(60, 25, 10, 75);
        g.dispose();
        CleanedPicture cleaned = CLEANER.clean(picture);
        assertEquals(1, cleaned.factor());
        List<DigitCandidate> digits = SEGMENTER.candidates(cleaned);
        assertEquals(2, digits.size(), digits.toString());
        assertBox(new Box(60, 25, 10, 75), digits.get(0).box(), 1, "the 1");
        assertBox(new Box(130, 20, 50, 80), digits.get(1).box(), 1, "the 0");
        assertEquals(digits.get(1).workingBox(), digits.get(1).box(), "no reduction, the same coordinates");
        DigitCandidate one = digits.get(0);
        byte[] mask = one.mask();
        assertEquals(one.workingBox().width() * one.workingBox().height(), mask.length);
        int ink = 0;
        for (byte b : mask) {
            ink += b;
        }
        assertEquals(one.area(), ink);
    }

    @Test
    void aSingleDigitIsOneCandidateWithItsPieces() {
        BufferedImage picture = paper(400, 400);
        Graphics2D g = picture.createGraphics();
        detachedSeven(g, 140, 100, 120, 200);
        g.dispose();
        CleanedPicture cleaned = CLEANER.clean(picture);
        List<DigitCandidate> digits = SEGMENTER.candidates(cleaned);
        assertEquals(1, digits.size(), digits.toString());
        assertEquals(SEGMENTER.mainDigit(cleaned).box(), digits.get(0).box());
        assertBox(new Box(140, 100, 120, 200), digits.get(0).box(), 2, "the 7");
    }

    @Test
    void blankPicturesAndSpecksAreNoDigit() {
        BufferedImage blank = paper(300, 200);
        assertThrows(NoDigitFoundException.class, () -> CLEANER.clean(blank));
        assertThrows(NoDigitFoundException.class, () -> Preprocessor.mnist().preprocess(blank));
        // Enough specks for the cleaner to see ink, each smaller than the least a digit can be.
        BufferedImage specks = paper(240, 200);
        Graphics2D g = specks.createGraphics();
        g.setColor(Color.BLACK);
        for (int i = 0; i < 20; i++) {
            g.fillRect(20 + (i % 5) * 45, 20 + (i / 5) * 45, 3, 3);
        }
        g.dispose();
        CleanedPicture cleaned = CLEANER.clean(specks);
        NoDigitFoundException main = assertThrows(NoDigitFoundException.class, () -> SEGMENTER.mainDigit(cleaned));
        assertTrue(main.getMessage().startsWith("Only specks of ink found"), main.getMessage());
        assertThrows(NoDigitFoundException.class, () -> SEGMENTER.candidates(cleaned));
    }
}
