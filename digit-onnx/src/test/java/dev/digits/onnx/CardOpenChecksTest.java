package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.Digits;
import dev.digits.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, item 8: a card whose range is {@code -Infinity..Infinity} failed only when the model ran, with a
 * misleading "set output=logits". It is refused when the model is opened, naming the entry.
 */
class CardOpenChecksTest {
    @TempDir
    Path folder;

    private static byte[] bundled(String name) throws IOException {
        try (InputStream in = OnnxBackend.class.getResourceAsStream(OnnxBackend.BUNDLED_FOLDER + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anInfiniteRangeIsRefusedWhenTheModelIsOpenedNotWhenItRuns() throws IOException {
        Path model = Files.write(folder.resolve("c.onnx"), bundled("classifier.onnx"));
        String card = new String(bundled("classifier.onnx.properties"), StandardCharsets.UTF_8);
        for (String range : new String[]{"-Infinity..Infinity", "0..Infinity", "NaN..1"}) {
            Files.writeString(folder.resolve("c.onnx.properties"), card.replaceAll("(?m)^input\\.input\\.range=.*$", "")
                    + "input.input.range=" + range + "\n", StandardCharsets.UTF_8);
            BadModelFileException e = assertThrows(BadModelFileException.class,
                    () -> Digits.classifier(ModelSource.file(model), "onnx").close(), range);
            assertTrue(e.getMessage().contains("input.input.range") && !e.getMessage().contains("logits"),
                    range + ": " + e.getMessage());
        }
    }
}
