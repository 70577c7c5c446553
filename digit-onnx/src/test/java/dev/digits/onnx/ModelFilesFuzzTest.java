package dev.digits.onnx;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 23, item 9: model files with cards, as the loader meets them: the bundled ONNX classifier with bytes
 * changed by the input (so the card inside, its checksums and the graph are all reached), alone or with a card
 * beside made partly from the input (with the file's true checksum, so the card's other entries are reached), or
 * wholly made-up bytes; the loader then reads and checks it, and a model that passes is opened by ONNX Runtime.
 * Only a {@link DigitsException} may come out. Seeds run in the normal suite (resources
 * {@code ModelFilesFuzzTestInputs/modelFiles/}); fuzz with {@code JAZZER_FUZZ=1}.
 */
class ModelFilesFuzzTest {
    private static final byte[] CLASSIFIER = bundled("classifier.onnx");
    private static final String CARD = new String(bundled("classifier.onnx.properties"), StandardCharsets.UTF_8);
    private static final Path FOLDER = folder();

    private static byte[] bundled(String name) {
        try (InputStream in = OnnxBackend.class.getResourceAsStream(OnnxBackend.BUNDLED_FOLDER + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("digits-models");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void modelFiles(FuzzedDataProvider data) throws IOException {
        byte[] model;
        if (data.consumeBoolean()) {
            model = CLASSIFIER.clone();
            int edits = data.consumeInt(0, 8);
            for (int i = 0; i < edits; i++) {
                model[data.consumeInt(0, model.length - 1)] = data.consumeByte();
            }
            if (data.consumeBoolean()) {
                model = java.util.Arrays.copyOf(model, data.consumeInt(0, model.length));
            }
        } else {
            model = data.consumeBytes(data.consumeInt(0, 4096));
        }
        Path file = FOLDER.resolve("model.onnx");
        Path card = FOLDER.resolve("model.onnx.properties");
        Files.write(file, model);
        Files.deleteIfExists(card);
        if (data.consumeBoolean()) {
            String text = data.consumeBoolean() ? CARD : "";
            text = text.replaceAll("(?m)^model\\.sha256=.*$", "") + "model.sha256=" + Sha256.hex(model) + "\n"
                    + data.consumeString(400);
            Files.writeString(card, text, StandardCharsets.UTF_8);
        }
        try {
            LoadedModel loaded = LoadedModel.resolve(ModelSource.file(file), Task.CLASSIFY);
            if (data.consumeBoolean()) {
                dev.digits.Digits.classifier(ModelSource.file(file), "onnx").close();
            }
            loaded.card().task();
        } catch (DigitsException expected) {
            // Refused with a message.
        }
    }
}
