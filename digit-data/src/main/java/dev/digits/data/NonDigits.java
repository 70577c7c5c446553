package dev.digits.data;

import dev.digits.DigitImage;
import dev.digits.preprocess.Normaliser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Pictures in MNIST form that are <em>not</em> one digit, made by program: for teaching a classifier to say
 * "not a digit" and for measuring how well it does. Each picture is put into MNIST form the way a real
 * picture's ink is ({@link Normaliser}), except {@link Kind#NOISE}, which is a raw 28×28 field.
 *
 * <p>The same kind, source, count and seed give the same pictures. Build training negatives from training
 * digits and test negatives from test digits, with different seeds.
 */
public final class NonDigits {
    private static final int CANVAS = 64;
    private static final Normaliser NORMALISER = new Normaliser().withStrokeNormalisation(false);

    /** The kinds of non-digit. */
    public enum Kind {
        /** Random strokes: curves, hatching, coils. */
        SCRIBBLE(false),
        /** Letter-like shapes: two to four strokes, arcs and loops combined at random. */
        SHAPE(false),
        /** Two or three digits side by side, touching or overlapping, as one picture. */
        PAIR(true),
        /** A part of a digit, cut along a random line: 30% to 70% of its ink. */
        FRAGMENT(true),
        /** Noise: uniform, speckled or blotchy 28×28 fields. */
        NOISE(false);

        private final boolean needsDigits;

        Kind(boolean needsDigits) {
            this.needsDigits = needsDigits;
        }

        /** Whether pictures of this kind are made from digits. */
        public boolean needsDigits() {
            return needsDigits;
        }

        /** The kind's name in reports: {@code scribble}, {@code pair}… */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private NonDigits() {
    }

    /**
     * {@code count} pictures of one kind.
     *
     * @param digits where {@link Kind#PAIR} and {@link Kind#FRAGMENT} take their digits from; may be null for
     *               the other kinds
     */
    public static List<DigitImage> make(Kind kind, DigitDataset digits, int count, long seed) {
        if (kind.needsDigits() && (digits == null || digits.size() == 0)) {
            throw new IllegalArgumentException(kind.key() + " pictures are made from digits; give a data set of them");
        }
        Random random = new Random(seed * 31 + kind.ordinal());
        List<DigitImage> pictures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DigitImage picture;
            do {
                picture = switch (kind) {
                    case SCRIBBLE -> drawn(random, NonDigits::scribble);
                    case SHAPE -> drawn(random, NonDigits::shape);
                    case PAIR -> pair(digits, random);
                    case FRAGMENT -> fragment(digits, random);
                    case NOISE -> noise(random);
                };
            } while (kind != Kind.NOISE && isOneStraightStroke(picture));
            pictures.add(picture);
        }
        return pictures;
    }

