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

    /** The bytes of a metadata property's value inside an ONNX file (the value follows its key's entry). */
    private static int valueOffset(byte[] bytes, String key, String value) {
        byte[] needle = (key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length < bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            // key bytes, then 0x12, the value's length, the value
            int at = i + needle.length + 2;
            if (new String(bytes, at, value.length(), java.nio.charset.StandardCharsets.UTF_8).equals(value)) {
                return at;
            }
        }
        throw new AssertionError("no " + key + "=" + value);
    }

    /**
     * Issue 23, item 3: one edited byte of the card inside the file (the temperature, a threshold, the ink) changed
     * every answer silently; the graph checksum does not cover the card. Now the card's own checksum does.
     */
    @Test
    void anEditedCardInsideTheFileIsRefusedSayingWhatToDo() throws IOException {
        byte[] bytes = bundled("classifier.onnx");
        ModelCard card = LoadedModel.resolve(ModelSource.file(Files.write(folder.resolve("sealed.onnx"), bytes)),
                Task.CLASSIFY).card();
        assertTrue(card.get(ModelCard.CARD_SHA256).isPresent(), "the bundled file's card is sealed");
        String[][] edits = {
                {ModelCard.CALIBRATION_TEMPERATURE, card.require(ModelCard.CALIBRATION_TEMPERATURE)},
                {ModelCard.VERDICT_NOT_DIGIT_AT, card.require(ModelCard.VERDICT_NOT_DIGIT_AT)},
                {"input.input.ink", card.require("input.input.ink")}};
        for (String[] edit : edits) {
            byte[] tampered = bytes.clone();
            int at = valueOffset(tampered, edit[0], edit[1]);
            tampered[at] = (byte) (tampered[at] == '1' ? '3' : tampered[at] == 'l' ? 'd' : '1');
            Path onnx = Files.write(folder.resolve("edited.onnx"), tampered);
            ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                    () -> LoadedModel.resolve(ModelSource.file(onnx), Task.CLASSIFY), edit[0]);
            assertTrue(e.getMessage().contains("card.sha256") && e.getMessage().contains("export the model again")
                    && e.getMessage().contains("card file beside the model"), e.getMessage());
        }
    }

    @Test
    void aCardFileBesideAnEditedFileIsReadInstead() throws IOException {
        byte[] bytes = bundled("classifier.onnx");
        ModelCard card = LoadedModel.resolve(ModelSource.file(Files.write(folder.resolve("sealed.onnx"), bytes)),
                Task.CLASSIFY).card();
        byte[] tampered = bytes.clone();
        int at = valueOffset(tampered, ModelCard.CALIBRATION_TEMPERATURE, card.require(ModelCard.CALIBRATION_TEMPERATURE));
        tampered[at] = (byte) (tampered[at] == '1' ? '3' : '1');
        Path onnx = Files.write(folder.resolve("edited.onnx"), tampered);
        String beside = new String(bundled("classifier.onnx.properties"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replaceAll("(?m)^model\\.sha256=.*$", "model.sha256=" + dev.digits.io.Sha256.hex(tampered));
        Files.writeString(folder.resolve("edited.onnx.properties"), beside, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(card.require(ModelCard.CALIBRATION_TEMPERATURE),
                LoadedModel.resolve(ModelSource.file(onnx), Task.CLASSIFY).card().require(ModelCard.CALIBRATION_TEMPERATURE));
    }
}
