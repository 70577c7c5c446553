package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledPicturesTest {
    @TempDir
    Path folder;

    @Test
    void readsFileAndLabelColumnsKeepingLeadingZeros() throws Exception {
        Path manifest = folder.resolve("manifest.csv");
        Files.writeString(manifest, "label,file,notes\n7,sevens/a.png,\"drawn, thick\"\n0123,\"n \"\"1\"\".jpg\",x\n");
        List<LabelledPictures.Entry> entries = LabelledPictures.read(manifest);
        assertEquals(2, entries.size());
        assertEquals(folder.resolve("sevens/a.png").toAbsolutePath(), entries.get(0).file());
        assertEquals("0123", entries.get(1).label());
        assertEquals("n \"1\".jpg", entries.get(1).file().getFileName().toString());
    }

    @Test
    void missingColumnsAndBadLabelsAreNamed() throws Exception {
        Path manifest = folder.resolve("m.csv");
        Files.writeString(manifest, "file,digit\na.png,3\n");
        assertTrue(assertThrows(BadDataException.class, () -> LabelledPictures.read(manifest)).getMessage().contains("'label'"));
        Files.writeString(manifest, "file,label\na.png,three\n");
        assertTrue(assertThrows(BadDataException.class, () -> LabelledPictures.read(manifest)).getMessage().contains("line 2"));
    }

    @Test
    void entriesThatLeadOutOfTheManifestsFolderAreRefused() throws Exception {
        Path inner = Files.createDirectories(folder.resolve("set"));
        Path secret = Files.writeString(folder.resolve("secret.png"), "not for the manifest");
        Files.createSymbolicLink(inner.resolve("link.png"), secret);
        for (String entry : List.of("../secret.png", "../missing.png", secret.toString(), "a/../../secret.png", "link.png")) {
            Path manifest = inner.resolve("manifest.csv");
            Files.writeString(manifest, "file,label\nok.png,1\n\"" + entry + "\",7\n");
            BadDataException e = assertThrows(BadDataException.class, () -> LabelledPictures.read(manifest), entry);
            assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("is not a file inside the manifest's folder"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("exist"), "the message must not tell whether the file exists: " + e.getMessage());
        }
        Path manifest = inner.resolve("manifest.csv");
        Files.writeString(manifest, "file,label\nsub/./a.png,1\nsub/../b.png,2\n");
        assertEquals(inner.resolve("b.png"), LabelledPictures.read(manifest).get(1).file(), "'..' that stays inside is fine");
    }

    @Test
    void letterManifestsCarryAnyLabelAndTheAmbiguousMark() throws Exception {
        Path manifest = folder.resolve("manifest.csv");
        Files.writeString(manifest, "file,label,ambiguous,notes\nA_1.png,A,0,\"print, blue\"\nO_1.png,O,1,0-like\n"
                + "plus.png,+,,\n");
        List<LabelledPictures.LetterEntry> entries = LabelledPictures.readLetters(manifest);
        assertEquals(List.of("A", "O", "+"), entries.stream().map(LabelledPictures.LetterEntry::label).toList());
        assertEquals(List.of(false, true, false), entries.stream().map(LabelledPictures.LetterEntry::ambiguous).toList());
        Files.writeString(manifest, "file,label,ambiguous\nA_1.png,A,maybe\n");
        assertTrue(assertThrows(BadDataException.class, () -> LabelledPictures.readLetters(manifest)).getMessage()
                .contains("line 2"));
        Files.writeString(manifest, "file,label\nA_1.png,A\n");
        assertTrue(assertThrows(BadDataException.class, () -> LabelledPictures.readLetters(manifest)).getMessage()
                .contains("'ambiguous'"));
    }

    @Test
    void aManifestThatNeverEndsIsRefused() {
        BadDataException e = assertThrows(BadDataException.class, () -> LabelledPictures.read(Path.of("/dev/zero")));
        assertTrue(e.getMessage().contains("MiB"), e.getMessage());
    }
}
