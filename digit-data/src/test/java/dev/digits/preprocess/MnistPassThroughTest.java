package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import org.junit.jupiter.api.Test;

/** The MNIST procedure leaves pictures that are already in MNIST form as they are. */
class MnistPassThroughTest {
    @Test
    void mnistDigitsPassThroughUnharmed() {
        DigitDataset test = Mnist.fromDataFolder().test();
        int unchanged = 0;
        int count = 2_000;
        for (int i = 0; i < count; i++) {
            DigitImage digit = test.image(i);
            DigitImage out = Preprocessor.mnist().preprocess(digit.toBufferedImage()).image();
            if (out.equals(digit)) {
                unchanged++;
            } else {
                assertTrue(Drawings.overlap(digit, out) > 0.5, "digit " + i + " was mangled");
            }
        }
        assertTrue(unchanged > 0.8 * count, unchanged + " of " + count + " MNIST digits passed through unchanged");
    }
}
