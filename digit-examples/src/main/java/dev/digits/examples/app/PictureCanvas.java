package dev.digits.examples.app;

import dev.digits.Box;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;

/**
 * A sheet to draw on with the mouse, or a picture opened, dropped or pasted (which can be drawn on too).
 * Strokes are kept in the picture's own pixels, so that undo removes exactly one and the picture sent to the
 * model ({@link #render()}) does not depend on the window's size. It can show boxes over the picture, each
 * with a label, for the number reader's answer.
 */
final class PictureCanvas extends JComponent {
    /** A box over the picture with a label above it. */
    record Overlay(Box box, String label, Color color) {
    }

    private record Stroke(List<Point2D.Float> points, float width) {
    }

    private final int paperWidth;
    private final int paperHeight;
    private final String hint;
    private final List<Stroke> strokes = new ArrayList<>();
    private final List<Runnable> strokeListeners = new ArrayList<>();
    private BufferedImage picture;
    private boolean drawingPaper;
    private List<Overlay> overlays = List.of();
    private float strokeWidth = 18;
    private Stroke current;

    /**
     * @param paperWidth  width of the blank sheet, in its pixels
     * @param paperHeight height of the blank sheet
     * @param hint        what to do, shown on the blank sheet
     */
    PictureCanvas(int paperWidth, int paperHeight, String hint) {
        this.paperWidth = paperWidth;
        this.paperHeight = paperHeight;
        this.hint = hint;
        clear();
        // The longer side about 480 pixels: room for a finger-sized digit, and the results beside it at 1280×800.
        double preferredScale = 480.0 / Math.max(paperWidth, paperHeight);
        setPreferredSize(new Dimension((int) (paperWidth * preferredScale), (int) (paperHeight * preferredScale)));
        setFocusable(true);
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                requestFocusInWindow();
                current = new Stroke(new ArrayList<>(), (float) (strokeWidth / scale()));
                current.points.add(toPicture(e.getX(), e.getY()));
                strokes.add(current);
                repaint();
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                if (current != null) {
                    current.points.add(toPicture(e.getX(), e.getY()));
                    repaint();
                }
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                if (current != null) {
                    current = null;
                    overlays = List.of();
                    strokeListeners.forEach(Runnable::run);
                }
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
    }

    /** Calls {@code listener} on the event thread each time a stroke is finished. */
    void onStroke(Runnable listener) {
        strokeListeners.add(listener);
    }

    /** Width of the next strokes, in pixels on screen. */
    void setStrokeWidth(float screenPixels) {
        this.strokeWidth = screenPixels;
    }

    float strokeWidth() {
        return strokeWidth;
    }

    /** Shows a picture to draw on, in place of the sheet and its strokes. */
    void setPicture(BufferedImage newPicture) {
        picture = newPicture;
        drawingPaper = false;
        strokes.clear();
        overlays = List.of();
        repaint();
    }

    /** Back to a blank sheet. */
    void clear() {
        picture = new BufferedImage(paperWidth, paperHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Ui.PAPER);
        g.fillRect(0, 0, paperWidth, paperHeight);
        g.dispose();
        drawingPaper = true;
        strokes.clear();
        overlays = List.of();
        repaint();
    }

    /** Removes the last stroke; false when there was none. */
    boolean undo() {
        if (strokes.isEmpty()) {
            return false;
        }
        strokes.remove(strokes.size() - 1);
        overlays = List.of();
        repaint();
        return true;
    }

    /** Whether there is nothing to look at: a blank sheet without strokes. */
    boolean isBlank() {
        return drawingPaper && strokes.isEmpty();
    }

    int strokeCount() {
        return strokes.size();
    }

    /** Boxes to show over the picture, in its pixels. */
    void setOverlays(List<Overlay> boxes) {
        overlays = List.copyOf(boxes);
        repaint();
    }

    List<Overlay> overlays() {
        return overlays;
    }

