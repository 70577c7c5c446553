package dev.digits.preprocess;

import java.awt.image.BufferedImage;

/**
 * Turns an ordinary picture into a model's input form, keeping each intermediate stage so that an app
 * can show how the picture was transformed. Implementations are immutable and safe for concurrent use.
 */
@FunctionalInterface
public interface Preprocessor {

    /**
     * Transforms a picture.
     *
     * @throws dev.digits.NoDigitFoundException when the picture holds no digit
     * @throws dev.digits.BadImageException     when the picture cannot be used
     */
    Preprocessed preprocess(BufferedImage picture);

    /**
     * The original tutorial pipeline, kept as a baseline: gray, resize to 28×28, invert (always: it assumes
     * dark ink on light paper).
     */
    static Preprocessor naive() {
        return SimplePreprocessor.NAIVE;
    }

    /**
     * Gray, light-on-dark polarity decided from the border, resize to 28×28 by area averaging. A picture
     * already in MNIST form passes through unchanged.
     */
    static Preprocessor simple() {
        return SimplePreprocessor.SIMPLE;
    }

    /**
     * Gray (luma: {@code 0.299 R + 0.587 G + 0.114 B}), resized to {@code width × height} by area averaging, and
     * nothing else: no polarity change, no cropping. For models trained on digits as they were photographed,
     * such as SVHN's cropped house-number digits, whose picture should be cut around one digit already.
     */
    static Preprocessor resized(int width, int height) {
        return new ResizingPreprocessor(width, height);
    }

    /**
     * This preprocessor with or without stage pictures in {@link Preprocessed#stages()}; the image is the
     * same either way. Dropping them saves the time and memory of drawing every stage when only the
     * model's input is wanted. The default returns this preprocessor unchanged, for implementations whose
     * stages cost nothing.
     */
    default Preprocessor withStages(boolean keep) {
        return this;
    }

    /**
     * The MNIST procedure for real pictures, with every stage kept: see {@link MnistPreprocessor}. Use
     * {@code mnist().withStages(false)} when only the image is wanted, and
     * {@link MnistPreprocessor#builder()} for other options.
     */
    static Preprocessor mnist() {
        return MnistPreprocessor.DEFAULT;
    }
}
