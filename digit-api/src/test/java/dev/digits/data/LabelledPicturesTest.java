package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadDataException;
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
}
