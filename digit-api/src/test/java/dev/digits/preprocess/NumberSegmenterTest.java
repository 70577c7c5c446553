package dev.digits.preprocess;

import dev.digits.preprocess.Cleaner.CleanedPicture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Box;
import dev.digits.NoDigitFoundException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segmentation of numbers the test draws, whose digit and separator boxes it therefore knows. */
class NumberSegmenterTest {
    private static final Cleaner CLEANER = new Cleaner().withWorkingSize(1024);
    private static final NumberSegmenter SEGMENTER = new NumberSegmenter();

    /** White paper from {@link SegmenterTest#paper}, with a black 8-pixel pen ready on it. */
    private static Graphics2D pen(BufferedImage paper) {
        Graphics2D g = paper.createGraphics();
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(8));
        return g;
    }

    private static List<Box> boxes(NumberSegmenter.Segments segments) {
        return segments.pieces().stream().map(p -> p.candidate().box()).toList();
    }

    @Test
    void tenRingsComeLeftToRightWithTheirBoxesAndADashIsASeparator() {
        BufferedImage picture = SegmenterTest.paper(1000, 200);
        Graphics2D g = pen(picture);
        for (int i = 0; i < 10; i++) {
            int x = 20 + i * 95 + (i >= 5 ? 20 : 0);
            g.drawOval(x, 40, 50, 100);
        }
        g.fillRect(470, 86, 26, 8); // a dash between the fifth and the sixth ring
        g.dispose();
        NumberSegmenter.Segments segments = SEGMENTER.segment(CLEANER.clean(picture));
        List<Box> boxes = boxes(segments);
        assertEquals(10, boxes.size(), boxes.toString());
        for (int i = 0; i < 10; i++) {
            int x = 20 + i * 95 + (i >= 5 ? 20 : 0);
            assertEquals(x - 4, boxes.get(i).x(), 2, "ring " + i + ": " + boxes.get(i));
            assertEquals(58, boxes.get(i).width(), 3, "ring " + i + ": " + boxes.get(i));
        }
        assertEquals(1, segments.separators().size(), segments.separators().toString());
        Box dash = segments.separators().get(0);
        assertEquals(470, dash.x(), 2);
        assertEquals(26, dash.width(), 3);
    }

    @Test
    void ringsJoinedByAStrokeAreCutThere() {
        BufferedImage picture = SegmenterTest.paper(400, 200);
        Graphics2D g = pen(picture);
        g.drawOval(60, 40, 70, 110);
        g.drawLine(130, 95, 150, 95); // a joining stroke, as when one digit runs into the next
        g.drawOval(150, 40, 70, 110);
        g.dispose();
        NumberSegmenter.Segments segments = SEGMENTER.segment(CLEANER.clean(picture));
        List<Box> boxes = boxes(segments);
        assertEquals(2, boxes.size(), boxes.toString());
        assertEquals(segments.pieces().get(0).component(), segments.pieces().get(1).component(), "one ink component, cut");
        assertTrue(boxes.get(0).right() >= 130 && boxes.get(0).right() <= 152, "cut within the joining stroke: " + boxes);
        assertTrue(boxes.get(1).x() >= 130 && boxes.get(1).x() <= 152, "cut within the joining stroke: " + boxes);
        assertTrue(segments.separators().isEmpty());
    }

    @Test
    void aSlantedNumberStillComesLeftToRight() {
        for (int degrees : new int[]{-15, 15}) {
            BufferedImage picture = SegmenterTest.paper(700, 400);
            Graphics2D g = pen(picture);
            g.rotate(Math.toRadians(degrees), 350, 200);
            for (int i = 0; i < 5; i++) {
                g.drawOval(80 + i * 110, 150, 55, 100);
            }
            g.dispose();
            List<Box> boxes = boxes(SEGMENTER.segment(CLEANER.clean(picture)));
            assertEquals(5, boxes.size(), degrees + "°: " + boxes);
            for (int i = 1; i < 5; i++) {
                assertTrue(boxes.get(i).x() > boxes.get(i - 1).right(), degrees + "°: " + boxes);
            }
        }
    }

    @Test
    void aPictureOfOnlyDotsHasNoDigit() {
        BufferedImage picture = SegmenterTest.paper(400, 200);
        Graphics2D g = pen(picture);
        g.fillOval(100, 150, 14, 14);
        g.fillOval(200, 150, 14, 14);
        g.dispose();
        CleanedPicture cleaned = CLEANER.clean(picture);
        // Each dot is a digit-sized blob for the single-digit rules, but nothing in a number is higher than them.
        assertEquals(2, new Segmenter().candidates(cleaned).size());
        assertEquals(2, SEGMENTER.segment(cleaned).pieces().size());
        assertThrows(NoDigitFoundException.class, () -> SEGMENTER.segment(CLEANER.clean(SegmenterTest.paper(300, 100))));
    }
}
