package dev.digits.data;

import dev.digits.DigitImage;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * An MNIST digit redrawn as a pen would draw it: its strokes thinned to their centre lines (Zhang and Suen's
 * thinning of the 28×28 ink), scaled to a given height and traced with a round pen of a given width, with or
 * without antialiasing, as a drawing app or a web form gives it. Small digits with thin pens on a large canvas
 * are what a background estimate at the canvas's scale swallows.
 */
final class PenDrawing {
    private static final int SIZE = DigitImage.MNIST_SIZE;

    private PenDrawing() {
    }

    /**
     * The ink coverage plane (0..1) of digit {@code index} traced with a pen {@code pen} pixels wide, its ink
     * {@code digitHeight} tall, at a random place of the canvas (inside a margin of the pen and a few pixels).
     */
    static float[] draw(DigitDataset digits, int index, int width, int height, int digitHeight, float pen,
                        boolean antialiased, Random random) {
        DigitImage digit = digits.image(index);
        boolean[] skeleton = thin(digit);
        int[] box = Drawing.inkBox(digit);
        double inkHeight = Math.max(1, box[3] - box[1] + 1);
        double inkWidth = Math.max(1, box[2] - box[0] + 1);
        double scale = digitHeight / inkHeight;
        double margin = pen + 4;
        double left = margin + random.nextDouble() * Math.max(0, width - 2 * margin - inkWidth * scale);
        double top = margin + random.nextDouble() * Math.max(0, height - 2 * margin - inkHeight * scale);
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    antialiased ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(java.awt.Color.WHITE);
            g.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int[][] neighbours = {{1, 0}, {0, 1}, {1, 1}, {-1, 1}};
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (!skeleton[y * SIZE + x]) {
                        continue;
                    }
                    double px = left + (x + 0.5 - box[0]) * scale;
                    double py = top + (y + 0.5 - box[1]) * scale;
                    boolean joined = false;
                    for (int[] n : neighbours) {
                        int nx = x + n[0];
                        int ny = y + n[1];
                        if (nx >= 0 && nx < SIZE && ny < SIZE && skeleton[ny * SIZE + nx]) {
                            g.draw(new java.awt.geom.Line2D.Double(px, py, left + (nx + 0.5 - box[0]) * scale,
                                    top + (ny + 0.5 - box[1]) * scale));
                            joined = true;
                        }
                    }
                    if (!joined) {
                        g.draw(new java.awt.geom.Line2D.Double(px, py, px, py));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        byte[] data = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        float[] ink = new float[width * height];
        for (int i = 0; i < ink.length; i++) {
            ink[i] = (data[i] & 0xff) / 255f;
        }
        return ink;
    }

    /** The centre lines of the digit's ink (pixels above 0.5), one pixel wide: Zhang and Suen's thinning. */
    static boolean[] thin(DigitImage digit) {
        boolean[] on = new boolean[SIZE * SIZE];
        float[] pixels = digit.pixels();
        for (int i = 0; i < on.length; i++) {
            on[i] = pixels[i] > 0.5f;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pass = 0; pass < 2; pass++) {
                boolean[] remove = new boolean[on.length];
                for (int y = 1; y < SIZE - 1; y++) {
                    for (int x = 1; x < SIZE - 1; x++) {
                        if (on[y * SIZE + x] && removable(on, x, y, pass)) {
                            remove[y * SIZE + x] = true;
                        }
                    }
                }
                for (int i = 0; i < on.length; i++) {
                    if (remove[i]) {
                        on[i] = false;
                        changed = true;
                    }
                }
            }
        }
        return on;
    }

    private static boolean removable(boolean[] on, int x, int y, int pass) {
        // Neighbours P2..P9 clockwise from north.
        boolean[] p = {
                on[(y - 1) * SIZE + x], on[(y - 1) * SIZE + x + 1], on[y * SIZE + x + 1], on[(y + 1) * SIZE + x + 1],
                on[(y + 1) * SIZE + x], on[(y + 1) * SIZE + x - 1], on[y * SIZE + x - 1], on[(y - 1) * SIZE + x - 1]};
        int count = 0;
        int transitions = 0;
        for (int k = 0; k < 8; k++) {
            count += p[k] ? 1 : 0;
            transitions += !p[k] && p[(k + 1) % 8] ? 1 : 0;
        }
        if (count < 2 || count > 6 || transitions != 1) {
            return false;
        }
        return pass == 0
                ? !(p[0] && p[2] && p[4]) && !(p[2] && p[4] && p[6])
                : !(p[0] && p[2] && p[6]) && !(p[0] && p[4] && p[6]);
    }
}
