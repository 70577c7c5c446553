package dev.digits.preprocess;

import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gray by luma, then resized to a model's input size, nothing else: see {@link Preprocessor#resized(int, int)}. */
final class ResizingPreprocessor implements Preprocessor {
    private final int width;
    private final int height;

    ResizingPreprocessor(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A picture size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    @Override
    public Preprocessed preprocess(BufferedImage picture) {
        float[] gray = Grayscale.of(picture).values();
        int pictureWidth = picture.getWidth();
        int pictureHeight = picture.getHeight();
        Map<String, BufferedImage> stages = new LinkedHashMap<>();
        stages.put("input", picture);
        stages.put("gray", new GrayPlane(gray, pictureWidth, pictureHeight).toImage());
        float[] resized = pictureWidth == width && pictureHeight == height ? gray
                : Resize.areaAverage(gray, pictureWidth, pictureHeight, width, height);
        for (int i = 0; i < resized.length; i++) {
            // Area averages of values in [0, 1] can stray outside by a rounding error.
            resized[i] = Math.min(1f, Math.max(0f, resized[i]));
        }
        DigitImage image = DigitImage.of(width, height, 1, resized);
        stages.put(width + "x" + height, image.toBufferedImage());
        return new Preprocessed(image, stages);
    }

    @Override
    public String toString() {
        return "Preprocessor.resized(" + width + ", " + height + ")";
    }
}
