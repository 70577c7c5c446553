package dev.digits.preprocess;

import dev.digits.Box;
/**
 * One digit found by the {@link Segmenter}: a main ink component with the nearby pieces that belong to
 * it. Immutable: the mask is copied out.
 */
public final class DigitCandidate {
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
