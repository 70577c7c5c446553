package dev.digits.data;

import dev.digits.DigitImage;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An MNIST digit redrawn as a pen would draw it: its strokes thinned to their centre lines (Zhang and Suen's
 * thinning of the ink enlarged {@value #FINER} times), scaled to a given height and traced with a round pen of a given width, with or
 * without antialiasing, as a drawing app or a web form gives it. Small digits with thin pens on a large canvas
 * are what a background estimate at the canvas's scale swallows.
 */
final class PenDrawing {
    private static final int SIZE = DigitImage.MNIST_SIZE;
    /**
     * The digit is thinned at this many times MNIST's resolution: thinned at 28×28, its centre lines are jagged
     * staircases with spurs at every corner, and pieces of a stroke two pixels wide collapse into blots, so that
     * the drawing, traced large with a pen of MNIST's width, read 90% against MNIST's 99%.
     */
    static final int FINER = 4;
    private static final int FINE = SIZE * FINER;

    private PenDrawing() {
    }

    /**
     * The ink coverage plane (0..1) of digit {@code index} traced with a pen {@code pen} pixels wide, its ink
     * {@code digitHeight} tall, at a random place of the canvas (inside a margin of the pen and a few pixels).
     */
    static float[] draw(DigitDataset digits, int index, int width, int height, int digitHeight, float pen,
                        boolean antialiased, Random random) {
        DigitImage digit = digits.image(index);
        boolean[] skeleton = pruned(thin(enlarged(digit)));
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
            for (int y = 0; y < FINE; y++) {
                for (int x = 0; x < FINE; x++) {
                    if (!skeleton[y * FINE + x]) {
                        continue;
                    }
                    double px = left + ((x + 0.5) / FINER - box[0]) * scale;
                    double py = top + ((y + 0.5) / FINER - box[1]) * scale;
                    boolean joined = false;
                    for (int[] n : neighbours) {
                        int nx = x + n[0];
                        int ny = y + n[1];
                        if (nx >= 0 && nx < FINE && ny < FINE && skeleton[ny * FINE + nx]) {
                            g.draw(new java.awt.geom.Line2D.Double(px, py, left + ((nx + 0.5) / FINER - box[0]) * scale,
                                    top + ((ny + 0.5) / FINER - box[1]) * scale));
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

    /** The digit's ink enlarged {@value #FINER} times (bilinear, with the crisp edges of {@link Drawing#sample}). */
    static boolean[] enlarged(DigitImage digit) {
        boolean[] on = new boolean[FINE * FINE];
        for (int y = 0; y < FINE; y++) {
            for (int x = 0; x < FINE; x++) {
                on[y * FINE + x] = Drawing.sample(digit, (x + 0.5) / FINER - 0.5, (y + 0.5) / FINER - 0.5) > 0.5f;
            }
        }
        return on;
    }

    /** Spurs up to this many fine pixels long (two of MNIST's) are pruned from the centre lines. */
    private static final int SPUR = 2 * FINER;

    /**
     * The centre lines without their spurs: thinning leaves a short branch at every corner of a bold stroke and at
     * every bump of its edge, which a pen would not draw. Ends are eaten {@value #SPUR} times, then the ends left
     * grow back as far along the centre lines (morphological pruning); a stroke too short to survive the eating is
     * kept whole.
     */
    static boolean[] pruned(boolean[] skeleton) {
        boolean[] kept = skeleton.clone();
        for (int k = 0; k < SPUR; k++) {
            boolean[] ends = ends(kept);
            for (int i = 0; i < kept.length; i++) {
                kept[i] &= !ends[i];
            }
        }
        boolean[] grown = kept.clone();
        boolean[] front = ends(kept);
        for (int k = 0; k < SPUR; k++) {
            boolean[] next = new boolean[grown.length];
            for (int i = 0; i < front.length; i++) {
                if (!front[i]) {
                    continue;
                }
                for (int n : neighbours(i)) {
                    if (skeleton[n] && !grown[n]) {
                        next[n] = true;
                    }
                }
            }
            for (int i = 0; i < next.length; i++) {
                grown[i] |= next[i];
            }
            front = next;
        }
        keepVanished(skeleton, grown);
        return grown;
    }

    /** Adds back whole every piece of the centre lines of which pruning left nothing. */
    private static void keepVanished(boolean[] skeleton, boolean[] grown) {
        boolean[] seen = new boolean[skeleton.length];
        int[] stack = new int[skeleton.length];
        for (int start = 0; start < skeleton.length; start++) {
            if (!skeleton[start] || seen[start]) {
                continue;
            }
            List<Integer> piece = new ArrayList<>();
            boolean survives = false;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int i = stack[--top];
                piece.add(i);
                survives |= grown[i];
                for (int n : neighbours(i)) {
                    if (skeleton[n] && !seen[n]) {
                        seen[n] = true;
                        stack[top++] = n;
                    }
                }
            }
            if (!survives) {
                piece.forEach(i -> grown[i] = true);
            }
        }
    }

    /** The fine grid's pixels that touch pixel {@code i} (eight inside the grid, fewer at its edge). */
    private static int[] neighbours(int i) {
        int x = i % FINE;
        int y = i / FINE;
        int[] found = new int[8];
        int count = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < FINE && ny < FINE) {
                    found[count++] = ny * FINE + nx;
                }
            }
        }
        return java.util.Arrays.copyOf(found, count);
    }

    /** The ends of the centre lines: pixels with at most one neighbour. */
    private static boolean[] ends(boolean[] on) {
        boolean[] ends = new boolean[on.length];
        for (int y = 0; y < FINE; y++) {
            for (int x = 0; x < FINE; x++) {
                if (!on[y * FINE + x]) {
                    continue;
                }
                int touching = 0;
                for (int n : neighbours(y * FINE + x)) {
                    touching += on[n] ? 1 : 0;
                }
                ends[y * FINE + x] = touching <= 1;
            }
        }
        return ends;
    }

    /** The centre lines of a {@value #FINE}-pixel square of ink, one pixel wide: Zhang and Suen's thinning. */
    static boolean[] thin(boolean[] ink) {
        boolean[] on = ink.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pass = 0; pass < 2; pass++) {
                boolean[] remove = new boolean[on.length];
                for (int y = 1; y < FINE - 1; y++) {
                    for (int x = 1; x < FINE - 1; x++) {
                        if (on[y * FINE + x] && removable(on, x, y, pass)) {
                            remove[y * FINE + x] = true;
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
                on[(y - 1) * FINE + x], on[(y - 1) * FINE + x + 1], on[y * FINE + x + 1], on[(y + 1) * FINE + x + 1],
                on[(y + 1) * FINE + x], on[(y + 1) * FINE + x - 1], on[y * FINE + x - 1], on[(y - 1) * FINE + x - 1]};
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
