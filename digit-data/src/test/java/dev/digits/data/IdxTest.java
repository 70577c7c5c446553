package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path folder;

    private static IdxData randomImages(int count) {
        byte[] data = new byte[count * 28 * 28];
        new Random(7).nextBytes(data);
        return new IdxData(new int[]{count, 28, 28}, data);
    }

    @Test
    void rawAndGzipRoundTrip() {
        IdxData images = randomImages(5);
        for (boolean gzip : new boolean[]{false, true}) {
            Path file = folder.resolve("images" + gzip);
            Idx.write(file, images, gzip);
            IdxData read = Idx.read(file);
            assertArrayEquals(new int[]{5, 28, 28}, read.dimensions());
            assertArrayEquals(images.data(), read.data());
            assertEquals(images, read);
        }
    }

    @Test
    void rawLayoutIsMnists() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Idx.write(out, new IdxData(new int[]{3}, new byte[]{1, 2, 9}), false);
        assertArrayEquals(new byte[]{0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 9}, out.toByteArray());
    }

    @Test
    void truncatedFileIsRejectedWithAdvice() throws IOException {
        Path file = folder.resolve("truncated");
        Idx.write(file, randomImages(4), false);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        BadDataException e = assertThrows(BadDataException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("fetch it again"), e.getMessage());

        Files.write(file, Arrays.copyOf(bytes, 6));
        assertTrue(assertThrows(BadDataException.class, () -> Idx.read(file)).getMessage().contains("header"));
    }

    @Test
    void wrongMagicIsRejected() {
        byte[] bytes = {0x50, 0x4b, 3, 4, 0, 0, 0, 0};
        BadDataException e = assertThrows(BadDataException.class, () -> Idx.parse(bytes, "zip.bin"));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        byte[] floats = {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0};
        assertTrue(assertThrows(BadDataException.class, () -> Idx.parse(floats, "floats")).getMessage().contains("0x0d"));
    }

    @Test
    void countsThatDisagreeWithTheDataAreRejected() {
        byte[] tooLong = {0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3};
        BadDataException e = assertThrows(BadDataException.class, () -> Idx.parse(tooLong, "labels"));
        assertTrue(e.getMessage().contains("1 bytes more than its header announces"), e.getMessage());
        byte[] negative = {0, 0, 8, 1, (byte) 0xff, 0, 0, 0};
        assertThrows(BadDataException.class, () -> Idx.parse(negative, "negative"));
    }

    @Test
    void dimensionsWhoseProductOverflowsAreRejected() {
        // 2^30 x 2^30 x 16 = 2^64, which wraps to 0 in a long: a 16-byte header with no data once passed.
        byte[] header = {0, 0, 8, 3, 0x40, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0x10};
        BadDataException e = assertThrows(BadDataException.class, () -> Idx.parse(header, "overflow"));
        assertTrue(e.getMessage().contains("[1073741824, 1073741824, 16]") && e.getMessage().contains("header is damaged"),
                e.getMessage());
        byte[] tooBig = {0, 0, 8, 2, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 2};
        assertThrows(BadDataException.class, () -> Idx.parse(tooBig, "too big"));
    }

    @Test
    void aGzipBombIsRejectedWithoutUnpackingItAll() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write(new byte[4 << 20]);
        }
        assertTrue(packed.size() < 10_000, "4 MiB of zeros pack small: " + packed.size());
        BadDataException e = assertThrows(BadDataException.class, () -> Idx.parse(packed.toByteArray(), "bomb", 1 << 20));
        assertTrue(e.getMessage().contains("unpacks to more than"), e.getMessage());
    }

    @Test
    void damagedGzipIsRejected() {
        byte[] bytes = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};
        assertTrue(assertThrows(BadDataException.class, () -> Idx.parse(bytes, "x.gz")).getMessage().contains("gzip"));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = folder.resolve("nope");
        assertTrue(assertThrows(BadDataException.class, () -> Idx.read(missing)).getMessage().contains(missing.toString()));
    }

    @Test
    void picturesAndLabelsMustBelongTogether() {
        IdxData images = randomImages(3);
        IdxData labels = new IdxData(new int[]{2}, new byte[]{1, 2});
        BadDataException e = assertThrows(BadDataException.class, () -> DigitDataset.of(images, labels));
        assertTrue(e.getMessage().contains("3 pictures but 2 labels"), e.getMessage());
        IdxData badLabel = new IdxData(new int[]{3}, new byte[]{1, 2, 12});
        assertThrows(BadDataException.class, () -> DigitDataset.of(images, badLabel));
        assertThrows(BadDataException.class, () -> DigitDataset.of(labels, labels));
    }
}
