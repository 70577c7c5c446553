package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimplePreprocessorTest {
    @TempDir
    Path folder;

    private static BufferedImage drawnOne(Color paper, Color ink, int size) {
        BufferedImage picture = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, size, size);
        g.setColor(ink);
        g.setStroke(new BasicStroke(size / 10f));
        g.drawLine(size / 2, size / 5, size / 2, size * 4 / 5);
        g.dispose();
        return picture;
    }

    @Test
    void darkInkOnPaperBecomesLightInkOnDark() {
        DigitImage image = Preprocessor.simple().preprocess(drawnOne(Color.WHITE, Color.BLACK, 280)).image();
        assertTrue(image.isMnistForm());
        assertTrue(image.pixel(14, 14, 0) > 0.9f, "the stroke is ink");
        assertEquals(0f, image.pixel(2, 2, 0), 0.01f, "the paper is background");
    }

    @Test
    void lightInkOnDarkIsLeftAsItIs() {
        Preprocessed result = Preprocessor.simple().preprocess(drawnOne(Color.BLACK, Color.WHITE, 140));
        assertTrue(result.image().pixel(14, 14, 0) > 0.9f);
        assertTrue(!result.stages().containsKey("inverted"));
        assertEquals("input", result.stages().keySet().iterator().next());
    }

    @Test
    void naiveAlwaysInverts() {
        DigitImage image = Preprocessor.naive().preprocess(drawnOne(Color.BLACK, Color.WHITE, 140)).image();
        assertTrue(image.pixel(14, 14, 0) < 0.1f, "the naive pipeline assumes dark ink and gets this picture wrong");
    }

    @Test
    void blankPictureIsNoDigit() {
        BufferedImage blank = drawnOne(Color.LIGHT_GRAY, Color.LIGHT_GRAY, 100);
        assertThrows(NoDigitFoundException.class, () -> Preprocessor.simple().preprocess(blank));
    }

    @Test
    void unreadableFilesGiveClearErrors() throws Exception {
        Path text = folder.resolve("note.png");
        java.nio.file.Files.writeString(text, "not a picture");
        assertTrue(assertThrows(BadImageException.class, () -> Pictures.read(text)).getMessage().contains("PNG, JPEG"));
        assertThrows(BadImageException.class, () -> Pictures.read(folder.resolve("missing.png")));
    }
}
