package dev.digits.data;

import dev.digits.Box;
import java.util.List;
import java.util.Set;

/**
 * Where things go on a page of {@link NumberRobustnessSet}: the page's size, the number's place, and, clear of the
 * number, the margin rule, the desk and the clutter. The layout is the same whatever conditions apply, save for the
 * number's own shape (slant, rotation), so conditions can be compared on one page.
 */
final class NumberLayout {
    /** The ink's widest extent before the page is laid out: a page 2–4 times as wide then stays in bounds. */
    static final double MAX_INK_WIDTH = 700;

    final int width;
    final int height;
    final Box numberBox;
    final int inkLeft;
    final int inkTop;
    /** The margin rule's x on the number's middle row. */
    final double ruleX;
    final double deskDepth;
    final double deskDrift;
    /** The side the clutter comes from, -1 when there is no room for it. */
    final int clutterSide;
    final double clutterReach;

    NumberLayout(Ink ink, NumberLook look, Set<NumberCondition> on) {
        int inkW = ink.box.width();
        int inkH = ink.box.height();
        int dh = ink.digitHeight;
        double w = Math.max(Math.max(inkW * look.widthFactor, inkW + 3.0 * dh), 320);
        w = Math.max(Math.min(w, NumberRobustnessSet.MAX_WIDTH), inkW + 2.0 * dh);
        double h = Math.max(Math.max(inkH * look.heightFactor, w * look.aspect), Math.max(inkH + 3.0 * dh, 200));
        h = Math.max(Math.min(h, NumberRobustnessSet.MAX_HEIGHT), inkH + 2.0 * dh);
        width = (int) Math.round(w);
        height = (int) Math.round(h);
        int boxX = (int) Math.round((width - inkW) * look.place[0]);
        int boxY = (int) Math.round((height - inkH) * look.place[1]);
        numberBox = new Box(boxX, boxY, inkW, inkH);
        inkLeft = boxX - ink.box.x();
        inkTop = boxY - ink.box.y();
        int[] free = {boxY, height - numberBox.bottom(), boxX, width - numberBox.right()};

        // The rule is kept off the ink on every row it passes, turned with the paper as it may be.
        double degrees = on.contains(NumberCondition.ROTATION) ? look.rotation : 0;
        double slack = Math.abs(Math.tan(Math.toRadians(degrees))) * inkH / 2 + Math.max(1.5, dh / 40.0) + 2;
        int preferred = look.marginLeft ? NumberPage.LEFT : NumberPage.RIGHT;
        int other = preferred == NumberPage.LEFT ? NumberPage.RIGHT : NumberPage.LEFT;
        // Where the desk shares the rule's side, the rule keeps to the inner half of the paper left there.
        int side = free[preferred] >= 2 * (slack + 2) + (look.deskSide == preferred ? 12 : 0)
                || free[preferred] >= free[other] ? preferred : other;
        double gap = Math.max(Math.min(slack + look.marginGap * dh, free[side] / 2.0), Math.min(slack + 2, free[side] / 2.0));
        ruleX = side == NumberPage.LEFT ? boxX - gap : numberBox.right() + gap;
        double deskRoom = look.deskSide == side ? free[side] - gap - 4 : free[look.deskSide];
        deskDepth = Math.max(0, look.deskShare * deskRoom);
        deskDrift = look.deskTilt * 0.3 * deskDepth;

        double clutterGap = Math.max(6, 0.3 * dh);
        List<Integer> roomy = new java.util.ArrayList<>();
        for (int s = 0; s < 4; s++) {
            if (free[s] - clutterGap >= Math.max(16, 0.4 * dh)) {
                roomy.add(s);
            }
        }
        clutterSide = roomy.isEmpty() ? -1 : roomy.get((int) (look.clutterPick * roomy.size()));
        clutterReach = clutterSide < 0 ? 0 : free[clutterSide] - clutterGap;
    }

    /**
     * A number's ink as it lies on the page: enlarged, slanted and turned as the conditions say, softened as a
     * camera sees it, in a plane of its own.
     */
    static final class Ink {
        final float[] plane;
        final int width;
        final int height;
        /** Where the ink lies in the plane. */
        final Box box;
        final int digitHeight;

        private Ink(float[] plane, int width, int height, Box box, int digitHeight) {
            this.plane = plane;
            this.width = width;
            this.height = height;
            this.box = box;
            this.digitHeight = digitHeight;
        }

