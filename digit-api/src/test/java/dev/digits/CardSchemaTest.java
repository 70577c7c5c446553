package dev.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The card's typed views: what every backend reads a card through. */
class CardSchemaTest {
    private static ModelCard card(String... entries) {
        ModelCard.Builder card = ModelCard.builder();
        for (int i = 0; i < entries.length; i += 2) {
            card.put(entries[i], entries[i + 1]);
        }
        return card.build();
    }

    private static int[] size(String... entries) {
        CardSchema.PictureInput input = CardSchema.PictureInput.of(card(entries));
        return new int[]{input.width(), input.height()};
    }

    @Test
    void readsSingleChannelShapesInEitherLayoutAndElseMeansMnistForm() {
        assertArrayEquals(new int[]{28, 28}, size());
        assertArrayEquals(new int[]{32, 32}, size("inputs", "input", "input.input.shape", "1x32x32", "input.input.layout", "NCHW"));
        assertArrayEquals(new int[]{40, 30}, size("input.shape", "30x40x1", "input.layout", "NHWC"));
        assertArrayEquals(new int[]{28, 28}, size("input.shape", "784", "input.layout", "FLAT"));
        assertTrue(CardSchema.PictureInput.of(card()).isIdentity());
    }

    @Test
    void nonsenseIsRefusedNamingTheEntryAsTheCardSpellsIt() {
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> size("input.shape", "3x32x32"));
        assertTrue(e.getMessage().contains("input.shape 3x32x32 does not match input.layout NCHW"), e.getMessage());
        e = assertThrows(BadModelFileException.class, () -> size("inputs", "x", "input.x.shape", "one by two"));
        assertTrue(e.getMessage().contains("input.x.shape 'one by two'"), e.getMessage());
        e = assertThrows(BadModelFileException.class, () -> size("input.range", "-Infinity..Infinity"));
        assertTrue(e.getMessage().contains("input.range") && e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(BadModelFileException.class, () -> size("input.ink", "purple"));
        assertTrue(e.getMessage().contains("input.ink is 'purple'"), e.getMessage());
    }

    @Test
    void aShapeWithASizeBelowOneIsRefusedWhateverTheTask() {
        // Issue 23, item 8: a number reader's card has no typed view, so 1x-32x128 went through to the backend.
        for (String shape : new String[]{"1x-32x128", "1x0x128", "0"}) {
            BadModelFileException e = assertThrows(BadModelFileException.class, () -> ModelCard.parse(java.util.Map.of(
                    "task", "number-reading", "inputs", "input", "input.input.shape", shape), "reader.onnx.properties"));
            assertTrue(e.getMessage().contains("input.input.shape '" + shape + "'") && e.getMessage().contains("positive"),
                    e.getMessage());
        }
        outputShapesAreCheckedToo();
    }

    private static void outputShapesAreCheckedToo() {
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> ModelCard.parse(java.util.Map.of(
                "outputs", "length", "output.length.shape", "-6"), "reader.onnx.properties"));
        assertTrue(e.getMessage().contains("output.length.shape '-6'"), e.getMessage());
    }

    @Test
    void theTransformMapsInkAndBackgroundOntoTheCardsConvention() {
        CardSchema.PictureInput input = CardSchema.PictureInput.of(card("input.ink", "dark-on-light", "input.range", "-1..1",
                "input.mean", "0.5", "input.std", "2"));
        float[] values = new float[784];
        values[0] = 1f;
        input.transform(values, 0);
        assertEquals((-1f - 0.5f) / 2f, values[0], 1e-6f, "ink is the low end in dark-on-light");
        assertEquals((1f - 0.5f) / 2f, values[1], 1e-6f, "background is the high end");
        assertFalse(input.isIdentity());
    }

    @Test
    void aLatentInputIsOneBoundedSize() {
        ModelCard generator = card("inputs", "latent,label", "input.latent.shape", "64", "input.label.shape", "10");
        assertEquals(64, CardSchema.LatentInput.of(generator).size());
        assertEquals("latent", CardSchema.LatentInput.of(generator).name());
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> CardSchema.LatentInput.of(card("inputs", "latent", "input.latent.shape", "1000000000")));
        assertTrue(e.getMessage().contains("input.latent.shape") && e.getMessage().contains("1 to 4096"), e.getMessage());
        assertThrows(BadModelFileException.class, () -> CardSchema.LatentInput.of(card("inputs", "latent")));
    }

    @Test
    void aClassifierOutputIsProbabilitiesOrLogits() {
        assertEquals(CardSchema.OutputKind.PROBABILITIES, CardSchema.ClassifierOutput.of(card()).kind());
        assertEquals(CardSchema.OutputKind.LOGITS, CardSchema.ClassifierOutput.of(card("output", "logits")).kind());
        assertEquals(11, CardSchema.ClassifierOutput.of(card("labels", "0,1,2,3,4,5,6,7,8,9,not-a-digit")).values());
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> CardSchema.ClassifierOutput.of(card("output", "scores")));
        assertTrue(e.getMessage().contains("output is 'scores'"), e.getMessage());
    }
}
