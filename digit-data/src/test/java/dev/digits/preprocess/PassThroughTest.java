package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digits.DigitImage;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * Pictures already in MNIST form pass straight through (issue 28): on all 10,000 MNIST test digits, as 8-bit gray
 * pictures, the quick pass-through gives bit for bit the picture and the box the whole procedure gives (the
 * procedure with its stage pictures kept never takes the quick path), and it takes every digit the whole procedure
 * passes through.
 */
class PassThroughTest {
    @Test
    void theQuickPassThroughGivesWhatTheWholeProcedureGives() {
        DigitDataset test = Mnist.fromDataFolder().test();
        Preprocessor quick = Preprocessor.mnist();
        Preprocessor whole = Preprocessor.mnist().withStages(true);
        MnistPreprocessor mnist = (MnistPreprocessor) quick;
        int passedThrough = 0;
        int wholePassedThrough = 0;
        for (int i = 0; i < test.size(); i++) {
            BufferedImage picture = gray(test.image(i));
            Preprocessed fast = quick.preprocess(picture);
            Preprocessed full = whole.preprocess(picture);
            assertArrayEquals(full.image().pixels(), fast.image().pixels(), "test digit " + i);
            assertEquals(full.box(), fast.box(), "test digit " + i);
            passedThrough += mnist.cleaner().quickMnistForm(picture) != null ? 1 : 0;
            wholePassedThrough += mnist.cleaner().clean(picture).mnistForm().isPresent() ? 1 : 0;
        }
        assertEquals(wholePassedThrough, passedThrough, "the quick path takes every test digit the whole procedure"
                + " passes through");
    }

    private static BufferedImage gray(DigitImage image) {
        BufferedImage picture = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = image.pixels();
        for (int i = 0; i < pixels.length; i++) {
            picture.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        return picture;
    }
}
