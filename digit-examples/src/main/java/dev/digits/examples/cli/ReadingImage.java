package dev.digits.examples.cli;

import dev.digits.Box;
import dev.digits.NumberReading;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A picture with each digit's box and reading drawn on it, and each separator's box, for {@code read --steps}. */
final class ReadingImage {
    private static final Color DIGIT = new Color(220, 30, 30);
    private static final Color SEPARATOR = new Color(30, 90, 220);

    private ReadingImage() {
    }

    static BufferedImage render(BufferedImage picture, NumberReading reading) {
        BufferedImage copy = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(picture, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Lines and labels grow with the picture so that they stay visible on a large photo.
            int size = Math.max(picture.getWidth(), picture.getHeight());
            g.setStroke(new BasicStroke(Math.max(1f, size / 400f)));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, size / 40)));
            for (NumberReading.ReadDigit digit : reading.digits()) {
                Box box = digit.box();
                g.setColor(DIGIT);
                g.drawRect(box.x(), box.y(), box.width(), box.height());
                String label = String.valueOf(digit.prediction().digit());
                int baseline = box.y() > g.getFontMetrics().getAscent() ? box.y() - 2 : box.bottom() + g.getFontMetrics().getAscent();
                g.drawString(label, box.x(), baseline);
            }
            g.setColor(SEPARATOR);
            for (Box box : reading.separators()) {
                g.drawRect(box.x(), box.y(), box.width(), box.height());
            }
        } finally {
            g.dispose();
        }
        return copy;
    }

    /** The reading over the strip of steps, the reading scaled to the strip's width when it is wider. */
    static BufferedImage withStages(BufferedImage reading, BufferedImage strip) {
        double scale = Math.min(1.0, (double) Math.max(strip.getWidth(), 800) / reading.getWidth());
        int w = (int) Math.round(reading.getWidth() * scale);
        int h = (int) Math.round(reading.getHeight() * scale);
        BufferedImage both = new BufferedImage(Math.max(w, strip.getWidth()), h + strip.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = both.createGraphics();
        try {
            g.setColor(new Color(245, 245, 245));
            g.fillRect(0, 0, both.getWidth(), both.getHeight());
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(reading, 0, 0, w, h, null);
            g.drawImage(strip, 0, h, null);
        } finally {
            g.dispose();
        }
        return both;
    }
}
