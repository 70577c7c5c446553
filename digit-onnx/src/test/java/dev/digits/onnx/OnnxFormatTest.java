package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.ChecksumMismatchException;
import dev.digits.LoadedModel;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Task;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX format as the loader asks it: recognition, the card inside an exported file, its graph checksum. */
class OnnxFormatTest {
    @TempDir
    Path folder;

    private static byte[] bundled(String name) throws IOException {
        try (InputStream in = OnnxBackend.class.getResourceAsStream(OnnxBackend.BUNDLED_FOLDER + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void recognisesOnnxFilesAndNothingElse() throws IOException {
        OnnxFormat format = new OnnxFormat();
        assertEquals("onnx", format.recognise(bundled("classifier.onnx")).orElseThrow());
        assertTrue(format.recognise("PK\u0003\u0004 a zip".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).isEmpty());
        assertTrue(format.recognise(new byte[0]).isEmpty());
        byte[] whole = bundled("classifier.onnx");
        assertEquals("onnx", format.recognise(java.util.Arrays.copyOf(whole, whole.length / 3)).orElseThrow(),
                "a truncated ONNX file is still ONNX, for ONNX Runtime to refuse with its reason");
    }

    @Test
    void aLoneExportedFileCarriesItsCardCheckedAgainstItsGraph() throws IOException {
        byte[] bytes = bundled("classifier.onnx");
        Path onnx = folder.resolve("lone.onnx");
        Files.write(onnx, bytes);
        LoadedModel lone = LoadedModel.resolve(ModelSource.file(onnx), Task.CLASSIFY);
        assertEquals("classifier", lone.card().require(ModelCard.NAME), "a lone exported file carries its card");
        assertEquals(OnnxFormat.NAME, lone.format());
        assertEquals("1x28x28", lone.card().inputs().get(0).attribute(ModelCard.TensorSpec.SHAPE).orElseThrow());

        byte[] tampered = bytes.clone();
        tampered[tampered.length / 2] ^= 0x40;
        Files.write(onnx, tampered);
        assertThrows(ChecksumMismatchException.class, () -> LoadedModel.resolve(ModelSource.file(onnx), Task.CLASSIFY),
                "a changed weight in a lone file no longer matches the graph checksum in its card");
    }
}
