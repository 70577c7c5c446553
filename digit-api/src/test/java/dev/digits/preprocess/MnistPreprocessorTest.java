package dev.digits.preprocess;

import static dev.digits.preprocess.Drawings.centreOfMass;
import static dev.digits.preprocess.Drawings.inkPixels;
import static dev.digits.preprocess.Drawings.overlap;
import static dev.digits.preprocess.Drawings.plainSeven;
import static dev.digits.preprocess.Drawings.seven;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each situation real pictures bring, on a picture the test draws, checked against the clean result. */
class MnistPreprocessorTest {
    private static final Preprocessor MNIST = Preprocessor.mnist();
    private static final DigitImage CLEAN = MNIST.preprocess(plainSeven()).image();

    private static void assertLooksLikeTheCleanSeven(BufferedImage picture, String situation) {
        assertLooksLikeTheCleanSeven(picture, situation, 0.6);
    }

    private static void assertLooksLikeTheCleanSeven(BufferedImage picture, String situation, double least) {
        DigitImage image = MNIST.preprocess(picture).image();
        assertTrue(image.isMnistForm());
        double similarity = overlap(CLEAN, image);
        assertTrue(similarity > least, situation + ": overlap with the clean 7 is only " + similarity);
        double[] centre = centreOfMass(image);
        assertEquals(13.5, centre[0], 1.0, situation + ": centre of mass x");
        assertEquals(13.5, centre[1], 1.0, situation + ": centre of mass y");
    }

    @Test
    void cleanResultIsInMnistForm() {
        double[] centre = centreOfMass(CLEAN);
        assertEquals(13.5, centre[0], 0.6, "centre of mass x");
        assertEquals(13.5, centre[1], 0.6, "centre of mass y");
        int top = 28;
        int bottom = -1;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (CLEAN.pixel(x, y, 0) > 0.1f) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertTrue(bottom - top + 1 >= 19 && bottom - top + 1 <= 21, "the 7 fills the 20-pixel box: " + (bottom - top + 1));
        assertEquals(0f, CLEAN.pixel(0, 0, 0));
    }

    @Test
    void anySizeFromTinyToPhoto() {
        // A 16-pixel drawing has a pen of 1.5 pixels and little shape left: it only has to come out close.
        assertLooksLikeTheCleanSeven(seven(16, 16, 2, 1, 14, 1.5f, Color.WHITE, Color.BLACK), "16x16", 0.5);
        assertLooksLikeTheCleanSeven(seven(4000, 3000, 1500, 900, 1400, 110, Color.WHITE, Color.BLACK), "4000x3000");
    }

    @Test
    void lightInkOnDarkIsDetectedNotAssumed() {
        Preprocessed result = MNIST.preprocess(seven(600, 500, 220, 120, 240, 20, Color.BLACK, Color.WHITE));
        assertFalse(result.stages().containsKey("inverted"));
        assertTrue(overlap(CLEAN, result.image()) > 0.9);
        assertTrue(MNIST.preprocess(plainSeven()).stages().containsKey("inverted"));
    }

