package dev.digits.examples.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Map;

/** A strip of the preprocessing stages, each picture with its name under it. */
final class StepsImage {
    private static final int TILE = 140;
    private static final int LABEL_LINES = 3;
    private static final int LABEL = 50;
    private static final int GAP = 8;

    private StepsImage() {
    }

    static BufferedImage render(Map<String, BufferedImage> stages) {
        return render(stages, null);
    }

    /**
     * The stages side by side and, when {@code failure} is given, a last tile with the reason written on it:
     * what a user sees when no digit was found, up to where it was lost.
     */
    static BufferedImage render(Map<String, BufferedImage> stages, String failure) {
        int count = Math.max(1, stages.size() + (failure == null ? 0 : 1));
        BufferedImage strip = new BufferedImage(count * (TILE + GAP) + GAP, TILE + LABEL + 2 * GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = strip.createGraphics();
        try {
            g.setColor(new Color(245, 245, 245));
            g.fillRect(0, 0, strip.getWidth(), strip.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            int x = GAP;
            for (Map.Entry<String, BufferedImage> stage : stages.entrySet()) {
                BufferedImage picture = stage.getValue();
                double scale = Math.min((double) TILE / picture.getWidth(), (double) TILE / picture.getHeight());
                int w = Math.max(1, (int) Math.round(picture.getWidth() * scale));
                int h = Math.max(1, (int) Math.round(picture.getHeight() * scale));
                g.setColor(Color.DARK_GRAY);
                g.fillRect(x, GAP, TILE, TILE);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, scale >= 1
                        ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(picture, x + (TILE - w) / 2, GAP + (TILE - h) / 2, w, h, null);
                g.setColor(Color.BLACK);
                label(g, metrics, stage.getKey(), x);
                x += TILE + GAP;
            }
            if (failure != null) {
                g.setColor(new Color(255, 235, 235));
                g.fillRect(x, GAP, TILE, TILE);
                g.setColor(new Color(160, 0, 0));
                int line = 0;
                for (String text : wrap(failure, metrics, TILE - 8)) {
                    g.drawString(text, x + 4, GAP + 14 + line++ * metrics.getHeight());
                }
                g.setColor(Color.BLACK);
                label(g, metrics, "no digit found", x);
            }
        } finally {
            g.dispose();
        }
        return strip;
    }

    /** A stage's name under its tile, on up to three lines when it is wider than the tile: neighbours' names never overlap. */
    private static void label(Graphics2D g, FontMetrics metrics, String name, int x) {
        java.util.List<String> lines = wrap(name, metrics, TILE);
        int top = GAP + TILE + metrics.getAscent() + 2;
        for (int i = 0; i < Math.min(LABEL_LINES, lines.size()); i++) {
            String text = lines.get(i);
            g.drawString(text, x + (TILE - metrics.stringWidth(text)) / 2, top + i * metrics.getHeight());
        }
    }

    /** The words of {@code text} in lines no wider than {@code width}, as many as fit a tile. */
    private static java.util.List<String> wrap(String text, FontMetrics metrics, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        int fit = Math.max(1, (TILE - 8) / metrics.getHeight());
        return lines.size() <= fit ? lines : lines.subList(0, fit);
    }
}
