package dev.digits.data;

import java.util.Arrays;

/**
 * The content of an IDX file of unsigned bytes (MNIST's format): its dimensions and its data, row-major.
 * The arrays are not copied: treat them as read-only.
 *
 * @param dimensions sizes, outermost first; e.g. {@code [60000, 28, 28]} for MNIST's training images
 * @param data       {@code product(dimensions)} bytes
 */
public record IdxData(int[] dimensions, byte[] data) {
    public IdxData {
        if (dimensions.length < 1 || dimensions.length > 255) {
            throw new BadDataException("An IDX array has 1 to 255 dimensions, got " + dimensions.length);
        }
        long size = 1;
        for (int d : dimensions) {
            if (d < 0) {
                throw new BadDataException("IDX dimensions must not be negative: " + Arrays.toString(dimensions));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new BadDataException("IDX dimensions " + Arrays.toString(dimensions) + " need " + size
                    + " bytes, got " + data.length);
        }
    }

    /** Number of items: the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** Bytes per item: the product of all dimensions but the first. */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxData other && Arrays.equals(dimensions, other.dimensions) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dimensions) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxData" + Arrays.toString(dimensions);
    }
}
