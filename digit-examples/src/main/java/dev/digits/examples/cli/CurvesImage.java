package dev.digits.examples.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Training curves as a picture, one chart beside the other, per epoch: as the original notebooks plotted them. */
final class CurvesImage {
    /** One line of a chart: its name in the legend, its colour and one value per epoch (epoch 1 first). */
    record Series(String name, Color color, List<Double> values) {
    }

    /** One chart: a title, the lines drawn on it (all on one vertical scale) and the epoch of their first values. */
    record Chart(String title, List<Series> series, int firstEpoch) {
    }

    static final Color BLUE = new Color(0x2F6FDE);
    static final Color ORANGE = new Color(0xE07B00);
    static final Color GREEN = new Color(0x2E7D32);

    private static final int CHART_WIDTH = 460;
    private static final int CHART_HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 72;
    private static final int BOTTOM = 48;

    private CurvesImage() {
    }

    /** The charts side by side under a title. */
    static BufferedImage render(String title, List<Chart> charts) {
        int width = charts.size() * (LEFT + CHART_WIDTH + RIGHT);
        int height = TOP + CHART_HEIGHT + BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 10, 20);
            for (int i = 0; i < charts.size(); i++) {
                paintChart(g, charts.get(i), i * (LEFT + CHART_WIDTH + RIGHT) + LEFT);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paintChart(Graphics2D g, Chart chart, int left) {
        int epochs = chart.series().stream().mapToInt(s -> s.values().size()).max().orElse(0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series series : chart.series()) {
            for (double v : series.values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(min <= max)) {
            min = 0;
            max = 1;
        }
        double pad = max - min < 1e-9 ? Math.max(1e-3, Math.abs(max) * 0.05) : (max - min) * 0.08;
        double low = min - pad;
        double high = max + pad;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.setColor(Color.BLACK);
        g.drawString(chart.title(), left, TOP - 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();
        for (int t = 0; t <= 4; t++) {
            double value = low + (high - low) * t / 4;
            int y = yOf(value, low, high);
            g.setColor(new Color(0xE5E7EB));
            g.drawLine(left, y, left + CHART_WIDTH, y);
            String label = String.format(Locale.ROOT, Math.abs(high - low) < 0.1 ? "%.4f" : "%.3f", value);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label, left - 6 - metrics.stringWidth(label), y + 4);
        }
        int step = Math.max(1, (int) Math.ceil(epochs / 10.0));
        for (int epoch = 1; epoch <= epochs; epoch += step) {
            int x = xOf(epoch, epochs, left);
            String label = Integer.toString(epoch + chart.firstEpoch() - 1);
            g.drawString(label, x - metrics.stringWidth(label) / 2, TOP + CHART_HEIGHT + 16);
        }
        g.drawString("epoch", left + CHART_WIDTH / 2 - metrics.stringWidth("epoch") / 2, TOP + CHART_HEIGHT + 34);
        g.setColor(Color.GRAY);
        g.drawRect(left, TOP, CHART_WIDTH, CHART_HEIGHT);
        int legendX = left + 8;
        for (Series series : chart.series()) {
            g.setColor(series.color());
            g.setStroke(new BasicStroke(2f));
            Path2D.Double line = new Path2D.Double();
            for (int i = 0; i < series.values().size(); i++) {
                int x = xOf(i + 1, epochs, left);
                int y = yOf(series.values().get(i), low, high);
                if (i == 0) {
                    line.moveTo(x, y);
                } else {
                    line.lineTo(x, y);
                }
                g.fillOval(x - 3, y - 3, 6, 6);
            }
            g.draw(line);
            g.drawLine(legendX, TOP - 8, legendX + 16, TOP - 8);
            g.setColor(Color.BLACK);
            g.drawString(series.name(), legendX + 20, TOP - 4);
            legendX += 20 + metrics.stringWidth(series.name()) + 16;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int xOf(int epoch, int epochs, int left) {
        return epochs <= 1 ? left + CHART_WIDTH / 2 : left + 10 + (CHART_WIDTH - 20) * (epoch - 1) / (epochs - 1);
    }

    private static int yOf(double value, double low, double high) {
        return TOP + CHART_HEIGHT - (int) Math.round(CHART_HEIGHT * (value - low) / (high - low));
    }
}
