package dev.digits.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.LoadedModel;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model and its card written as one unit, with the kill windows played deterministically: the write is stopped
 * between its two renames by a hook, as a kill -9 there would stop it.
 */
class FilePairsTest {
    @TempDir
    Path folder;

    /** What a kill at the hook looks like to the code after it: nothing more happens. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @AfterEach
    void noHook() {
        FilePairs.betweenRenames = () -> { };
    }

    private static ModelCard card(String name) {
        return ModelCard.builder().put(ModelCard.NAME, name).put(ModelCard.FORMAT, "any").task(Task.CLASSIFY).build();
    }

    private static byte[] model(String version) {
        return ("model " + version).getBytes(StandardCharsets.UTF_8);
    }

    private Path writeVersion(String version) {
        Path file = folder.resolve("m.bin");
        CardFiles.writeWithModel(card(version), file, temporary -> Files.write(temporary, model(version)));
        return file;
    }

    @Test
    void aKillBetweenTheRenamesLeavesTheNewModelWithItsNewCard() {
        Path file = writeVersion("1");
        FilePairs.betweenRenames = () -> {
            throw new Killed();
        };
        assertThrows(Killed.class, () -> writeVersion("2"));
        FilePairs.betweenRenames = () -> { };
        assertArrayEquals(model("2"), readBytes(file), "the model was renamed before the kill");

        LoadedModel loaded = LoadedModel.resolve(ModelSource.file(file), Task.CLASSIFY);

        assertArrayEquals(model("2"), loaded.bytes());
        assertEquals("2", loaded.card().require(ModelCard.NAME));
        assertFalse(Files.exists(folder.resolve("m.bin.properties" + FilePairs.PENDING_SUFFIX)), "the commit was completed");
    }

    @Test
    void aKillBeforeTheFirstRenameLeavesTheOldPair() throws Exception {
        Path file = writeVersion("1");
        // What a kill after the pending card is written and before the model is renamed leaves behind.
        Path pending = folder.resolve("m.bin.properties" + FilePairs.PENDING_SUFFIX);
        Files.writeString(pending, CardFiles.text(card("2").toBuilder().put(ModelCard.MODEL_SHA256, Sha256.hex(model("2")))
                .build()));
        Files.write(folder.resolve(".m.bin.x1y2.tmp"), model("2"));

        LoadedModel loaded = LoadedModel.resolve(ModelSource.file(file), Task.CLASSIFY);

        assertEquals("1", loaded.card().require(ModelCard.NAME));
        assertFalse(Files.exists(pending), "a pending card that does not match the model is removed");
        assertEquals(1, FilePairs.removeLeftovers(folder));
        assertFalse(Files.exists(folder.resolve(".m.bin.x1y2.tmp")));
        assertTrue(Files.exists(file));
    }

    @Test
    void anUninterruptedWriteLeavesOnlyThePair() throws Exception {
        writeVersion("1");
        writeVersion("2");
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count(), "the model and its card, nothing else");
        }
        assertEquals("2", LoadedModel.resolve(ModelSource.file(folder.resolve("m.bin")), Task.CLASSIFY).card().require(ModelCard.NAME));
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
