package dev.digits.preprocess;

import dev.digits.Box;
import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The result of the {@link Cleaner}: which pixels are ink, at the working size the picture was reduced
 * to, with what is needed to map positions back to the picture that was given. Immutable: the mask is
 * copied in and out. Stage pictures are shared, not copied: do not draw on them.
 */
public final class CleanedPicture {
    private final byte[] mask;
    private final int width;
    private final int height;
    private final int factor;
    private final int inputWidth;
    private final int inputHeight;
    private final DigitImage mnistForm;
    private final Map<String, BufferedImage> stages;

    CleanedPicture(byte[] mask, int width, int height, int factor, int inputWidth, int inputHeight,
                   DigitImage mnistForm, Map<String, BufferedImage> stages) {
        if (mask.length != width * height) {
            throw new IllegalArgumentException(mask.length + " mask pixels for " + width + "x" + height);
        }
        this.mask = mask;
        this.width = width;
        this.height = height;
        this.factor = factor;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.mnistForm = mnistForm;
        this.stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** A copy of the ink mask, row-major, {@code width × height} values of 1 (ink) or 0 (paper). */
    public byte[] mask() {
        return mask.clone();
    }

    /** Whether the working-size pixel (x, y) is ink. */
    public boolean isInk(int x, int y) {
        return mask[y * width + x] != 0;
    }

    /** Columns of the mask (the working size, not the input's). */
    public int width() {
        return width;
    }

    /** Rows of the mask. */
    public int height() {
        return height;
    }

    /** How many input pixels one mask pixel spans along each side (1 when the picture was not reduced). */
    public int factor() {
        return factor;
    }

    /** Columns of the picture that was given. */
    public int inputWidth() {
        return inputWidth;
    }

    /** Rows of the picture that was given. */
    public int inputHeight() {
        return inputHeight;
    }

    /**
     * The picture itself, contrast stretched, when it was already in MNIST form (28×28, light ink on dark,
     * centred, anti-aliased); then segmentation and normalisation would only degrade it. Empty otherwise.
     */
    public Optional<DigitImage> mnistForm() {
        return Optional.ofNullable(mnistForm);
    }

    /** Stage pictures in the order they were made, empty unless the cleaner was asked to keep them. */
    public Map<String, BufferedImage> stages() {
        return stages;
    }

    /**
     * The input-picture rectangle that the mask pixels from (minX, minY) to (maxX, maxY) inclusive come
     * from. Reduction drops the input's last few columns and rows when its size is not a multiple of
     * {@link #factor()}, hence the clamping.
     */
    public Box toInput(int minX, int minY, int maxX, int maxY) {
        int x = Math.min(minX * factor, inputWidth - 1);
        int y = Math.min(minY * factor, inputHeight - 1);
        int right = Math.min(inputWidth, (maxX + 1) * factor);
        int bottom = Math.min(inputHeight, (maxY + 1) * factor);
        return new Box(x, y, Math.max(1, right - x), Math.max(1, bottom - y));
    }

    /** The mask without copying, for the segmenter; never handed out. */
    byte[] maskArray() {
        return mask;
    }
}
