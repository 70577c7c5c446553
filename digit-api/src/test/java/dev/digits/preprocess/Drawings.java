package dev.digits.preprocess;

import dev.digits.DigitImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/** Pictures of a handwritten-looking "7" (a bar and a slanted stem) that tests build and then spoil. */
final class Drawings {
    private Drawings() {
    }

    /**
     * A 7 of height {@code size} with its top-left corner at (x, y), pen width {@code pen} pixels, on a
     * {@code width × height} picture.
     */
    static BufferedImage seven(int width, int height, int x, int y, int size, float pen, Color paper, Color ink) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Float path = new Path2D.Float();
        path.moveTo(x + 0.1f * size, y + 0.05f * size);
        path.lineTo(x + 0.7f * size, y + 0.05f * size);
        path.lineTo(x + 0.3f * size, y + 0.95f * size);
        g.draw(path);
        g.dispose();
        return picture;
    }

    /** A plain 7: dark ink on white, 600×500, pen a twelfth of the digit. */
    static BufferedImage plainSeven() {
        return seven(600, 500, 220, 120, 240, 20, Color.WHITE, Color.BLACK);
    }

    /**
     * Soft overlap of two MNIST-form pictures after a 3×3 box blur (so a one-pixel shift of a thin stroke
     * costs little): sum of minima over sum of maxima, 1 for equal pictures.
     */
    static double overlap(DigitImage a, DigitImage b) {
        float[] p = blurred(a);
        float[] q = blurred(b);
        double min = 0;
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            min += Math.min(p[i], q[i]);
            max += Math.max(p[i], q[i]);
        }
        return max == 0 ? 0 : min / max;
    }

    private static float[] blurred(DigitImage image) {
        float[] out = new float[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < 28 && yy < 28) {
                            sum += image.pixel(xx, yy, 0);
                        }
                    }
                }
                out[y * 28 + x] = sum / 9;
            }
        }
        return out;
    }

    /** {x, y} centre of mass. */
    static double[] centreOfMass(DigitImage image) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = image.pixel(x, y, 0);
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        }
        return new double[]{sx / sum, sy / sum};
    }

    /** Pixels brighter than one half. */
    static int inkPixels(DigitImage image) {
        int count = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (image.pixel(x, y, 0) > 0.5f) {
                    count++;
                }
            }
        }
        return count;
    }
}
