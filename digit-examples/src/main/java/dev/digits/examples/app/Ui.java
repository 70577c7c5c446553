package dev.digits.examples.app;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.UIManager;
import javax.swing.border.Border;

/** The app's colours, fonts and spacing, in one place so that every panel looks alike. */
final class Ui {
    static final Color ACCENT = new Color(0x2F6FDE);
    static final Color ACCENT_LIGHT = new Color(0xCFDDF7);
    static final Color ERROR = new Color(0xC62828);
    static final Color WARNING = new Color(0xB26A00);
    static final Color GOOD = new Color(0x2E7D32);
    static final Color MUTED = new Color(0x6B7280);
    static final Color PAPER = Color.WHITE;
    static final Color SURFACE = new Color(0xF4F5F7);
    static final Color LINE = new Color(0xD5D8DE);
    static final int GAP = 10;

    private Ui() {
    }

    /** The look-and-feel's base font, so that sizes follow the platform (and its HiDPI scale). */
    static Font baseFont() {
        Font font = UIManager.getFont("Label.font");
        return font != null ? font : new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    }

    /** The base font scaled by {@code factor}, with the given style. */
    static Font font(float factor, int style) {
        Font base = baseFont();
        return base.deriveFont(style, base.getSize2D() * factor);
    }

    /** A small grey caption. */
    static JLabel caption(String text) {
        JLabel label = new JLabel(text);
        label.setForeground(MUTED);
        label.setFont(font(0.9f, Font.PLAIN));
        return label;
    }

    /** A bold section heading. */
    static JLabel heading(String text) {
        JLabel label = new JLabel(text);
        label.setFont(font(1.05f, Font.BOLD));
        return label;
    }

    /** A white card with a thin outline and inner padding. */
    static <T extends JComponent> T card(T component) {
        component.setBackground(PAPER);
        component.setOpaque(true);
        component.setBorder(cardBorder());
        return component;
    }

    static Border cardBorder() {
        return BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(LINE),
                BorderFactory.createEmptyBorder(GAP, GAP, GAP, GAP));
    }

    /** A graphics context with antialiased shapes and text; the caller disposes it. */
    static Graphics2D smooth(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g2;
    }
}
