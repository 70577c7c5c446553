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

    /**
     * A seven 60×90 drawn with a 1-pixel pen, without antialiasing, at (x, y) on a photo of paper: 1000×800, shaded
     * from one side to the other and grainy (noise of 3%), where the working size's block averages make the pen
     * fainter than the grain's blobs.
     */
    private static BufferedImage sevenOnAPhoto(int x, int y, long seed) {
        BufferedImage picture = new BufferedImage(1000, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(0x101014));
        g.fillRect(0, 0, 1000, 800);
        g.dispose();
        java.util.Random random = new java.util.Random(seed);
        BufferedImage pen = new BufferedImage(1000, 800, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D p = pen.createGraphics();
        p.setColor(Color.WHITE);
        p.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        p.drawPolyline(new int[]{x, x + 60, x + 20}, new int[]{y, y, y + 90}, 3);
        p.dispose();
        for (int py = 0; py < 800; py++) {
            for (int px = 0; px < 1000; px++) {
                if ((pen.getRaster().getSample(px, py, 0)) > 0) {
                    continue;
                }
                double light = 0.9 * (1 - 0.5 * px / 1000.0) + 0.03 * random.nextGaussian();
                int v = (int) Math.round(255 * Math.max(0, Math.min(1, light)));
                picture.setRGB(px, py, new Color(v, v, (int) (v * 0.9)).getRGB());
            }
        }
        return picture;
    }

    @Test
    void aSmallSevenWithAOnePixelPenIsFoundOnAGrainyShadedPhoto() {
        for (int[] place : new int[][]{{100, 100}, {800, 600}, {450, 350}}) {
            Preprocessed out = Preprocessor.mnist().withStages(false).preprocess(sevenOnAPhoto(place[0], place[1], place[0]));
            dev.digits.Box box = out.box();
            assertTrue(Math.abs(box.x() - place[0]) <= 2 && Math.abs(box.y() - place[1]) <= 2
                    && Math.abs(box.width() - 61) <= 3 && Math.abs(box.height() - 91) <= 3,
                    "the seven at " + place[0] + "," + place[1] + " is what was found, not the paper's grain: " + box);
            float ink = 0;
            for (float v : out.image().pixels()) {
                ink += v;
            }
            // The seven's strokes are about 34 pixels of the 28x28 long; the 1-pixel pen scaled by 20/90 alone would weigh
            // under 8 there, thickened towards MNIST's pen it weighs several times that.
            assertTrue(ink > 25, "the seven's strokes are thickened towards MNIST's pen: " + ink);
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