        static Ink of(SyntheticNumbers.Sample number, NumberLook look, Set<NumberCondition> on) {
            List<Box> boxes = number.boxes();
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = 0;
            int y1 = 0;
            double heights = 0;
            for (Box b : boxes) {
                x0 = Math.min(x0, b.x());
                y0 = Math.min(y0, b.y());
                x1 = Math.max(x1, b.right());
                y1 = Math.max(y1, b.bottom());
                heights += b.height();
            }
            x0 = Math.max(0, x0 - 2);
            y0 = Math.max(0, y0 - 2);
            x1 = Math.min(number.picture().getWidth(), x1 + 2);
            y1 = Math.min(number.picture().getHeight(), y1 + 2);
            int sw = x1 - x0;
            int sh = y1 - y0;
            int[] argb = number.picture().getRGB(x0, y0, sw, sh, null, 0, sw);
            float[] source = new float[sw * sh];
            for (int i = 0; i < source.length; i++) {
                source[i] = 1 - (argb[i] & 0xff) / 255f;
            }
            double scale = Math.min(look.scale, MAX_INK_WIDTH / sw);
            int digitHeight = (int) Math.round(heights / boxes.size() * scale);
            double k = on.contains(NumberCondition.SLANT) ? Math.tan(Math.toRadians(look.slant)) : 0;
            double theta = on.contains(NumberCondition.ROTATION) ? Math.toRadians(look.rotation) : 0;
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            // Scale, then shear (the tops of the digits lean right for a positive slant), then turn, about the middle.
            double a = scale * cos;
            double b = scale * (-cos * k - sin);
            double c = scale * sin;
            double d = scale * (-sin * k + cos);
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int corner = 0; corner < 4; corner++) {
                double sx = (corner % 2 == 0 ? -0.5 : 0.5) * sw;
                double sy = (corner < 2 ? -0.5 : 0.5) * sh;
                minX = Math.min(minX, a * sx + b * sy);
                maxX = Math.max(maxX, a * sx + b * sy);
                minY = Math.min(minY, c * sx + d * sy);
                maxY = Math.max(maxY, c * sx + d * sy);
            }
            int width = (int) Math.ceil(maxX - minX) + 6;
            int height = (int) Math.ceil(maxY - minY) + 6;
            double det = a * d - b * c;
            float[] plane = new float[width * height];
            for (int y = 0; y < height; y++) {
                double dy = y + 0.5 + minY - 3;
                for (int x = 0; x < width; x++) {
                    double dx = x + 0.5 + minX - 3;
                    double sx = (d * dx - b * dy) / det + sw / 2.0 - 0.5;
                    double sy = (-c * dx + a * dy) / det + sh / 2.0 - 0.5;
                    plane[y * width + x] = bilinear(source, sw, sh, sx, sy);
                }
            }
            if (on.contains(NumberCondition.FAINT_INK) && digitHeight >= 44) {
                // A pencil's line is finer than MNIST's pen; on small digits thinning would break strokes.
                plane = Drawing.strokes(plane, width, height, -1);
            }
            plane = Drawing.blur(plane, width, height, look.inkSoftness);
            return new Ink(plane, width, height, inkBox(plane, width, height), digitHeight);
        }

        private static float bilinear(float[] plane, int w, int h, double x, double y) {
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
                return 0;
            }
            double fx = x - x0;
            double fy = y - y0;
            return (float) ((1 - fx) * (1 - fy) * at(plane, w, h, x0, y0) + fx * (1 - fy) * at(plane, w, h, x0 + 1, y0)
                    + (1 - fx) * fy * at(plane, w, h, x0, y0 + 1) + fx * fy * at(plane, w, h, x0 + 1, y0 + 1));
        }

        private static float at(float[] plane, int w, int h, int x, int y) {
            return x < 0 || y < 0 || x >= w || y >= h ? 0 : plane[y * w + x];
        }

        /** The box of the plane's ink (coverage above 0.1), the whole plane when it has none. */
        private static Box inkBox(float[] plane, int width, int height) {
            int minX = width;
            int minY = height;
            int maxX = -1;
            int maxY = -1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (plane[y * width + x] > 0.1f) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            return maxX < 0 ? new Box(0, 0, width, height) : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
        }
    }
}
