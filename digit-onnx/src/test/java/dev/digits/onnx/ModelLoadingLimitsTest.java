package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.Digits;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, item 2: a model is refused from its card, its kind of file and its size before it is read whole. Before,
 * a 1.9 GB file without a card cost 21 s and 3.9 GB, and {@code --model /dev/zero} 29 s and 5.4 GB.
 */
class ModelLoadingLimitsTest {
    /** Generous for a loaded machine: each refusal here takes milliseconds. */
    private static final long SECONDS = 2;

    @TempDir
    Path folder;

    private static byte[] bundled(String name) throws IOException {
        try (InputStream in = OnnxBackend.class.getResourceAsStream(OnnxBackend.BUNDLED_FOLDER + name)) {
            return in.readAllBytes();
        }
    }

    /** A sparse file: as long as asked, taking no disk. */
    private Path sparse(String name, long length, byte first) throws IOException {
        Path file = folder.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(first);
            out.setLength(length);
        }
        return file;
    }

    private static <T extends Throwable> T refusedQuickly(Class<T> type, org.junit.jupiter.api.function.Executable load) {
        long start = System.nanoTime();
        T e = assertThrows(type, load);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < SECONDS * 1000, "refused after " + millis + " ms: " + e.getMessage());
        return e;
    }

    @Test
    void aHugeFileWithoutACardIsRefusedWithoutReadingIt() throws IOException {
        Path huge = sparse("huge.onnx", 1_900_000_000L, (byte) 0);
        BadModelFileException e = refusedQuickly(BadModelFileException.class,
                () -> LoadedModel.resolve(ModelSource.file(huge), Task.CLASSIFY));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }

    @Test
    void aHugeFileThatLooksLikeOnnxIsRefusedByItsSize() throws IOException {
        Path huge = sparse("huge.onnx", 1_900_000_000L, (byte) 0x08);
        BadModelFileException e = refusedQuickly(BadModelFileException.class,
                () -> LoadedModel.resolve(ModelSource.file(huge), Task.CLASSIFY));
        assertTrue(e.getMessage().contains("bytes a model may have")
                && e.getMessage().contains("digits.model.maxBytes"), e.getMessage());
        // With its card beside, the same: the card is read first, the size checked before the bytes are read.
        Files.writeString(folder.resolve("huge.onnx.properties"), "task=digit-classification\nformat=onnx\nmodel.sha256="
                + "0".repeat(64) + "\n");
        e = refusedQuickly(BadModelFileException.class, () -> LoadedModel.resolve(ModelSource.file(huge), Task.CLASSIFY));
        assertTrue(e.getMessage().contains("bytes a model may have"), e.getMessage());
    }

    @Test
    void aCardForAnotherTaskIsRefusedBeforeTheModelIsRead() throws IOException {
        Path huge = sparse("gen.onnx", 1_900_000_000L, (byte) 0x08);
        Files.writeString(folder.resolve("gen.onnx.properties"), "task=digit-generation\nformat=onnx\n");
        BadModelFileException e = refusedQuickly(BadModelFileException.class,
                () -> LoadedModel.resolve(ModelSource.file(huge), Task.CLASSIFY));
        assertTrue(e.getMessage().contains("not to classify"), e.getMessage());
    }

    @Test
    void devicesAndFoldersAreNotModelFiles() throws IOException {
        for (Path special : new Path[]{Paths.get("/dev/zero"), Paths.get("/dev/urandom"), folder}) {
            BadModelFileException e = refusedQuickly(BadModelFileException.class,
                    () -> LoadedModel.resolve(ModelSource.file(special), Task.CLASSIFY));
            assertTrue(e.getMessage().contains("not a regular file"), special + ": " + e.getMessage());
        }
        // A card that is a device is not read either.
        Path model = Files.write(folder.resolve("m.onnx"), bundled("classifier.onnx"));
        Files.createSymbolicLink(folder.resolve("m.onnx.properties"), Paths.get("/dev/zero"));
        BadModelFileException e = refusedQuickly(BadModelFileException.class,
                () -> LoadedModel.resolve(ModelSource.file(model), Task.CLASSIFY));
        assertTrue(e.getMessage().contains("a card is a short .properties file"), e.getMessage());
    }

    @Test
    void theLimitIsSettableAndStated() throws IOException {
        byte[] onnx = bundled("classifier.onnx");
        Path model = Files.write(folder.resolve("c.onnx"), onnx);
        String old = System.getProperty("digits.model.maxBytes");
        System.setProperty("digits.model.maxBytes", "100k");
        try {
            BadModelFileException e = refusedQuickly(BadModelFileException.class,
                    () -> LoadedModel.resolve(ModelSource.file(model), Task.CLASSIFY));
            assertTrue(e.getMessage().contains("over the 102400 bytes"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("digits.model.maxBytes");
            } else {
                System.setProperty("digits.model.maxBytes", old);
            }
        }
        assertTrue(LoadedModel.resolve(ModelSource.file(model), Task.CLASSIFY).bytes().length == onnx.length);
    }

    @Test
    void aGeneratorCardClaimingAHugeLatentIsRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] onnx = bundled("generator.onnx");
        String card = new String(bundled("generator.onnx.properties"), StandardCharsets.UTF_8);
        Path model = Files.write(folder.resolve("g.onnx"), onnx);
        for (String latent : new String[]{"1000000000", "1e9", "4097", "128"}) {
            String edited = card.replaceAll("(?m)^input\\.latent\\.shape=.*$", "input.latent.shape=" + latent)
                    .replaceAll("(?m)^model\\.sha256=.*$", "model.sha256=" + Sha256.hex(onnx));
            assertTrue(edited.contains("input.latent.shape=" + latent), edited);
            Files.writeString(folder.resolve("g.onnx.properties"), edited);
            DigitsException e = refusedQuickly(DigitsException.class,
                    () -> Digits.generator(ModelSource.file(model), "onnx").close());
            assertTrue(e.getMessage().contains("input.latent.shape"), latent + ": " + e.getMessage());
        }
    }
}
