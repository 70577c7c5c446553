package dev.digits;

import dev.digits.ModelCard.TensorSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The card format as {@code docs/model-cards.md} tells it: its example card is accepted, every entry its tables
 * name is known, a misspelt entry is refused with the known ones, every message names the card file, and a wrong
 * checksum says that either side may be wrong.
 */
class ModelCardDocTest {
    private static final Path DOC = Path.of("..", "docs", "model-cards.md");

    @TempDir
    Path folder;

    @Test
    void theDocumentsExampleCardIsAcceptedAsWritten() throws IOException {
        String example = propertiesBlock();
        ModelCard card = CardFiles.read(new ByteArrayInputStream(example.getBytes(StandardCharsets.UTF_8)), "the example");
        assertEquals(Task.CLASSIFY, card.task());
        assertEquals("logits", card.outputs().get(0).attribute(TensorSpec.KIND).orElseThrow());
        assertEquals("0.1307", card.inputs().get(0).attribute(TensorSpec.MEAN).orElseThrow());
    }

    @Test
    void everyEntryTheTablesNameIsKnown() throws IOException {
        List<String> entries = tableEntries();
        assertTrue(entries.size() >= 14, "entries found in the tables: " + entries);
        for (String entry : entries) {
            String key = entry.replace("LOCATION", "m.onnx.data").replace("NAME.ATTRIBUTE", "x.shape");
            ModelCard.Builder builder = ModelCard.builder().put(key, "1");
            if (key.startsWith("input.x.")) {
                builder.put(ModelCard.INPUTS, "x");
            }
            if (key.startsWith("output.x.")) {
                builder.put(ModelCard.OUTPUTS, "x");
            }
            CardSchema.check(builder.build());
        }
    }

    @Test
    void misspeltEntriesAreRefusedWithTheKnownOnesAndTheCardFile() throws IOException {
        for (String misspelt : List.of("output_kind=logits", "range=0..1", "input.rnage=0..1", "inputs=x\ninput.y.shape=784",
                "verdict.unsure.belw=0.5")) {
            Path cardFile = Files.writeString(folder.resolve("third.onnx.properties"), "name=third\n" + misspelt + "\n");
            BadModelFileException e = assertThrows(BadModelFileException.class, () -> CardFiles.read(cardFile), misspelt);
            String entry = misspelt.lines().reduce((a, b) -> b).orElseThrow().split("=")[0];
            assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(cardFile.toString()), "names the card file: " + e.getMessage());
            assertTrue(e.getMessage().contains("model.sha256") && e.getMessage().contains("notes."), e.getMessage());
        }
        Path notes = Files.writeString(folder.resolve("noted.onnx.properties"), "notes.origin=converted from Keras\n");
        assertEquals("converted from Keras", CardFiles.read(notes).get("notes.origin").orElseThrow());
    }

    @Test
    void valueErrorsNameTheCardFileEvenWithoutAName() throws IOException {
        Path cardFile = Files.writeString(folder.resolve("anonymous.onnx.properties"), "calibration.temperature=warm\n");
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> CardFiles.read(cardFile).getDouble(ModelCard.CALIBRATION_TEMPERATURE));
        assertTrue(e.getMessage().contains(cardFile.toString()), e.getMessage());
    }

    @Test
    void aWrongChecksumSaysThatTheFileOrTheCardMayBeWrong() throws IOException {
        byte[] model = "not really a model".getBytes(StandardCharsets.UTF_8);
        Path cardFile = Files.writeString(folder.resolve("hand.onnx.properties"), "model.sha256=" + "0".repeat(64) + "\n");
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> CardFiles.read(cardFile).verifyModel(model, "hand.onnx"));
        String actual = Sha256.hex(model);
        assertTrue(e.getMessage().contains("the card is wrong") && e.getMessage().contains("file changed"), e.getMessage());
        assertTrue(e.getMessage().contains("model.sha256=" + actual) && e.getMessage().contains(cardFile.toString()),
                e.getMessage());
        assertFalse(e.getMessage().contains("Delete it"), "a hand-written card is not fixed by fetching: " + e.getMessage());
    }

    private static String propertiesBlock() throws IOException {
        Matcher block = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertTrue(block.find(), "docs/model-cards.md has an example card");
        return block.group(1).replaceAll("model\\.sha256=.*", "model.sha256=" + "a".repeat(64));
    }

    /** The entries named in the first column of the document's entry table, one per back-quoted name. */
    private static List<String> tableEntries() throws IOException {
        List<String> entries = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("| entry |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable && !line.startsWith("|---")) {
                Matcher name = Pattern.compile("`([^`]+)`").matcher(line.split("\\|")[1]);
                while (name.find()) {
                    entries.add(name.group(1));
                }
            }
        }
        return entries;
    }
}
