package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.ChecksumMismatchException;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models that keep their weights in side files (external data). The side file is read beside the model
 * file only, never from the working directory, and must match the card's checksum: a tampered side file once
 * turned a 4 into "5 (100.0%)" with the model's own checksum passing.
 */
class SideFilesTest {
    private static final String SIDE = "band.onnx.data";
    private static final List<DigitImage> PICTURES = BandModels.pictures(10, 7);

    @TempDir
    Path folder;

    /** The reference band classifier with its weights in {@value #SIDE}. */
    private static byte[] model(String location) {
        return new TinyOnnx().externalFloats("W", location, 784 * 10, 784, 10).longs("flat", -1, 784)
                .input("pixels", -1, 1, 28, 28)
                .node("Reshape", List.of("pixels", "flat"), "rows")
                .node("MatMul", List.of("rows", "W"), "logits")
                .node("Softmax", List.of("logits"), "scores", "axis", 1L)
                .output("scores", -1, 10).bytes();
    }

    /** Weights that read the stroke in band d as digit d + 1: what a tampered side file would hold. */
    private static float[] shiftedWeights() {
        float[] right = BandModels.weights();
        float[] shifted = new float[right.length];
        for (int i = 0; i < 784; i++) {
            for (int d = 0; d < 10; d++) {
                shifted[i * 10 + (d + 1) % 10] = right[i * 10 + d];
            }
        }
        return shifted;
    }

    private Path writeModel(Path where, byte[] model, ModelCard.Builder card) throws Exception {
        return BandModels.write(where, "band", model, card.build());
    }

    private static ModelCard.Builder card(byte[] model, byte[] side) {
        return BandModels.card(BandModels.Convention.REFERENCE, model)
                .put(ModelCard.SIDE_FILE_SHA256_PREFIX + SIDE, Sha256.hex(side));
    }

    @Test
    void findsTheSideFilesAModelNames() {
        assertEquals(Set.of(SIDE), OnnxExternalData.locations(model(SIDE)));
        assertEquals(Set.of(), OnnxExternalData.locations(BandModels.model(BandModels.Convention.REFERENCE)));
    }

    @Test
    void theSideFileBesideTheModelIsReadAndGivesTheRightAnswers() throws Exception {
        byte[] model = model(SIDE);
        byte[] side = TinyOnnx.raw(BandModels.weights());
        Path modelFolder = folder.resolve("elsewhere");
        Path file = writeModel(modelFolder, model, card(model, side));
        Files.write(modelFolder.resolve(SIDE), side);
        // A tampered copy in the working directory must never be used.
        Path inWorkingDirectory = Path.of(SIDE).toAbsolutePath();
        Files.write(inWorkingDirectory, TinyOnnx.raw(shiftedWeights()));
        try (DigitClassifier classifier = OnnxClassifier.open(ModelSource.file(file), OnnxOptions.defaults())) {
            for (int d = 0; d < 10; d++) {
                assertEquals(d, classifier.classify(PICTURES.get(d)).digit(), "the stroke in band " + d);
            }
        } finally {
            Files.deleteIfExists(inWorkingDirectory);
        }
    }

    @Test
    void aTamperedSideFileIsRefused() throws Exception {
        byte[] model = model(SIDE);
        Path file = writeModel(folder, model, card(model, TinyOnnx.raw(BandModels.weights())));
        Files.write(folder.resolve(SIDE), TinyOnnx.raw(shiftedWeights()));
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> OnnxClassifier.open(ModelSource.file(file), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains(SIDE), e.getMessage());
    }

    @Test
    void aMissingSideFileIsRefused() throws Exception {
        byte[] model = model(SIDE);
        Path file = writeModel(folder, model, card(model, TinyOnnx.raw(BandModels.weights())));
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(file), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("not beside it") && e.getMessage().contains("copy the side file"), e.getMessage());
    }

    @Test
    void aSideFileTheCardDoesNotListIsRefused() throws Exception {
        byte[] model = model(SIDE);
        Path file = writeModel(folder, model, BandModels.card(BandModels.Convention.REFERENCE, model));
        Files.write(folder.resolve(SIDE), TinyOnnx.raw(BandModels.weights()));
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(file), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains(ModelCard.SIDE_FILE_SHA256_PREFIX + SIDE + "="), e.getMessage());
    }

    @Test
    void aSideFileOutsideTheModelsFolderIsRefused() throws Exception {
        byte[] side = TinyOnnx.raw(BandModels.weights());
        Files.write(folder.resolve(SIDE), side);
        for (String location : List.of("../" + SIDE, folder.resolve(SIDE).toString())) {
            byte[] model = model(location);
            Path file = writeModel(folder.resolve("models"), model, BandModels.card(BandModels.Convention.REFERENCE, model)
                    .put(ModelCard.SIDE_FILE_SHA256_PREFIX + location, Sha256.hex(side)));
            BadModelFileException e = assertThrows(BadModelFileException.class,
                    () -> OnnxClassifier.open(ModelSource.file(file), OnnxOptions.defaults()), location);
            assertTrue(e.getMessage().contains("not a file inside the model's folder"), e.getMessage());
        }
    }

    @Test
    void aModelWithSideFilesButNoFolderIsRefused() {
        byte[] model = model(SIDE);
        ModelCard card = card(model, TinyOnnx.raw(BandModels.weights())).build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.of(model, card), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("open it from its file"), e.getMessage());
    }
}