    /**
     * Whether the ink is one straight stroke, by the ratio of its second moments: such a picture is a
     * {@code 1}, whatever made it, and must not be taught as a non-digit.
     */
    static boolean isOneStraightStroke(DigitImage picture) {
        double total = 0;
        double mx = 0;
        double my = 0;
        float[] ink = picture.pixels();
        int size = picture.width();
        for (int i = 0; i < ink.length; i++) {
            total += ink[i];
            mx += ink[i] * (i % size);
            my += ink[i] * (i / size);
        }
        if (total <= 0) {
            return false;
        }
        mx /= total;
        my /= total;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < ink.length; i++) {
            double dx = i % size - mx;
            double dy = i / size - my;
            xx += ink[i] * dx * dx;
            yy += ink[i] * dy * dy;
            xy += ink[i] * dx * dy;
        }
        double mean = (xx + yy) / 2;
        double spread = Math.sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
        double minor = mean - spread;
        return minor <= 0 || (mean + spread) / minor > 12;
    }

    /** A picture in MNIST form made from any plane of ink coverage, e.g. a Fashion-MNIST picture's. */
    public static DigitImage inMnistForm(float[] coverage, int width, int height) {
        return NORMALISER.normalise(coverage, width, height);
    }

    private interface Painter {
        void paint(Graphics2D g, Random random);
    }

    private static DigitImage drawn(Random random, Painter painter) {
        BufferedImage canvas = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2.5f + random.nextFloat() * 4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            painter.paint(g, random);
        } finally {
            g.dispose();
        }
        byte[] bytes = ((java.awt.image.DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        float[] coverage = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            coverage[i] = (bytes[i] & 0xff) / 255f;
        }
        try {
            return inMnistForm(coverage, CANVAS, CANVAS);
        } catch (IllegalArgumentException nothingDrawn) {
            return noise(random);
        }
    }

    private static double coordinate(Random random) {
        return 8 + random.nextDouble() * (CANVAS - 16);
    }

    private static void scribble(Graphics2D g, Random random) {
        int style = random.nextInt(10);
        if (style < 6) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(coordinate(random), coordinate(random));
            int segments = 4 + random.nextInt(7);
            for (int i = 0; i < segments; i++) {
                path.quadTo(coordinate(random), coordinate(random), coordinate(random), coordinate(random));
            }
            g.draw(path);
        } else if (style < 8) {
            double angle = random.nextDouble() * Math.PI;
            double dx = Math.cos(angle) * 24;
            double dy = Math.sin(angle) * 24;
            int lines = 3 + random.nextInt(4);
            double spacing = 5 + random.nextDouble() * 5;
            for (int i = 0; i < lines; i++) {
                double offset = (i - lines / 2.0) * spacing;
                double cx = CANVAS / 2.0 - Math.sin(angle) * offset;
                double cy = CANVAS / 2.0 + Math.cos(angle) * offset;
                g.draw(new Line2D.Double(cx - dx, cy - dy, cx + dx, cy + dy));
            }
        } else {
            Path2D.Double coil = new Path2D.Double();
            double turns = 2 + random.nextDouble() * 2;
            double start = random.nextDouble() * Math.PI * 2;
            boolean spiral = random.nextBoolean();
            for (int i = 0; i <= 120; i++) {
                double t = i / 120.0;
                double a = start + t * turns * Math.PI * 2;
                double r = spiral ? 4 + 22 * t : 10;
                double x = (spiral ? CANVAS / 2.0 : 12 + 40 * t) + r * Math.cos(a);
                double y = CANVAS / 2.0 + r * Math.sin(a);
                if (i == 0) {
                    coil.moveTo(x, y);
                } else {
                    coil.lineTo(x, y);
                }
            }
            g.draw(coil);
        }
    }

    private static void shape(Graphics2D g, Random random) {
        int parts = 2 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(3)) {
                case 0 -> g.draw(new Line2D.Double(coordinate(random), coordinate(random), coordinate(random), coordinate(random)));
                case 1 -> {
                    double size = 12 + random.nextDouble() * 30;
                    g.draw(new Arc2D.Double(coordinate(random) - size / 2, coordinate(random) - size / 2, size,
                            size * (0.6 + random.nextDouble() * 0.8), random.nextDouble() * 360, 90 + random.nextDouble() * 180,
                            Arc2D.OPEN));
                }
                default -> {
                    double w = 8 + random.nextDouble() * 20;
                    double h = 8 + random.nextDouble() * 20;
                    g.draw(new Ellipse2D.Double(coordinate(random) - w / 2, coordinate(random) - h / 2, w, h));
                }
            }
        }
    }

    private static DigitImage pair(DigitDataset digits, Random random) {
        int count = random.nextInt(4) == 0 ? 3 : 2;
        int step = 12 + random.nextInt(11);
        int width = 28 + step * (count - 1);
        float[] plane = new float[width * 28];
        for (int k = 0; k < count; k++) {
            DigitImage digit = digits.image(random.nextInt(digits.size()));
            int dy = random.nextInt(5) - 2;
            for (int y = 0; y < 28; y++) {
                int ty = y + dy;
                if (ty < 0 || ty >= 28) {
                    continue;
                }
                for (int x = 0; x < 28; x++) {
                    int i = ty * width + k * step + x;
                    plane[i] = Math.max(plane[i], digit.pixel(x, y, 0));
                }
            }
        }
        return inMnistForm(plane, width, 28);
    }

    private static DigitImage fragment(DigitDataset digits, Random random) {
        for (int attempt = 0; ; attempt++) {
            int index = random.nextInt(digits.size());
            if (digits.label(index) == 1 && attempt < 20) {
                continue; // any part of a 1 is a 1
            }
            float[] ink = digits.image(index).pixels();
            double total = 0;
            double cx = 0;
            double cy = 0;
            for (int i = 0; i < ink.length; i++) {
                total += ink[i];
                cx += ink[i] * (i % 28);
                cy += ink[i] * (i / 28);
            }
            if (total <= 0) {
                continue;
            }
            cx /= total;
            cy /= total;
            double angle = random.nextDouble() * Math.PI * 2;
            double offset = (random.nextDouble() - 0.5) * 6;
            float[] kept = new float[ink.length];
            double keptInk = 0;
            for (int i = 0; i < ink.length; i++) {
                double side = (i % 28 - cx) * Math.cos(angle) + (i / 28 - cy) * Math.sin(angle);
                if (side > offset) {
                    kept[i] = ink[i];
                    keptInk += ink[i];
                }
            }
            double share = keptInk / total;
            if ((share >= 0.3 && share <= 0.7) || attempt >= 20 && keptInk > 0) {
                return inMnistForm(kept, 28, 28);
            }
        }
    }

    private static DigitImage noise(Random random) {
        float[] field = new float[DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE];
        int style = random.nextInt(3);
        if (style == 0) {
            float level = 0.3f + random.nextFloat() * 0.7f;
            for (int i = 0; i < field.length; i++) {
                field[i] = random.nextFloat() * level;
            }
        } else if (style == 1) {
            double density = 0.05 + random.nextDouble() * 0.35;
            for (int i = 0; i < field.length; i++) {
                field[i] = random.nextDouble() < density ? 0.5f + random.nextFloat() * 0.5f : 0f;
            }
        } else {
            int blobs = 3 + random.nextInt(8);
            for (int b = 0; b < blobs; b++) {
                double bx = random.nextDouble() * 28;
                double by = random.nextDouble() * 28;
                double radius = 1.5 + random.nextDouble() * 4;
                for (int i = 0; i < field.length; i++) {
                    double d = Math.hypot(i % 28 - bx, i / 28 - by) / radius;
                    field[i] = (float) Math.max(field[i], Math.exp(-d * d));
                }
            }
        }
        return DigitImage.mnist(field);
    }
}
