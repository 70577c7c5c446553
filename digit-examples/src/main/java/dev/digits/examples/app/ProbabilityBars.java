package dev.digits.examples.app;

import dev.digits.Prediction;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.util.Locale;
import javax.swing.JComponent;

/**
 * The ten digit probabilities as horizontal bars, the most probable one highlighted, and below them the
 * probability that the picture is no digit at all (for a classifier with that output).
 */
final class ProbabilityBars extends JComponent {
    private float[] probabilities = new float[0];
    private float notDigit;
    private int highlighted = -1;

    ProbabilityBars() {
        setPreferredSize(new Dimension(300, 250));
        setMinimumSize(new Dimension(200, 180));
    }

    /** Shows a prediction's bars; null clears them. */
    void show(Prediction prediction) {
        if (prediction == null) {
            probabilities = new float[0];
            highlighted = -1;
            notDigit = 0;
        } else {
            probabilities = prediction.probabilities();
            highlighted = prediction.digit();
            notDigit = prediction.notDigitProbability();
        }
        setToolTipText(prediction == null ? null : describe());
        repaint();
    }

    /** The probabilities shown, index = digit; empty when none. */
    float[] shownProbabilities() {
        return probabilities.clone();
    }

    /** The digit whose bar is highlighted, or -1. */
    int highlightedDigit() {
        return highlighted;
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        for (int d = 0; d < probabilities.length; d++) {
            text.append(String.format(Locale.ROOT, "%d: %.1f%%  ", d, probabilities[d] * 100));
        }
        return text.toString().strip();
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = Ui.smooth(graphics);
        int rows = 11;
        int rowHeight = Math.max(12, getHeight() / rows);
        g.setFont(Ui.font(1.0f, Font.PLAIN));
        FontMetrics metrics = g.getFontMetrics();
        int labelWidth = metrics.stringWidth("not a digit") + Ui.GAP;
        int percentWidth = metrics.stringWidth("100.0%") + Ui.GAP;
        int barLeft = labelWidth;
        int barWidth = Math.max(10, getWidth() - barLeft - percentWidth);
        for (int d = 0; d < 10; d++) {
            float p = d < probabilities.length ? probabilities[d] : 0;
            paintRow(g, metrics, d * rowHeight, rowHeight, String.valueOf(d), p, barLeft, barWidth,
                    d == highlighted ? Ui.ACCENT : Ui.ACCENT_LIGHT, d == highlighted);
        }
        if (probabilities.length > 0) {
            paintRow(g, metrics, 10 * rowHeight, rowHeight, "not a digit", notDigit, barLeft, barWidth,
                    new Color(0xE9B8B8), false);
        }
        g.dispose();
    }

    private void paintRow(Graphics2D g, FontMetrics metrics, int top, int height, String label, float p, int barLeft,
                          int barWidth, Color color, boolean bold) {
        int baseline = top + (height + metrics.getAscent() - metrics.getDescent()) / 2;
        g.setColor(bold ? Color.BLACK : Ui.MUTED);
        g.drawString(label, barLeft - Ui.GAP / 2 - metrics.stringWidth(label), baseline);
        int barHeight = Math.max(4, height - 6);
        g.setColor(Ui.SURFACE);
        g.fillRoundRect(barLeft, top + (height - barHeight) / 2, barWidth, barHeight, 6, 6);
        g.setColor(color);
        g.fillRoundRect(barLeft, top + (height - barHeight) / 2, Math.max(2, Math.round(barWidth * p)), barHeight, 6, 6);
        if (probabilities.length > 0) {
            String percent = String.format(Locale.ROOT, "%.1f%%", p * 100);
            g.setColor(bold ? Color.BLACK : Ui.MUTED);
            g.drawString(percent, barLeft + barWidth + Ui.GAP / 2, baseline);
        }
    }
}
