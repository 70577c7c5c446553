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
     * The MNIST procedure for real pictures, with every stage kept: see {@link MnistPreprocessor}. For
     * other options use {@link MnistPreprocessor#builder()}.
     */
    static Preprocessor mnist() {
        return MnistPreprocessor.DEFAULT;
    }

    /** The default preprocessing of Digits' classifiers: {@link #mnist()} without stage pictures. */
    static Preprocessor standard() {
        return MnistPreprocessor.WITHOUT_STAGES;
    }
}
