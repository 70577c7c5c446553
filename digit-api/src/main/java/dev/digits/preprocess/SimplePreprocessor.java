package dev.digits.preprocess;

import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gray, polarity, resize to 28×28: see {@link Preprocessor#simple()} and {@link Preprocessor#naive()}. */
final class SimplePreprocessor implements Preprocessor {
    static final SimplePreprocessor NAIVE = new SimplePreprocessor(false);
    static final SimplePreprocessor SIMPLE = new SimplePreprocessor(true);

    /** Below this spread between darkest and brightest pixel the picture is taken as blank. */
    private static final float MIN_CONTRAST = 0.08f;

    private final boolean detectPolarity;

    private SimplePreprocessor(boolean detectPolarity) {
        this.detectPolarity = detectPolarity;
    }

    @Override
    public Preprocessed preprocess(BufferedImage picture) {
        float[] gray = Grayscale.of(picture).values();
        int width = picture.getWidth();
        int height = picture.getHeight();
        Map<String, BufferedImage> stages = new LinkedHashMap<>();
        stages.put("input", picture);
        stages.put("gray", new GrayPlane(gray, width, height).toImage());
        float min = 1f;
        float max = 0f;
        for (float v : gray) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max - min < MIN_CONTRAST) {
            throw new NoDigitFoundException("The picture is blank (all pixels within " + Math.round((max - min) * 255)
                    + " gray levels of each other); give a picture with a digit on it");
        }
        boolean invert = !detectPolarity || Planes.borderMean(gray, width, height) > Planes.mean(gray);
        float[] ink = invert ? Planes.inverted(gray) : gray;
        if (invert) {
            stages.put("inverted", new GrayPlane(ink, width, height).toImage());
        }
        float[] mnist = width == DigitImage.MNIST_SIZE && height == DigitImage.MNIST_SIZE ? ink
                : Resize.areaAverage(ink, width, height, DigitImage.MNIST_SIZE, DigitImage.MNIST_SIZE);
        DigitImage image = DigitImage.mnist(mnist);
        stages.put("28x28", image.toBufferedImage());
        return new Preprocessed(image, stages);
    }
}
