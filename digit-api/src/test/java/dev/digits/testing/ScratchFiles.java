package dev.digits.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files for fuzz targets whose parsers read paths: one scratch folder per JVM, removed at exit. */
public final class ScratchFiles {
    private static final Path FOLDER = folder();

    private ScratchFiles() {
    }

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("digits-fuzz");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bytes} written to the scratch file {@code name}, replacing what an earlier input left there. */
    public static Path file(String name, byte[] bytes) {
        Path file = FOLDER.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
