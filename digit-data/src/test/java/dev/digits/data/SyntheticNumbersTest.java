package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Box;
import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthetic number sets: lengths, determinism, how neighbours stand, and which digits they are made of. */
class SyntheticNumbersTest {
    private static DigitDataset test;

    @BeforeAll
    static void load() {
        test = Mnist.fromDataFolder().test();
    }

    @Test
    void lengthsAreEquallyFrequentAndSamplesRepeat() {
        SyntheticNumbers set = new SyntheticNumbers(test, SyntheticNumbers.Variant.SEPARATED, 7);
        int[] lengths = new int[SyntheticNumbers.MAX_LENGTH + 1];
        for (int i = 0; i < 600; i++) {
            SyntheticNumbers.Sample sample = set.sample(i);
            lengths[sample.text().length()]++;
            assertEquals(sample.text().length(), sample.boxes().size());
        }
        for (int length = 1; length <= SyntheticNumbers.MAX_LENGTH; length++) {
            assertEquals(100, lengths[length], "length " + length);
        }
        assertEquals(set.sample(17).text(), set.sample(17).text());
        assertEquals(set.sample(17).boxes(), new SyntheticNumbers(test, SyntheticNumbers.Variant.SEPARATED, 7).sample(17).boxes());
        assertNotEquals(set.sample(17).sources(), new SyntheticNumbers(test, SyntheticNumbers.Variant.SEPARATED, 8).sample(17).sources());
    }

    @Test
    void separatedDigitsNeverTouchAndTouchingOnesDo() {
        SyntheticNumbers separated = new SyntheticNumbers(test, SyntheticNumbers.Variant.SEPARATED, 1);
        SyntheticNumbers touching = new SyntheticNumbers(test, SyntheticNumbers.Variant.TOUCHING, 1);
        for (int i = 0; i < 120; i++) {
            SyntheticNumbers.Sample s = separated.sample(i);
            for (int k = 1; k < s.boxes().size(); k++) {
                assertTrue(s.boxes().get(k).x() >= s.boxes().get(k - 1).right() + 2, "separated " + i + ": " + s.boxes());
            }
            SyntheticNumbers.Sample t = touching.sample(i);
            for (int k = 1; k < t.boxes().size(); k++) {
                Box left = t.boxes().get(k - 1);
                Box right = t.boxes().get(k);
                assertTrue(right.x() <= left.right(), "touching " + i + ": " + t.boxes());
                assertTrue(right.x() > left.x(), "still left to right " + i + ": " + t.boxes());
            }
        }
    }

    @Test
    void theTestVariantDrawsOnlyMnistTestDigits() {
        SyntheticNumbers set = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED, SyntheticNumbers.DEFAULT_SEED);
        assertEquals(10_000, set.digits().size(), "the test set, not the 60,000 training digits");
        for (int i = 0; i < 60; i++) {
            SyntheticNumbers.Sample sample = set.sample(i);
            for (int k = 0; k < sample.text().length(); k++) {
                int source = sample.sources().get(k);
                assertEquals(test.label(source), sample.text().charAt(k) - '0');
                // The ink in the box is that test digit: shrunk back to the digit's own ink box, it matches.
                assertTrue(match(sample.picture(), sample.boxes().get(k), test.image(source)) > 0.85,
                        "sample " + i + " digit " + k + " is test digit " + source);
            }
        }
    }

    /** Correlation of the picture's ink in the box with the MNIST digit's ink box, sampled on the digit's grid. */
    private static double match(BufferedImage picture, Box box, DigitImage digit) {
        int[] ink = Drawing.inkBox(digit);
        int w = ink[2] - ink[0] + 1;
        int h = ink[3] - ink[1] + 1;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int px = box.x() + (int) ((x + 0.5) * box.width() / w);
                int py = box.y() + (int) ((y + 0.5) * box.height() / h);
                double a = 1 - (picture.getRGB(px, py) & 0xff) / 255.0;
                double b = digit.pixel(ink[0] + x, ink[1] + y, 0);
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
    }
}