    @Test
    void colourCastAndShadow() {
        BufferedImage tinted = seven(600, 500, 220, 120, 240, 20, new Color(250, 225, 150), new Color(30, 40, 150));
        assertLooksLikeTheCleanSeven(tinted, "blue pen on yellow paper");
        BufferedImage shaded = plainSeven();
        for (int y = 0; y < shaded.getHeight(); y++) {
            for (int x = 0; x < shaded.getWidth(); x++) {
                int rgb = shaded.getRGB(x, y);
                double light = 0.35 + 0.65 * x / shaded.getWidth();
                int r = (int) (((rgb >> 16) & 0xff) * light);
                int g = (int) (((rgb >> 8) & 0xff) * light);
                int b = (int) ((rgb & 0xff) * light);
                shaded.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        assertLooksLikeTheCleanSeven(shaded, "shadow from the left");
    }

    @Test
    void paperTextureAndNoise() {
        BufferedImage noisy = plainSeven();
        Random random = new Random(3);
        for (int y = 0; y < noisy.getHeight(); y++) {
            for (int x = 0; x < noisy.getWidth(); x++) {
                int v = (noisy.getRGB(x, y) & 0xff) + (int) (random.nextGaussian() * 25);
                v = Math.max(0, Math.min(255, v));
                noisy.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        assertLooksLikeTheCleanSeven(noisy, "noise");
    }

    @Test
    void ruledLinesAreRemoved() {
        BufferedImage ruled = plainSeven();
        Graphics2D g = ruled.createGraphics();
        g.setColor(new Color(120, 150, 230));
        for (int y = 30; y < ruled.getHeight(); y += 45) {
            g.fillRect(0, y, ruled.getWidth(), 3);
        }
        g.dispose();
        Preprocessed result = MNIST.preprocess(ruled);
        assertTrue(result.stages().containsKey("lines removed"));
        assertTrue(overlap(CLEAN, result.image()) > 0.6, "overlap " + overlap(CLEAN, result.image()));
    }

    @Test
    void hairlineAndMarkerStrokesComeOutWithMnistsPen() {
        // MNIST's test digits have 105 pixels above one half on average.
        int hairline = inkPixels(MNIST.preprocess(seven(600, 500, 220, 120, 240, 1, Color.WHITE, Color.BLACK)).image());
        int marker = inkPixels(MNIST.preprocess(seven(600, 500, 200, 100, 260, 70, Color.WHITE, Color.BLACK)).image());
        assertTrue(hairline >= 40, "a 1-pixel stroke is thickened: " + hairline + " ink pixels");
        assertTrue(marker <= 210, "a marker stroke is not a blob: " + marker + " ink pixels");
    }

    @Test
    void specksAndBorderArtefactsAreNotTheDigit() {
        BufferedImage dirty = plainSeven();
        Graphics2D g = dirty.createGraphics();
        g.setColor(Color.BLACK);
        Random random = new Random(5);
        for (int i = 0; i < 25; i++) {
            g.fillOval(random.nextInt(600), random.nextInt(500), 4, 4);
        }
        g.fillRect(0, 0, 600, 25);
        g.fillRect(570, 0, 30, 500);
        g.dispose();
        assertLooksLikeTheCleanSeven(dirty, "specks and dark border");
        assertTrue(overlap(CLEAN, MNIST.preprocess(dirty).image()) > 0.8);
    }

    @Test
    void blankPicturesAreNoDigit() {
        BufferedImage blank = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(new Color(235, 235, 230));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        assertThrows(NoDigitFoundException.class, () -> MNIST.preprocess(blank));
        Random random = new Random(9);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                int v = 230 + random.nextInt(8);
                blank.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        assertThrows(NoDigitFoundException.class, () -> MNIST.preprocess(blank), "paper grain alone is no digit");
    }

    @Test
    void deskewStraightensASlantedStroke() {
        DigitImage slanted = Preprocessor.mnist().preprocess(seven(400, 400, 120, 80, 240, 20, Color.WHITE, Color.BLACK)).image();
        DigitImage straight = MnistPreprocessor.builder().deskew(true).build()
                .preprocess(seven(400, 400, 120, 80, 240, 20, Color.WHITE, Color.BLACK)).image();
        assertTrue(Math.abs(slant(straight)) < Math.abs(slant(slanted)), slant(straight) + " vs " + slant(slanted));
    }

    private static double slant(DigitImage image) {
        double[] c = centreOfMass(image);
        double mixed = 0;
        double vertical = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = image.pixel(x, y, 0);
                mixed += v * (x - c[0]) * (y - c[1]);
                vertical += v * (y - c[1]) * (y - c[1]);
            }
        }
        return mixed / vertical;
    }

    @Test
    void stagesAreNamedAndInOrder() {
        Preprocessed result = MNIST.preprocess(plainSeven());
        assertEquals("input", result.stages().keySet().iterator().next());
        assertTrue(result.stages().containsKey("threshold"));
        assertTrue(result.stages().containsKey("cleaned"));
        String last = null;
        for (String name : result.stages().keySet()) {
            last = name;
        }
        assertEquals("28x28", last);
        assertTrue(Preprocessor.mnist().withStages(false).preprocess(plainSeven()).stages().isEmpty(), "no stage pictures unless asked");
    }
}
