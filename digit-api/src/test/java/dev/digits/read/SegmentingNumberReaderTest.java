package dev.digits.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.ConstantClassifier;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.NoDigitFoundException;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The reader's own work, with a stand-in classifier that names every digit 3: how many digits it finds,
 * where, and what it sets aside as separators. Reading real digits is tested where a real model runs.
 */
class SegmentingNumberReaderTest {
    private static NumberReader reader() {
        return NumberReaders.segmenting(new ConstantClassifier(ModelCard.builder().task(Task.CLASSIFY).build(), "stand-in", 3));
    }

    private static Graphics2D pen(BufferedImage picture) {
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(9));
        return g;
    }

    @Test
    void aBlankPictureHasNoDigit() {
        try (NumberReader reader = reader()) {
            BufferedImage blank = new BufferedImage(500, 120, BufferedImage.TYPE_INT_RGB);
            pen(blank).dispose();
            assertThrows(NoDigitFoundException.class, () -> reader.read(blank));
        }
    }

    @Test
    void oneDigitAndTenDigitsWithSeparatorsSetAside() {
        try (NumberReader reader = reader()) {
            BufferedImage one = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = pen(one);
            g.drawOval(70, 40, 60, 110);
            g.dispose();
            NumberReading single = reader.read(one);
            assertEquals("3", single.text());
            assertEquals(0.91f, single.confidence(), 1e-5f);

            BufferedImage ten = new BufferedImage(1250, 200, BufferedImage.TYPE_INT_RGB);
            g = pen(ten);
            for (int i = 0; i < 10; i++) {
                g.drawOval(30 + i * 120, 40, 60, 110);
            }
            g.fillOval(102, 136, 18, 18); // "0.0"
            g.drawLine(346, 95, 376, 95); // "0-0"
            g.fillOval(582, 136, 18, 18);
            g.dispose();
            NumberReading reading = reader.read(ten);
            assertEquals("3333333333", reading.text());
            assertEquals(3, reading.separators().size(), reading.separators().toString());
            for (int i = 0; i < 10; i++) {
                assertEquals(30 + i * 120 - 4, reading.digits().get(i).box().x(), 3, "digit " + i);
            }
            assertTrue(reading.confidence() < 0.91f * 0.91f, "the product of ten confidences");
            assertEquals("stand-in", reader.backendName());
        }
    }
}
