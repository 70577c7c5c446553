package dev.digits;

/**
 * A rectangle in pixels of an input picture (after EXIF orientation): where a digit was found.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  at least 1
 * @param height at least 1
 */
public record Box(int x, int y, int width, int height) {
    public Box {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A box is at least 1x1 pixels, got " + width + "x" + height);
        }
    }

    /** One past the right edge. */
    public int right() {
        return x + width;
    }

    /** One past the bottom edge. */
    public int bottom() {
        return y + height;
    }

    /** {@code [x, y, width, height]}, the command line's JSON form. */
    public int[] toArray() {
        return new int[]{x, y, width, height};
    }
}
