package dev.digits.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.digits.DigitsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the data files' parsers: IDX files and manifests. Only a {@link DigitsException}
 * may come out; anything else is a finding. In the normal suite each target runs its committed seeds (resources
 * {@code DataParsersFuzzTestInputs/METHOD/}); to fuzz one: {@code JAZZER_FUZZ=1 mvn -pl digit-data test
 * -Dtest=DataParsersFuzzTest#idx}.
 */
class DataParsersFuzzTest {
    private static final Path SCRATCH = scratchFolder();

    private static Path scratchFolder() {
        try {
            Path folder = Files.createTempDirectory("digits-fuzz");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String name, byte[] bytes) {
        Path file = SCRATCH.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        return file;
    }

    @FuzzTest(maxDuration = "60s")
    void idx(byte[] bytes) {
        try {
            Idx.parse(bytes, "fuzz");
        } catch (DigitsException expected) {
            // Refused.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void manifests(byte[] bytes) {
        try {
            LabelledPictures.read(file("manifest.csv", bytes));
        } catch (DigitsException expected) {
            // Refused.
        }
    }
}
