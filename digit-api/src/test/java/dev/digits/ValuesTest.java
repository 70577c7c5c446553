package dev.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DigitImage, Prediction and ModelCard. */
class ValuesTest {
    @TempDir
    Path folder;

    @Test
    void digitImageChecksItsValuesAndIsImmutable() {
        float[] pixels = new float[784];
        pixels[14 * 28 + 14] = 1f;
        DigitImage image = DigitImage.mnist(pixels);
        pixels[0] = 1f;
        assertEquals(0f, image.pixel(0, 0, 0), "the factory copies");
        image.pixels()[1] = 1f;
        assertEquals(0f, image.pixel(1, 0, 0), "the getter copies");
        assertThrows(BadImageException.class, () -> DigitImage.mnist(new float[783]));
        float[] bright = new float[784];
        bright[3] = 255f;
        BadImageException e = assertThrows(BadImageException.class, () -> DigitImage.mnist(bright));
        assertTrue(e.getMessage().contains("divide bytes by 255"), e.getMessage());
        for (float wrong : new float[] {Float.NaN, -0.001f, Math.nextUp(1f), Float.POSITIVE_INFINITY, -Float.MIN_VALUE}) {
            float[] values = new float[784];
            values[700] = wrong;
            BadImageException refused = assertThrows(BadImageException.class, () -> DigitImage.mnist(values), "" + wrong);
            assertTrue(refused.getMessage().startsWith("Pixel 700 is "), refused.getMessage());
        }
        float[] edges = new float[784];
        edges[1] = -0f;
        edges[2] = 1f;
        edges[3] = Float.MIN_VALUE;
        assertEquals(1f, DigitImage.mnist(edges).pixel(2, 0, 0), "-0, 1 and the smallest float are in [0, 1]");
        BufferedImage gray = image.toBufferedImage();
        assertEquals(255, gray.getRaster().getSample(14, 14, 0));
        assertEquals(0, gray.getRaster().getSample(0, 0, 0));
    }

    @Test
    void predictionNamesTheMostProbableDigitAndCanAbstain() {
        float[] p = {0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.55f, 0.05f, 0.05f};
        Prediction prediction = Prediction.of(p);
        assertEquals(7, prediction.digit());
        assertEquals(0.55f, prediction.confidence());
        assertEquals(OptionalInt.of(7), prediction.digitIfConfident(0.5));
        assertEquals(OptionalInt.empty(), prediction.digitIfConfident(0.9));
        assertThrows(DigitsException.class, () -> Prediction.of(new float[]{1f, 2f}));
        float[] logits = {3f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f};
        assertTrue(assertThrows(DigitsException.class, () -> Prediction.of(logits)).getMessage().contains("softmax"));
    }

    @Test
    void modelCardRoundTripsThroughItsFile() {
        ModelCard card = ModelCard.builder().put(ModelCard.NAME, "classifier").put(ModelCard.MACS, 3745024)
                .put("notes", "line one\nline two = ü").build();
        Path file = folder.resolve("classifier.zip.properties");
        CardFiles.write(card, file);
        ModelCard read = CardFiles.read(file);
        assertEquals(card, read);
        assertEquals(3745024.0, read.getDouble(ModelCard.MACS).orElseThrow());
        assertEquals(file, CardFiles.cardPathFor(folder.resolve("classifier.zip")));
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> read.require(ModelCard.MODEL_SHA256));
        assertTrue(e.getMessage().contains("model.sha256"), e.getMessage());
        assertThrows(BadModelFileException.class, () -> CardFiles.read(folder.resolve("missing.properties")));
    }

    @Test
    void modelCardDetectsAModelThatIsNotTheOneItDescribes() {
        byte[] model = {1, 2, 3};
        ModelCard card = ModelCard.builder().put(ModelCard.MODEL_SHA256, dev.digits.io.Sha256.hex(model)).build();
        card.verifyModel(model, "model");
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> card.verifyModel(new byte[]{1, 2, 4}, "model"));
        assertEquals(dev.digits.io.Sha256.hex(model), e.expected());
        assertArrayEquals(new byte[]{1, 2, 3}, model);
    }
}
