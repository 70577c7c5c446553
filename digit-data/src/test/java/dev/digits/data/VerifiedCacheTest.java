package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedCacheTest {
    private static final byte[] GOOD = "the real labels".getBytes(StandardCharsets.UTF_8);
    private static final String GOOD_SHA = Sha256.hex(GOOD);

    @TempDir
    Path folder;

    /** Serves fixed bytes and counts requests. */
    private static final class FixedSource implements DataSource {
        final byte[] bytes;
        final List<String> requests = new ArrayList<>();

        FixedSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String describe() {
            return "fixed";
        }

        @Override
        public void fetch(String fileName, Path target) throws IOException {
            requests.add(fileName);
            if (bytes == null) {
                throw new IOException("host not found");
            }
            Files.write(target, bytes);
        }
    }

    @Test
    void fetchesVerifiesAndThenUsesTheCache() throws IOException {
        FixedSource source = new FixedSource(GOOD);
        VerifiedCache cache = new VerifiedCache(folder, List.of(source));
        Path file = cache.file("labels", GOOD_SHA);
        assertArrayEquals(GOOD, Files.readAllBytes(file));
        cache.file("labels", GOOD_SHA);
        assertEquals(1, source.requests.size(), "a verified cached file is not fetched again");
    }

    @Test
    void corruptCachedFileIsNotUsedAndIsFetchedAgain() throws IOException {
        Files.write(folder.resolve("labels"), "flipped bits".getBytes(StandardCharsets.UTF_8));
        FixedSource source = new FixedSource(GOOD);
        Path file = new VerifiedCache(folder, List.of(source)).file("labels", GOOD_SHA);
        assertEquals(List.of("labels"), source.requests);
        assertArrayEquals(GOOD, Files.readAllBytes(file));
    }

    @Test
    void downloadWithWrongChecksumIsNotUsed() throws IOException {
        FixedSource corrupt = new FixedSource("tampered".getBytes(StandardCharsets.UTF_8));
        VerifiedCache cache = new VerifiedCache(folder, List.of(corrupt));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> cache.file("labels", GOOD_SHA));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        assertFalse(Files.exists(folder.resolve("labels")), "the bad download must not be cached");
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(0, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void triesSourcesInOrderUntilOneDeliversTheRightFile() throws IOException {
        FixedSource down = new FixedSource(null);
        FixedSource corrupt = new FixedSource("tampered".getBytes(StandardCharsets.UTF_8));
        FixedSource good = new FixedSource(GOOD);
        Path file = new VerifiedCache(folder, List.of(down, corrupt, good)).file("labels", GOOD_SHA);
        assertArrayEquals(GOOD, Files.readAllBytes(file));
        assertEquals(1, down.requests.size());
        assertEquals(1, corrupt.requests.size());
    }

    @Test
    void allSourcesFailingSaysWhatEachAnswered() {
        VerifiedCache cache = new VerifiedCache(folder, List.of(new FixedSource(null)));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> cache.file("labels", GOOD_SHA));
        assertTrue(e.getMessage().contains("host not found"), e.getMessage());
    }

    @Test
    void checksFilesByMd5WhenAskedTo() throws IOException {
        // MD5 of "the real labels", computed by md5sum.
        String md5 = "fb5aa91976021b66975447aabbbd8715";
        FixedSource source = new FixedSource(GOOD);
        VerifiedCache cache = new VerifiedCache(folder, List.of(source));
        DataUnavailableException wrong = assertThrows(DataUnavailableException.class,
                () -> cache.file("labels", VerifiedCache.MD5, "00000000000000000000000000000000"));
        assertTrue(wrong.getMessage().contains("MD5 mismatch (got " + md5 + ")"), wrong.getMessage());
        assertFalse(Files.exists(folder.resolve("labels")), "a file with the wrong MD5 is not kept");
        Path file = cache.file("labels", VerifiedCache.MD5, md5.toUpperCase(java.util.Locale.ROOT));
        assertArrayEquals(GOOD, Files.readAllBytes(file));
    }
}
