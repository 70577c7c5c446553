package dev.digits.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/** A local folder of {@code NAME.gz} files, such as an operating system's data package; decompressed on copy. */
public final class GzipFolder implements DataSource {
    private final Path folder;

    public GzipFolder(Path folder) {
        this.folder = folder;
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public void fetch(String fileName, Path target) throws IOException {
        Path source = folder.resolve(fileName + ".gz");
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(source.toString(), null, "no such file");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(source), 1 << 16)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
