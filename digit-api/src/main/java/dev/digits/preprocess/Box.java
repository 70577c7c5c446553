package dev.digits.preprocess;

/**
 * An axis-aligned rectangle of pixels, used for where a digit lies in the picture that was given to the
 * preprocessing (after EXIF orientation, i.e. in the coordinates of that {@link java.awt.image.BufferedImage}).
 *
 * @param x      left column
 * @param y      top row
 * @param width  columns, at least 1
 * @param height rows, at least 1
 */
public record Box(int x, int y, int width, int height) {
    /** Checks that the box is not empty and does not start left of or above the picture. */
    public Box {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("Not a box: x=" + x + " y=" + y + " width=" + width + " height=" + height);
        }
    }

    /** The column just right of the box. */
    public int right() {
        return x + width;
    }

    /** The row just below the box. */
    public int bottom() {
        return y + height;
    }
}
