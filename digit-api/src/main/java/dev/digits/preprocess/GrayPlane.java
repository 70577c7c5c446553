package dev.digits.preprocess;

import java.awt.image.BufferedImage;

/**
 * A gray picture as row-major floats, usually in [0, 1]. The array is shared, not copied: planes are
 * working data inside the preprocessing, treated as read-only once made.
 *
 * @param values {@code width × height} values
 * @param width  columns
 * @param height rows
 */
record GrayPlane(float[] values, int width, int height) {
    public GrayPlane {
        if (values.length != width * height) {
            throw new IllegalArgumentException(values.length + " values for " + width + "x" + height);
        }
    }

    public float at(int x, int y) {
        return values[y * width + x];
    }

    /** An 8-bit gray picture of the plane, values clamped to [0, 1]. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.round(Math.min(1f, Math.max(0f, values[i])) * 255f);
        }
        image.getRaster().setDataElements(0, 0, width, height, bytes);
        return image;
    }
}
