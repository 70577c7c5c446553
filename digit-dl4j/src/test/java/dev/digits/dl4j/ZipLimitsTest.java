package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, items 2 and 8: a DL4J zip whose entries inflate far beyond its size is refused before DL4J reads it.
 * Before, a 1.7 MB zip whose configuration.json inflates to 1 GB cost 5.5 GB, and a 3 GB weights entry ended in a
 * message ending in "(null)".
 */
class ZipLimitsTest {
    @TempDir
    Path folder;

    /** A zip of one entry of {@code size} spaces (which deflate to almost nothing), with a card that matches it. */
    private Path bomb(String entry, long size) throws IOException {
        Path model = folder.resolve("bomb-" + entry + ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(model))) {
            zip.putNextEntry(new ZipEntry(entry));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) ' ');
            for (long written = 0; written < size; written += block.length) {
                zip.write(block, 0, (int) Math.min(block.length, size - written));
            }
            zip.closeEntry();
        }
        Files.writeString(folder.resolve(model.getFileName() + ".properties"), "task=digit-classification\n"
                + "format=dl4j-multilayernetwork\nmodel.sha256=" + Sha256.hex(model) + "\n");
        return model;
    }

    @Test
    void entriesThatInflateFarBeyondTheZipAreRefusedBeforeDl4jReadsThem() throws IOException {
        for (String entry : new String[]{"configuration.json", "coefficients.bin"}) {
            Path model = bomb(entry, 200L << 20);
            assertTrue(Files.size(model) < 1 << 20, "a small file");
            long start = System.nanoTime();
            BadModelFileException e = assertThrows(BadModelFileException.class,
                    () -> Digits.classifier(ModelSource.file(model), Dl4jBackend.NAME));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("inflates to more than") && e.getMessage().contains(entry)
                    && e.getMessage().contains("digits.model.maxBytes"), e.getMessage());
            assertFalse(e.getMessage().contains("(null)"), e.getMessage());
            assertTrue(millis < 2000, "refused after " + millis + " ms");
        }
    }

    @Test
    void aDamagedZipIsRefusedWithAMessageThatNamesIt() throws IOException {
        Path model = folder.resolve("damaged.zip");
        byte[] bytes = new byte[4096];
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;
        java.util.Arrays.fill(bytes, 4, bytes.length, (byte) 0x7f);
        Files.write(model, bytes);
        Files.writeString(folder.resolve("damaged.zip.properties"), "task=digit-classification\n"
                + "format=dl4j-multilayernetwork\nmodel.sha256=" + Sha256.hex(bytes) + "\n");
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> Digits.classifier(ModelSource.file(model), Dl4jBackend.NAME));
        assertFalse(e.getMessage().contains("(null)"), e.getMessage());
    }
}
