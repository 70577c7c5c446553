package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import dev.digits.NoDigitFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The second stage of the MNIST procedure: groups the 8-connected ink components of a
 * {@link CleanedPicture} into digits. A handwritten digit is often more than one component (a 5's flag
 * lifted off, a 7's bar, a broken stroke), and the ink often holds more than digits (specks, the edge
 * of the sheet, a shadow along the border): small pieces join the digit they lie next to, specks and
 * border artefacts are dropped. Stateless and safe for concurrent use.
 */
public final class Segmenter {
    /** Pieces below this share of their digit's area are specks, not strokes. */
    private static final double PIECE_SHARE = 0.05;
    /** Components below this share of the largest are not digits of their own. */
    private static final double DIGIT_SHARE = 0.1;
    /** A component whose columns overlap a bigger digit's by this share of its width lies over or under it. */
    private static final double STACKED_OVERLAP = 0.5;

    /** A segmenter; it has no options. */
    public Segmenter() {
    }

    /**
     * The one digit of a single-digit picture: the largest component not touching the border (or the
     * largest of all when every sizeable one does), plus the pieces within half its size of at least 5% of
     * its area.
     *
     * @throws NoDigitFoundException when there is no ink, or only specks
     */
    public DigitCandidate mainDigit(CleanedPicture picture) {
        int w = picture.width();
        int h = picture.height();
        Components.Labelling labelling = inkComponents(picture);
        List<Components.Component> all = labelling.components();
        int largestArea = all.stream().mapToInt(Components.Component::area).max().orElse(0);
        List<Components.Component> inner = new ArrayList<>();
        for (Components.Component c : all) {
            if (!c.touchesBorder() && c.area() >= DIGIT_SHARE * largestArea) {
                inner.add(c);
            }
        }
        List<Components.Component> candidates = inner.isEmpty() ? all : inner;
        Components.Component main = candidates.get(0);
        for (Components.Component c : candidates) {
            if (c.area() > main.area()) {
                main = c;
            }
        }
        if (main.area() < speckArea(w, h)) {
            throw onlySpecks(main.area());
        }
        List<Components.Component> parts = new ArrayList<>();
        for (Components.Component c : all) {
            if (c == main || belongs(c, main)) {
                parts.add(c);
            }
        }
        return candidate(picture, labelling.labels(), parts);
    }

    /**
     * Every digit in the picture, left to right, for reading numbers. Components of at least a tenth of
     * the largest are digits, preferring those off the border as {@link #mainDigit} does, except that a
     * component lying above or below a bigger digit (sharing at least half its columns with it, within
     * half the digit's size) is a piece of that digit. Smaller pieces join the nearest digit they belong to by
     * {@link #mainDigit}'s rule; the rest are dropped.
     *
     * @throws NoDigitFoundException when there is no ink, or only specks
     */
    public List<DigitCandidate> candidates(CleanedPicture picture) {
        return candidates(picture, true);
    }

    /**
     * As {@link #candidates(CleanedPicture)}; with {@code borderIsArtefact} false, components touching the
     * border are digits like the others (the line finder of {@link NumberSegmenter} has already taken out the border's artefacts,
     * and a tightly cropped line's digits touch its edges).
     */
    List<DigitCandidate> candidates(CleanedPicture picture, boolean borderIsArtefact) {
        int w = picture.width();
        int h = picture.height();
        Components.Labelling labelling = inkComponents(picture);
        List<Components.Component> all = labelling.components();
        int largestArea = all.stream().mapToInt(Components.Component::area).max().orElse(0);
        double speck = speckArea(w, h);
        if (largestArea < speck) {
            throw onlySpecks(largestArea);
        }
        List<Components.Component> sizeable = new ArrayList<>();
        for (Components.Component c : all) {
            if (c.area() >= Math.max(speck, DIGIT_SHARE * largestArea)) {
                sizeable.add(c);
            }
        }
        List<Components.Component> inner = borderIsArtefact
                ? sizeable.stream().filter(c -> !c.touchesBorder()).toList() : sizeable;
        List<Components.Component> pool = new ArrayList<>(inner.isEmpty() ? sizeable : inner);
        pool.sort(Comparator.comparingInt(Components.Component::area).reversed());
        List<List<Components.Component>> groups = new ArrayList<>();
        for (Components.Component c : pool) {
            List<Components.Component> stackedOn = null;
            for (List<Components.Component> group : groups) {
                if (stacked(c, group.get(0))) {
                    stackedOn = group;
                    break;
                }
            }
            if (stackedOn != null) {
                stackedOn.add(c);
            } else {
                List<Components.Component> group = new ArrayList<>();
                group.add(c);
                groups.add(group);
            }
        }
        for (Components.Component c : all) {
            if (pool.contains(c)) {
                continue;
            }
            List<Components.Component> nearest = null;
            int nearestGap = Integer.MAX_VALUE;
            for (List<Components.Component> group : groups) {
                Components.Component main = group.get(0);
                int gap = gap(c, main);
                if (belongs(c, main, borderIsArtefact) && gap < nearestGap) {
                    nearest = group;
                    nearestGap = gap;
                }
            }
            if (nearest != null) {
                nearest.add(c);
            }
        }
        List<DigitCandidate> digits = new ArrayList<>();
        for (List<Components.Component> group : groups) {
            digits.add(candidate(picture, labelling.labels(), group));
        }
        digits.sort(Comparator.comparingInt((DigitCandidate d) -> d.workingBox().x())
                .thenComparingInt(d -> d.workingBox().y()));
        return digits;
    }

