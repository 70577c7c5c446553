package dev.digits.data;

import dev.digits.DigitsException;
import dev.digits.io.AtomicFiles;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of files that are known by their checksum (SHA-256, or MD5 where a publisher gives only that). A
 * cached file is used only when its checksum is right; otherwise it is fetched again from the sources in
 * order, verified before it is moved into place, and a source whose file has the wrong checksum is skipped.
 * Nothing unverified is ever left under the file's name.
 */
public final class VerifiedCache {
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedCache.class);

    /** The digest of {@link #file(String, String)}. */
    public static final String SHA_256 = "SHA-256";
    /** The digest of publishers that give only MD5 sums (SVHN). */
    public static final String MD5 = "MD5";

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
        return file(fileName, SHA_256, sha256);
    }

    /**
     * The verified file {@code fileName}, fetched when it is absent or corrupt, checked with the digest
     * {@code algorithm} ({@value #SHA_256} or {@value #MD5}).
     *
     * @throws DataUnavailableException when no source delivers a file with the right checksum; the message
     *                                  says what each source answered
     */
    public Path file(String fileName, String algorithm, String hex) {
        String expected = hex.toLowerCase(Locale.ROOT);
        Path target = directory.resolve(fileName);
        if (Files.isRegularFile(target)) {
            String actual = digest(target, algorithm);
            if (actual.equals(expected)) {
                return target;
            }
            LOG.warn("Cached {} has {} {} instead of {}: not using it, fetching it again", target, algorithm, actual, expected);
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
                String actual = digest(temporary, algorithm);
                if (!actual.equals(expected)) {
                    LOG.warn("{} from {} has {} {} instead of {}: not using it", fileName, source.describe(), algorithm, actual,
                            expected);
                    failures.add(source.describe() + ": " + algorithm + " mismatch (got " + actual + ")");
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
        throw new DataUnavailableException("Cannot get " + fileName + " with " + algorithm + " " + expected + " into " + directory
                + ". Tried: " + String.join("; ", failures)
                + ". Check the network, or place the verified file there yourself.");
    }

    /**
     * A file's digest as lower-case hex.
     *
     * @param algorithm {@value #SHA_256} or {@value #MD5}
     * @throws UncheckedIOException when the file cannot be read
     */
    public static String digest(Path file, String algorithm) {
        if (algorithm.equals(SHA_256)) {
            return Sha256.hex(file);
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("Unknown digest algorithm " + algorithm + "; use " + SHA_256 + " or " + MD5, e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
