package dev.digits.data;

import dev.digits.DataUnavailableException;
import dev.digits.DigitsException;
import dev.digits.io.AtomicFiles;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of files that are known by their SHA-256. A cached file is used only when its checksum is
 * right; otherwise it is fetched again from the sources in order, verified before it is moved into place,
 * and a source whose file has the wrong checksum is skipped. Nothing unverified is ever left under the
 * file's name.
 */
public final class VerifiedCache {
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedCache.class);

    private final Path directory;
    private final List<DataSource> sources;

    public VerifiedCache(Path directory, List<DataSource> sources) {
        this.directory = directory;
        this.sources = List.copyOf(sources);
    }

    public Path directory() {
        return directory;
    }

    /**
     * The verified file {@code fileName}, fetched when it is absent or corrupt.
     *
     * @throws DataUnavailableException when no source delivers a file with the right checksum; the message
     *                                  says what each source answered
     */
    public Path file(String fileName, String sha256) {
        String expected = sha256.toLowerCase(Locale.ROOT);
        Path target = directory.resolve(fileName);
        if (Files.isRegularFile(target)) {
            String actual = Sha256.hex(target);
            if (actual.equals(expected)) {
                return target;
            }
            LOG.warn("Cached {} has SHA-256 {} instead of {}: not using it, fetching it again", target, actual, expected);
            deleteQuietly(target);
        }
        List<String> failures = new ArrayList<>();
        for (DataSource source : sources) {
            Path temporary = null;
            try {
                Files.createDirectories(directory);
                temporary = Files.createTempFile(directory, "." + fileName, ".part");
                LOG.info("Fetching {} from {}", fileName, source.describe());
                source.fetch(fileName, temporary);
                String actual = Sha256.hex(temporary);
                if (!actual.equals(expected)) {
                    LOG.warn("{} from {} has SHA-256 {} instead of {}: not using it", fileName, source.describe(), actual, expected);
                    failures.add(source.describe() + ": SHA-256 mismatch (got " + actual + ")");
                    continue;
                }
                AtomicFiles.move(temporary, target);
                LOG.info("Verified and cached {}", target);
                return target;
            } catch (IOException | DigitsException | java.io.UncheckedIOException e) {
                String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                LOG.info("{} could not deliver {}: {}", source.describe(), fileName, reason);
                failures.add(source.describe() + ": " + reason);
            } finally {
                if (temporary != null) {
                    deleteQuietly(temporary);
                }
            }
        }
        throw new DataUnavailableException("Cannot get " + fileName + " with SHA-256 " + expected + " into " + directory
                + ". Tried: " + String.join("; ", failures)
                + ". Check the network, or place the verified file there yourself.");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
