package dev.digits;

import dev.digits.ModelCard.TensorSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card schema: named tensors, first-version cards, card file names, cards inside ONNX files. */
class ModelCardTest {
    @TempDir
    Path folder;

    @Test
    void aGeneratorsTwoInputsAndAReadersHeadsNeedNoSpecialKeys() {
        ModelCard card = ModelCard.builder().task(Task.GENERATE)
                .inputs(TensorSpec.named("latent").with(TensorSpec.SHAPE, "100").with(TensorSpec.KIND, "noise"),
                        TensorSpec.named("label").with(TensorSpec.SHAPE, "10").with(TensorSpec.KIND, "one-hot"))
                .outputs(TensorSpec.named("picture").with(TensorSpec.SHAPE, "1x28x28").with(TensorSpec.RANGE, "0..1"))
                .build();
        ModelCard read = CardFiles.read(new java.io.ByteArrayInputStream(CardFiles.text(card).getBytes()), "test");
        assertEquals(card, read);
        assertEquals(Task.GENERATE, read.task());
        List<TensorSpec> inputs = read.inputs();
        assertEquals(List.of("latent", "label"), inputs.stream().map(TensorSpec::name).toList());
        assertArrayEquals(new long[]{100}, inputs.get(0).shape().orElseThrow());
        assertEquals("one-hot", inputs.get(1).attribute(TensorSpec.KIND).orElseThrow());
        assertArrayEquals(new long[]{1, 28, 28}, read.outputs().get(0).shape().orElseThrow());
    }

    @Test
    void aFirstVersionCardReadsAsOneInputAndOneOutput() {
        ModelCard card = ModelCard.builder().put(ModelCard.FirstVersion.INPUT_NAME, "pixels")
                .put(ModelCard.FirstVersion.INPUT_LAYOUT, "NHWC").put(ModelCard.FirstVersion.INPUT_SHAPE, "28x28x1")
                .put(ModelCard.FirstVersion.OUTPUT_NAME, "scores").put(ModelCard.FirstVersion.OUTPUT_KIND, "logits").build();
        assertEquals(Task.CLASSIFY, card.task(), "a card without a task is a classifier's");
        TensorSpec input = card.inputs().get(0);
        assertEquals("pixels", input.name());
        assertEquals("NHWC", input.attribute(TensorSpec.LAYOUT).orElseThrow());
        assertEquals("logits", card.outputs().get(0).attribute(TensorSpec.KIND).orElseThrow());
        ModelCard unnamed = ModelCard.builder().build();
        assertFalse(unnamed.inputs().get(0).nameIfGiven().isPresent(), "no name: the model's only input");
    }

    @Test
    void unknownTensorAttributesAndTasksAreRefusedWithTheKnownOnes() {
        ModelCard card = ModelCard.builder().put(ModelCard.INPUTS, "x").put("input.x.colour", "red").build();
        BadModelFileException e = assertThrows(BadModelFileException.class, card::inputs);
        assertTrue(e.getMessage().contains("input.x.colour") && e.getMessage().contains("shape, layout"), e.getMessage());
        ModelCard task = ModelCard.builder().put(ModelCard.TASK, "segmentation").build();
        e = assertThrows(BadModelFileException.class, task::task);
        assertTrue(e.getMessage().contains("digit-classification"), e.getMessage());
    }

    @Test
    void aModelsCardIsNamedAfterTheWholeFileName() {
        assertEquals(folder.resolve("classifier.onnx.properties"), CardFiles.cardPathFor(folder.resolve("classifier.onnx")));
        assertEquals(folder.resolve("classifier.zip.properties"), CardFiles.cardPathFor(folder.resolve("classifier.zip")));
        assertEquals(folder.resolve("classifier.properties"), CardFiles.legacyCardPathFor(folder.resolve("classifier.onnx")));
    }

    @Test
    void aFileWithAFirstVersionCardNameStillLoads() throws Exception {
        byte[] model = {1, 2, 3};
        Path file = folder.resolve("third-party.onnx");
        Files.write(file, model);
        CardFiles.write(ModelCard.builder().put(ModelCard.MODEL_SHA256, Sha256.hex(model)).put(ModelCard.FORMAT, "some-format").build()
                , CardFiles.legacyCardPathFor(file));
        LoadedModel loaded = LoadedModel.resolve(ModelSource.file(file), Task.CLASSIFY);
        assertEquals("some-format", loaded.format());
        assertArrayEquals(model, loaded.bytes());
    }

    @Test
    void aLoneFileWithoutACardSaysWhereTheCardGoes() throws Exception {
        Path file = folder.resolve("lonely.onnx");
        Files.write(file, new byte[]{1, 2, 3});
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> LoadedModel.resolve(ModelSource.file(file), Task.CLASSIFY));
        assertTrue(e.getMessage().contains("lonely.onnx.properties"), e.getMessage());
    }
}
