package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Made non-digits are in MNIST form, reproducible from their seed, and never a lone straight stroke. */
class NonDigitsTest {
    private static final DigitDataset DIGITS = Mnist.fromDataFolder().test().head(300);

    @Test
    void everyKindIsInMnistFormAndTheSameSeedGivesTheSamePictures() {
        for (NonDigits.Kind kind : NonDigits.Kind.values()) {
            List<DigitImage> a = NonDigits.make(kind, DIGITS, 40, 11);
            List<DigitImage> b = NonDigits.make(kind, DIGITS, 40, 11);
            List<DigitImage> c = NonDigits.make(kind, DIGITS, 40, 12);
            assertEquals(40, a.size());
            assertEquals(a, b, kind.key());
            assertNotEquals(a, c, kind.key());
            for (DigitImage picture : a) {
                assertTrue(picture.isMnistForm(), kind.key());
                float ink = 0;
                for (float v : picture.pixels()) {
                    assertTrue(v >= 0f && v <= 1f);
                    ink += v;
                }
                assertTrue(ink > 5, kind.key() + " pictures hold ink");
                if (kind != NonDigits.Kind.NOISE) {
                    assertFalse(NonDigits.isOneStraightStroke(picture), kind.key());
                }
            }
        }
    }

    @Test
    void aStraightStrokeIsRecognisedAsOneAndADigitIsNot() {
        float[] bar = new float[28 * 28];
        for (int y = 4; y < 24; y++) {
            bar[y * 28 + 13] = 1;
            bar[y * 28 + 14] = 1;
        }
        assertTrue(NonDigits.isOneStraightStroke(DigitImage.mnist(bar)));
        int zero = 0;
        while (DIGITS.label(zero) != 0) {
            zero++;
        }
        assertFalse(NonDigits.isOneStraightStroke(DIGITS.image(zero)));
    }

    @Test
    void pairsAndFragmentsNeedDigits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NonDigits.make(NonDigits.Kind.PAIR, null, 1, 1));
        assertTrue(e.getMessage().contains("digits"), e.getMessage());
        assertEquals(3, NonDigits.make(NonDigits.Kind.SCRIBBLE, null, 3, 1).size());
    }
}
