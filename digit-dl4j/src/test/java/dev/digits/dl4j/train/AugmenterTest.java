package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static float[] square() {
        float[] image = new float[784];
        for (int y = 10; y < 18; y++) {
            for (int x = 10; x < 18; x++) {
                image[y * 28 + x] = 1f;
            }
        }
        return image;
    }

    private static double mass(float[] image) {
        double sum = 0;
        for (float v : image) {
            sum += v;
        }
        return sum;
    }

    @Test
    void distortsWithinBoundsAndIsSeeded() {
        float[] source = square();
        Augmenter augmenter = Augmenter.bundledRecipe();
        float[] a = new float[784];
        float[] b = new float[784];
        for (int seed = 0; seed < 50; seed++) {
            augmenter.augment(source, a, 0, new Random(seed));
            augmenter.augment(source, b, 0, new Random(seed));
            assertArrayEquals(a, b);
            for (float v : a) {
                assertTrue(v >= 0f && v <= 1f);
            }
            double ratio = mass(a) / mass(source);
            assertTrue(ratio > 0.4 && ratio < 2.2, "ink mass changed by " + ratio);
        }
    }

    @Test
    void withoutDistortionThePictureIsCopied() {
        Augmenter none = new Augmenter(0, 0, 0, 0, 0, 0, 0);
        float[] out = new float[784];
        none.augment(square(), out, 0, new Random(1));
        assertEquals(mass(square()), mass(out), 1e-3);
    }
}
