package dev.digits.examples.cli;

import dev.digits.eval.Evaluation;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The misclassified pictures as a grid, each with its true label and the prediction under it
 * ({@code 4 → 9 87%}; {@code 4 → none} when no digit was found), for {@code evaluate --report}.
 */
final class MisclassifiedImage {
    /** At most this many pictures are drawn; the title says how many there were. */
    static final int MAX_SHOWN = 200;
    private static final int COLUMNS = 10;
    private static final int PICTURE = 84;
    private static final int CAPTION = 18;
    private static final int GAP = 8;
    private static final int TITLE = 48;

    private MisclassifiedImage() {
    }

    /**
     * @param misses   the wrong answers, in order
     * @param pictures each miss's picture by its item (a miss without one gets an empty cell)
     * @param title    what was evaluated
     */
    static BufferedImage render(List<Evaluation.Miss> misses, Map<String, BufferedImage> pictures, String title) {
        List<Evaluation.Miss> shown = misses.subList(0, Math.min(MAX_SHOWN, misses.size()));
        int columns = Math.max(1, Math.min(COLUMNS, shown.size()));
        int rows = Math.max(1, (shown.size() + columns - 1) / columns);
        int width = Math.max(560, GAP + columns * (PICTURE + GAP));
        int height = TITLE + rows * (PICTURE + CAPTION + GAP) + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, GAP, 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String count = misses.isEmpty() ? "no misclassified pictures"
                    : String.format(Locale.ROOT, "%d misclassified%s; under each: true digit → predicted, its probability",
                    misses.size(), misses.size() > shown.size() ? " (the first " + shown.size() + " shown)" : "");
            g.drawString(count, GAP, 36);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < shown.size(); i++) {
                Evaluation.Miss miss = shown.get(i);
                int x = GAP + (i % columns) * (PICTURE + GAP);
                int y = TITLE + (i / columns) * (PICTURE + CAPTION + GAP);
                g.setColor(new Color(0xF3F4F6));
                g.fillRect(x, y, PICTURE, PICTURE);
                BufferedImage picture = pictures.get(miss.item());
                if (picture != null) {
                    double scale = Math.min((double) PICTURE / picture.getWidth(), (double) PICTURE / picture.getHeight());
                    int w = (int) Math.round(picture.getWidth() * scale);
                    int h = (int) Math.round(picture.getHeight() * scale);
                    g.drawImage(picture, x + (PICTURE - w) / 2, y + (PICTURE - h) / 2, w, h, null);
                }
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(x, y, PICTURE, PICTURE);
                String caption = miss.predicted() < 0 ? miss.label() + " → none"
                        : String.format(Locale.ROOT, "%d → %d %.0f%%", miss.label(), miss.predicted(), miss.confidence() * 100);
                g.setColor(new Color(0xB91C1C));
                g.drawString(caption, x + (PICTURE - metrics.stringWidth(caption)) / 2, y + PICTURE + CAPTION - 4);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A copy no larger than the grid's cell, so that keeping many costs little memory. */
    static BufferedImage thumbnail(BufferedImage picture) {
        double scale = Math.min(1, (double) PICTURE * 2 / Math.max(picture.getWidth(), picture.getHeight()));
        int w = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.drawImage(picture, 0, 0, w, h, null);
        g.dispose();
        return small;
    }
}
