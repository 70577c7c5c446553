package dev.digits.dl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.data.BadDataException;
import dev.digits.DigitImage;
import dev.digits.data.DigitDataset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads fixtures written by scipy's {@code savemat} (see {@code src/test/resources/svhn/make_fixtures.py}), an
 * independent MAT v5 writer, in SVHN's layout: X uint8 32x32x3xN column-major, y Nx1 with 10 for 0.
 */
class SvhnMatReaderTest {
    @TempDir
    Path folder;

    static Path fixture(String name) {
        try {
            return Path.of(SvhnMatReaderTest.class.getResource("/svhn/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** make_fixtures.py: picture n has red = 8*row + n, green = 8*column, blue = 255 - 8*row. */
    @Test
    void readsDimensionsLabelsAndEveryPixelInTheRightPlace() {
        DigitDataset data = SvhnMatReader.read(fixture("svhn-format.mat"));
        assertEquals(6, data.size());
        assertEquals(32, data.width());
        assertEquals(32, data.height());
        assertEquals(3, data.channels());
        int[] labels = new int[data.size()];
        Arrays.setAll(labels, data::label);
        assertArrayEquals(new int[]{1, 2, 0, 4, 0, 9}, labels, "10 means the digit 0");
        for (int n = 0; n < data.size(); n++) {
            DigitImage picture = data.image(n);
            for (int row = 0; row < 32; row++) {
                for (int column = 0; column < 32; column++) {
                    assertEquals(8 * row + n, byteAt(picture, column, row, 0), "red at row " + row + ", column " + column);
                    assertEquals(8 * column, byteAt(picture, column, row, 1), "green at row " + row + ", column " + column);
                    assertEquals(255 - 8 * row, byteAt(picture, column, row, 2), "blue at row " + row + ", column " + column);
                }
            }
        }
    }

    @Test
    void knownPixelsAndOrientation() {
        DigitImage third = SvhnMatReader.read(fixture("svhn-format.mat")).image(2);
        // scipy: X[3, 20, :, 2] == [26, 160, 231] (row 3, column 20, picture 3).
        assertEquals(26, byteAt(third, 20, 3, 0));
        assertEquals(160, byteAt(third, 20, 3, 1));
        assertEquals(231, byteAt(third, 20, 3, 2));
        // Red grows downwards, green to the right: rows are not columns.
        assertEquals(8 * 31 + 2, byteAt(third, 0, 31, 0));
        assertEquals(2, byteAt(third, 31, 0, 0));
        assertEquals(248, byteAt(third, 31, 0, 1));
    }

    @Test
    void grayUsesTheStandardLumaWeights() {
        DigitImage gray = SvhnMatReader.read(fixture("svhn-format.mat")).grayscale().image(2);
        assertEquals(1, gray.channels());
        // round(0.299 * 26 + 0.587 * 160 + 0.114 * 231) = round(128.03); a blue weight of 0.144 would give 135.
        assertEquals(128, byteAt(gray, 20, 3, 0));
        // Row 0, column 0: round(0.299 * 2 + 0.114 * 255) = round(29.668).
        assertEquals(30, byteAt(gray, 0, 0, 0));
    }

    @Test
    void readsALargerCompressedFile() {
        DigitDataset data = SvhnMatReader.read(fixture("svhn-seven-segment.mat"));
        assertEquals(600, data.size());
        int[] counts = data.labelCounts();
        for (int digit = 0; digit < 10; digit++) {
            assertEquals(60, counts[digit], "pictures of " + digit);
        }
        assertEquals(0, data.label(0));
        assertEquals(1, data.label(1));
    }

    @Test
    void otherVariableNamesAreRefusedWithWhatTheFileHolds() {
        BadDataException e = assertThrows(BadDataException.class, () -> SvhnMatReader.read(fixture("svhn-wrong-names.mat")));
        assertTrue(e.getMessage().contains("[images, labels] but no 'X'"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedWithAdvice() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("svhn-seven-segment.mat"));
        Path truncated = Files.write(folder.resolve("train_32x32.mat"), Arrays.copyOf(whole, whole.length / 2));
        BadDataException e = assertThrows(BadDataException.class, () -> SvhnMatReader.read(truncated));
        assertTrue(e.getMessage().contains("truncated or damaged: delete it and download it again"), e.getMessage());
    }

    @Test
    void aFileThatIsNoMatFileIsRefused() throws IOException {
        Path text = Files.writeString(folder.resolve("test_32x32.mat"), "<html>404 Not Found</html>", StandardCharsets.US_ASCII);
        BadDataException e = assertThrows(BadDataException.class, () -> SvhnMatReader.read(text));
        assertTrue(e.getMessage().contains("is not a readable MAT v5 file"), e.getMessage());
        BadDataException missing = assertThrows(BadDataException.class,
                () -> SvhnMatReader.read(folder.resolve("extra_32x32.mat")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    private static int byteAt(DigitImage picture, int x, int y, int channel) {
        return Math.round(picture.pixel(x, y, channel) * 255);
    }
}
