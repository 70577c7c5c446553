package dev.digits.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.digits.ModelCard;
import org.junit.jupiter.api.Test;

/** The picture size a classifier takes, read from its card. */
class PictureSizeTest {
    private static int[] of(String... entries) {
        ModelCard.Builder card = ModelCard.builder();
        for (int i = 0; i < entries.length; i += 2) {
            card.put(entries[i], entries[i + 1]);
        }
        return AbstractDigitClassifier.pictureSizeOf(card.build());
    }

    @Test
    void readsSingleChannelShapesInEitherLayoutAndElseMeansMnistForm() {
        assertArrayEquals(new int[]{28, 28}, of());
        assertArrayEquals(new int[]{32, 32}, of("inputs", "input", "input.input.shape", "1x32x32", "input.input.layout", "NCHW"));
        assertArrayEquals(new int[]{40, 30}, of("input.shape", "30x40x1", "input.layout", "NHWC"));
        assertArrayEquals(new int[]{28, 28}, of("input.shape", "784", "input.layout", "FLAT"));
        assertArrayEquals(new int[]{28, 28}, of("input.shape", "3x32x32"), "colour inputs are left to the backend to refuse");
        assertArrayEquals(new int[]{28, 28}, of("input.shape", "one by two"), "nonsense is left to the backend to refuse");
    }
}
