package dev.digits.examples.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A confusion matrix as a picture: rows are true digits, columns predicted ones, darker cells more pictures. */
final class ConfusionImage {
    private static final int CELL = 48;
    private static final int MARGIN = 60;

    private ConfusionImage() {
    }

    static BufferedImage render(int[][] confusion, String title) {
        int size = MARGIN + 10 * CELL + 20;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            int max = 1;
            for (int[] row : confusion) {
                for (int count : row) {
                    max = Math.max(max, count);
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = g.getFontMetrics();
            for (int t = 0; t < 10; t++) {
                for (int p = 0; p < 10; p++) {
                    int count = confusion[t][p];
                    // A square root scale keeps the few errors visible beside the large diagonal.
                    float shade = count == 0 ? 0f : 0.15f + 0.85f * (float) Math.sqrt(count / (double) max);
                    Color fill = t == p ? new Color(1 - shade, 1 - shade * 0.6f, 1 - shade) : new Color(1, 1 - shade, 1 - shade);
                    int x = MARGIN + p * CELL;
                    int y = MARGIN + t * CELL;
                    g.setColor(fill);
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(Color.LIGHT_GRAY);
                    g.drawRect(x, y, CELL, CELL);
                    if (count > 0) {
                        String text = Integer.toString(count);
                        g.setColor(shade > 0.6f ? Color.WHITE : Color.BLACK);
                        g.drawString(text, x + (CELL - metrics.stringWidth(text)) / 2, y + CELL / 2 + 4);
                    }
                }
                g.setColor(Color.BLACK);
                g.drawString(Integer.toString(t), MARGIN - 14, MARGIN + t * CELL + CELL / 2 + 4);
                g.drawString(Integer.toString(t), MARGIN + t * CELL + CELL / 2 - 3, MARGIN - 8);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.drawString(title, 8, 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("predicted \u2192", MARGIN, MARGIN - 24);
            g.drawString("true \u2193", 8, MARGIN - 8);
        } finally {
            g.dispose();
        }
        return image;
    }
}