    /** The picture with the strokes on it: what the model is given (an opened picture untouched, as the CLI reads it). */
    BufferedImage render() {
        if (!drawingPaper && strokes.isEmpty()) {
            return picture;
        }
        BufferedImage out = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(picture, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paintStrokes(g);
        g.dispose();
        return out;
    }

    /** The picture's scale on screen: screen pixels per picture pixel. */
    private double scale() {
        int pad = Ui.GAP;
        double w = Math.max(1, getWidth() - 2 * pad);
        double h = Math.max(1, getHeight() - 2 * pad);
        return Math.min(w / picture.getWidth(), h / picture.getHeight());
    }

    private AffineTransform toScreen() {
        double scale = scale();
        double left = (getWidth() - picture.getWidth() * scale) / 2;
        double top = (getHeight() - picture.getHeight() * scale) / 2;
        AffineTransform transform = AffineTransform.getTranslateInstance(left, top);
        transform.scale(scale, scale);
        return transform;
    }

    private Point2D.Float toPicture(int x, int y) {
        double scale = scale();
        double left = (getWidth() - picture.getWidth() * scale) / 2;
        double top = (getHeight() - picture.getHeight() * scale) / 2;
        return new Point2D.Float((float) ((x - left) / scale), (float) ((y - top) / scale));
    }

    private void paintStrokes(Graphics2D g) {
        g.setColor(Color.BLACK);
        for (Stroke stroke : strokes) {
            g.setStroke(new BasicStroke(stroke.width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Float path = new Path2D.Float();
            Point2D.Float first = stroke.points.get(0);
            path.moveTo(first.x, first.y);
            // A click without a drag still leaves a dot.
            path.lineTo(first.x + 0.01f, first.y);
            for (Point2D.Float p : stroke.points) {
                path.lineTo(p.x, p.y);
            }
            g.draw(path);
        }
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = Ui.smooth(graphics);
        g.setColor(Ui.SURFACE);
        g.fillRect(0, 0, getWidth(), getHeight());
        AffineTransform screen = toScreen();
        Graphics2D onPicture = (Graphics2D) g.create();
        onPicture.transform(screen);
        onPicture.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        onPicture.drawImage(picture, 0, 0, null);
        paintStrokes(onPicture);
        onPicture.dispose();
        Point2D.Double corner = new Point2D.Double(picture.getWidth(), picture.getHeight());
        screen.transform(corner, corner);
        g.setColor(Ui.LINE);
        g.drawRect((int) screen.getTranslateX(), (int) screen.getTranslateY(),
                (int) (corner.x - screen.getTranslateX()), (int) (corner.y - screen.getTranslateY()));
        paintOverlays(g, screen);
        if (isBlank()) {
            g.setColor(Ui.MUTED);
            g.setFont(Ui.font(1.05f, Font.PLAIN));
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(hint, (getWidth() - metrics.stringWidth(hint)) / 2, getHeight() / 2);
        }
        g.dispose();
    }

    private void paintOverlays(Graphics2D g, AffineTransform screen) {
        g.setFont(Ui.font(1.3f, Font.BOLD));
        FontMetrics metrics = g.getFontMetrics();
        for (Overlay overlay : overlays) {
            Point2D.Double a = new Point2D.Double(overlay.box().x(), overlay.box().y());
            Point2D.Double b = new Point2D.Double(overlay.box().right(), overlay.box().bottom());
            screen.transform(a, a);
            screen.transform(b, b);
            g.setColor(overlay.color());
            g.setStroke(new BasicStroke(2.5f));
            g.drawRect((int) a.x, (int) a.y, (int) (b.x - a.x), (int) (b.y - a.y));
            if (!overlay.label().isEmpty()) {
                int w = metrics.stringWidth(overlay.label()) + 8;
                int h = metrics.getHeight();
                int top = (int) a.y - h - 2 < 0 ? (int) b.y + 2 : (int) a.y - h - 2;
                g.fillRoundRect((int) a.x, top, w, h, 6, 6);
                g.setColor(Color.WHITE);
                g.drawString(overlay.label(), (int) a.x + 4, top + metrics.getAscent());
            }
        }
    }
}
