package dev.digits.examples.app;

import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;

/**
 * A picture scaled to fit, keeping its shape. Small pictures (a 28×28 input, a generated grid) are enlarged
 * with hard pixel edges so that every pixel the model saw stays visible; large ones are smoothed.
 */
final class PixelView extends JComponent {
    private static final int SMALL = 128;
    private BufferedImage picture;
    private String emptyText = "";
    private boolean crisp;

    PixelView(int preferredWidth, int preferredHeight) {
        setPreferredSize(new Dimension(preferredWidth, preferredHeight));
    }

    /** Shows a picture; null shows the empty text. */
    void setPicture(BufferedImage picture) {
        this.picture = picture;
        repaint();
    }

    BufferedImage picture() {
        return picture;
    }

    /** Enlarges with hard pixel edges whatever the picture's size (a grid of small pictures). */
    void setCrisp(boolean crisp) {
        this.crisp = crisp;
        repaint();
    }

    /** What to show in place of a picture. */
    void setEmptyText(String text) {
        emptyText = text;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = Ui.smooth(graphics);
        if (picture == null) {
            g.setColor(Ui.MUTED);
            g.setFont(Ui.font(0.9f, Font.PLAIN));
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(emptyText, (getWidth() - metrics.stringWidth(emptyText)) / 2, getHeight() / 2);
            g.dispose();
            return;
        }
        double scale = Math.min((double) getWidth() / picture.getWidth(), (double) getHeight() / picture.getHeight());
        boolean small = crisp || Math.max(picture.getWidth(), picture.getHeight()) <= SMALL;
        if (small && scale >= 1) {
            scale = Math.floor(scale); // whole pixels, so that they all look the same size
        }
        int w = (int) Math.round(picture.getWidth() * scale);
        int h = (int) Math.round(picture.getHeight() * scale);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, small
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture, (getWidth() - w) / 2, (getHeight() - h) / 2, w, h, null);
        g.setColor(Ui.LINE);
        g.drawRect((getWidth() - w) / 2, (getHeight() - h) / 2, w - 1, h - 1);
        g.dispose();
    }
}