    /**
     * Below this many pixels a component is no digit: 0.02% of the working picture (13 pixels at
     * 256×256), as dust and JPEG blocks reach that size while the smallest written digit does not.
     */
    private static double speckArea(int w, int h) {
        return Math.max(6, 0.0002 * w * h);
    }

    /**
     * Whether a piece belongs to a digit: within half the digit's size of its box, not a border artefact
     * unless the digit itself touches the border, and not a speck.
     */
    private static boolean belongs(Components.Component c, Components.Component main) {
        return belongs(c, main, true);
    }

    private static boolean belongs(Components.Component c, Components.Component main, boolean borderIsArtefact) {
        int margin = Math.max(main.width(), main.height()) / 2;
        boolean near = c.maxX() >= main.minX() - margin && c.minX() <= main.maxX() + margin
                && c.maxY() >= main.minY() - margin && c.minY() <= main.maxY() + margin;
        boolean allowed = !borderIsArtefact || !c.touchesBorder() || main.touchesBorder();
        return near && allowed && c.area() >= PIECE_SHARE * main.area();
    }

    /**
     * Whether a sizeable component is part of a bigger digit rather than a digit of its own: digits of a
     * number stand side by side, while a 5's flag or a 7's bar stands over its digit's body and can be
     * as heavy as the body itself, so area does not tell them apart.
     */
    private static boolean stacked(Components.Component c, Components.Component main) {
        int overlap = Math.min(c.maxX(), main.maxX()) - Math.max(c.minX(), main.minX()) + 1;
        int margin = Math.max(main.width(), main.height()) / 2;
        boolean near = c.maxY() >= main.minY() - margin && c.minY() <= main.maxY() + margin;
        return overlap >= STACKED_OVERLAP * c.width() && near;
    }

    /** Chebyshev distance between two components' boxes, 0 when they overlap. */
    private static int gap(Components.Component a, Components.Component b) {
        int dx = Math.max(0, Math.max(a.minX() - b.maxX(), b.minX() - a.maxX()));
        int dy = Math.max(0, Math.max(a.minY() - b.maxY(), b.minY() - a.maxY()));
        return Math.max(dx, dy);
    }

    private static DigitCandidate candidate(CleanedPicture picture, int[] labels, List<Components.Component> parts) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        int area = 0;
        int maxLabel = 0;
        for (Components.Component c : parts) {
            minX = Math.min(minX, c.minX());
            minY = Math.min(minY, c.minY());
            maxX = Math.max(maxX, c.maxX());
            maxY = Math.max(maxY, c.maxY());
            area += c.area();
            maxLabel = Math.max(maxLabel, c.label());
        }
        boolean[] keep = new boolean[maxLabel + 1];
        for (Components.Component c : parts) {
            keep[c.label()] = true;
        }
        int w = picture.width();
        int cropWidth = maxX - minX + 1;
        int cropHeight = maxY - minY + 1;
        byte[] mask = new byte[cropWidth * cropHeight];
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                int label = labels[y * w + x];
                mask[(y - minY) * cropWidth + x - minX] = (byte) (label != 0 && label <= maxLabel && keep[label] ? 1 : 0);
            }
        }
        return new DigitCandidate(picture.toInput(minX, minY, maxX, maxY),
                new Box(minX, minY, cropWidth, cropHeight), mask, area);
    }

    private static NoDigitFoundException noInk() {
        return new NoDigitFoundException("No ink found after thresholding; give a picture with a visible digit");
    }

    private static NoDigitFoundException onlySpecks(int largest) {
        return new NoDigitFoundException("Only specks of ink found (the largest is " + largest
                + (largest == 1 ? " pixel" : " pixels") + "); give a picture with a visible digit");
    }

    /** The ink's connected components. */
    private static Components.Labelling inkComponents(CleanedPicture picture) {
        Components.Labelling labelling = Components.label(picture.maskArray(), picture.width(), picture.height());
        if (labelling.components().isEmpty()) {
            throw noInk();
        }
        return labelling;
    }

    /**
     * One digit found by the {@link Segmenter}: a main ink component with the nearby pieces that belong to
     * it. Immutable: the mask is copied out.
     */
    public static final class DigitCandidate {
        private final Box box;
        private final Box workingBox;
        private final byte[] mask;
        private final int area;

        DigitCandidate(Box box, Box workingBox, byte[] mask, int area) {
            if (mask.length != workingBox.width() * workingBox.height()) {
                throw new IllegalArgumentException(mask.length + " mask pixels for " + workingBox);
            }
            this.box = box;
            this.workingBox = workingBox;
            this.mask = mask;
            this.area = area;
        }

        /** Where the digit lies in the picture that was given (after EXIF orientation). */
        public Box box() {
            return box;
        }

        /** Where the digit lies in the {@link CleanedPicture}'s mask, at working size. */
        public Box workingBox() {
            return workingBox;
        }

        /**
         * A copy of the digit's ink, cropped to {@link #workingBox()}: row-major 1 (ink) or 0. Ink of other
         * candidates that reaches into the box is left out.
         */
        public byte[] mask() {
            return mask.clone();
        }

        /** Ink pixels of the digit at working size. */
        public int area() {
            return area;
        }

        /** The mask without copying, for the normaliser; never handed out. */
        byte[] maskArray() {
            return mask;
        }

        @Override
        public String toString() {
            return "DigitCandidate[box=" + box + ", area=" + area + "]";
        }
    }
}
