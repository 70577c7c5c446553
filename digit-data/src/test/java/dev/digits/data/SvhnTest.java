package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvhnTest {
    @TempDir
    Path root;

    @Test
    void knowsThePublishedNamesSizesAndChecksums() {
        assertEquals("train_32x32.mat", Svhn.Part.TRAIN.fileName());
        assertEquals("e26dedcc434d2e4c54c9b2d4a06d8373", Svhn.Part.TRAIN.md5());
        assertEquals(182_040_794L, Svhn.Part.TRAIN.size());
        assertEquals("eb5a983be6a315427106f1b164d9cef3", Svhn.Part.TEST.md5());
        assertEquals(64_275_384L, Svhn.Part.TEST.size());
        assertEquals("a93ce644f1a588dc4d68dda5feec44a7", Svhn.Part.EXTRA.md5());
        assertEquals(Svhn.Part.EXTRA, Svhn.Part.named(" Extra "));
        assertThrows(IllegalArgumentException.class, () -> Svhn.Part.named("validation"));
    }

    @Test
    void keepsItsFilesInTheSvhnFolderOfTheDataRoot() {
        assertEquals(root.toAbsolutePath().resolve("svhn"), Svhn.in(root).directory());
    }

    @Test
    void aMissingFileSaysWhereToPutItAndHowToFetchIt() {
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> Svhn.in(root).file(Svhn.Part.TEST, false));
        assertTrue(e.getMessage().contains("test_32x32.mat is not in " + root.toAbsolutePath().resolve("svhn")), e.getMessage());
        assertTrue(e.getMessage().contains(Svhn.SITE) && e.getMessage().contains("--download"), e.getMessage());
    }

    @Test
    void aFileWithTheWrongChecksumIsRefusedButLeftInPlace() throws IOException {
        Path folder = Files.createDirectories(root.resolve("svhn"));
        Path file = Files.write(folder.resolve("train_32x32.mat"), new byte[]{1, 2, 3});
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> Svhn.in(root).file(Svhn.Part.TRAIN, false));
        // MD5 of the bytes 01 02 03, computed by md5sum.
        assertTrue(e.getMessage().contains("its MD5 is 5289df737df57326fcdd22597afb1fac, not e26dedcc434d2e4c54c9b2d4a06d8373"),
                e.getMessage());
        assertTrue(Files.exists(file), "a file the user placed is not deleted by a look-up");
    }
}
