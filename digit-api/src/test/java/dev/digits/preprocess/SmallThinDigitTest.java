package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * A small digit drawn with a thin pen on a large canvas, as a drawing app or a web form gives it, is a digit,
 * not a blank picture (issue 24: a 60×90 seven with a 2–4 px pen on 800×600 was refused as "no ink").
 */
class SmallThinDigitTest {
    private static BufferedImage seven(float pen, boolean antialiased, int height) {
        BufferedImage picture = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 600);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                antialiased ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int width = height * 2 / 3;
        g.drawPolyline(new int[]{370, 370 + width, 370 + width / 3}, new int[]{260, 260, 260 + height}, 3);
        g.dispose();
        return picture;
    }

    @Test
    void aSmallSevenWithAThinPenIsFoundWithEveryPen() {
        for (float pen : new float[]{1, 2, 3, 4}) {
            for (boolean antialiased : new boolean[]{true, false}) {
                Preprocessed out = Preprocessor.mnist().preprocess(seven(pen, antialiased, 90));
                DigitImage image = out.image();
                float ink = 0;
                for (float v : image.pixels()) {
                    ink += v;
                }
                assertTrue(ink > 20, "pen " + pen + (antialiased ? " antialiased" : "") + ": the seven's ink reaches 28x28");
            }
        }
    }

    @Test
    void aBlankCanvasIsStillBlankAndSaysWhyWithItsStages() {
        BufferedImage blank = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 600);
        g.dispose();
        NoDigitFoundException e = assertThrows(NoDigitFoundException.class,
                () -> Preprocessor.mnist().withStages(false).preprocess(blank));
        assertTrue(e.getMessage().contains("No ink found"), e.getMessage());
        assertTrue(e.stages().isEmpty(), "without stage pictures asked for, none are kept");
        NoDigitFoundException shown = assertThrows(NoDigitFoundException.class,
                () -> Preprocessor.mnist().withStages(true).preprocess(blank));
        assertFalse(shown.stages().isEmpty(), "the stages up to the failure come with it");
        assertEquals("input", shown.stages().keySet().iterator().next());
        assertTrue(shown.stages().containsKey("background removed"), shown.stages().keySet().toString());
    }
}
