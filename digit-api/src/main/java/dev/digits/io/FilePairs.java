package dev.digits.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes two files that only make sense together (a model and its card, a checkpoint and its state) as one
 * unit that a kill at any moment leaves either old or new, never mixed.
 *
 * <p>The second file names the first one's SHA-256. It is written first, complete, as {@code SECOND.next};
 * then the first file is renamed into place, then {@code SECOND.next} is renamed over {@code SECOND}. A kill
 * before the first rename leaves the old pair (and a pending file that no longer matches, removed later); a
 * kill between the renames leaves the new first file with its pending partner, which {@link #partner} finds
 * and puts in place.
 */
public final class FilePairs {
    /** Suffix of the second file while its pair is being committed. */
    public static final String PENDING_SUFFIX = ".next";

    private static final Logger LOG = LoggerFactory.getLogger(FilePairs.class);

    /** Runs between the two renames; a test stops there to play a kill at the worst moment. */
    static volatile Runnable betweenRenames = () -> { };

    private FilePairs() {
    }

    /**
     * Writes the pair.
     *
     * @param first       the file written by {@code firstWriter}
     * @param second      the file whose text {@code secondText} makes from the first file's SHA-256 (hex), which
     *                    the text must contain
     * @throws IOException when a file cannot be written; the old pair is then left as it was
     */
    public static void write(Path first, AtomicFiles.FileWriter firstWriter, Path second, Function<String, String> secondText)
            throws IOException {
        // Both files are renamed into place, so each must be (or become) a regular file: links are followed to
        // their targets, special files refused (AtomicFiles.destination).
        Path absolute = AtomicFiles.destination(first, false).path();
        Path secondFile = AtomicFiles.destination(second, false).path();
        Files.createDirectories(absolute.getParent());
        Path temporary = AtomicFiles.temporaryBeside(absolute);
        try {
            firstWriter.writeTo(temporary);
            String sha256 = Sha256.hex(temporary);
            String text = secondText.apply(sha256);
            if (!text.contains(sha256)) {
                throw new IllegalArgumentException("The second file of a pair must name the first one's SHA-256");
            }
            Path pending = pending(secondFile);
            AtomicFiles.writeString(pending, text);
            AtomicFiles.move(temporary, absolute);
            betweenRenames.run();
            AtomicFiles.move(pending, secondFile);
        } catch (IOException e) {
            throw new IOException("Cannot write " + first + " with " + second + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The second file of the pair as it belongs with the first one now: when a kill interrupted a commit after
     * the first rename, the pending file is put in place (or, in a read-only folder, returned as is); a pending
     * file that does not match the first one is removed.
     */
    public static Path partner(Path first, Path second) {
        Path pending;
        Path secondFile;
        try {
            // Where write put the pending file: beside the second file's link target, if it is a link.
            secondFile = AtomicFiles.destination(second, false).path();
            pending = pending(secondFile);
        } catch (IOException e) {
            return second;
        }
        if (!Files.isRegularFile(pending)) {
            return second;
        }
        try {
            String text = Files.readString(pending, StandardCharsets.UTF_8);
            if (Files.isRegularFile(first) && text.contains(Sha256.hex(first))) {
                LOG.info("Completing the interrupted write of {} with {}", first, second);
                try {
                    AtomicFiles.move(pending, secondFile);
                    return second;
                } catch (IOException e) {
                    return pending;
                }
            }
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            LOG.debug("Cannot read or remove {}: {}", pending, e.getMessage());
        }
        return second;
    }

    /**
     * Removes the temporary files that killed writes left in {@code folder} (those named by
     * {@link AtomicFiles}); call it when a run that owns the folder starts.
     */
    public static int removeLeftovers(Path folder) {
        int removed = 0;
        if (!Files.isDirectory(folder)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot clean {}: {}", folder, e.getMessage());
        }
        if (removed > 0) {
            LOG.info("Removed {} temporary files that interrupted writes left in {}", removed, folder);
        }
        return removed;
    }

    private static Path pending(Path second) {
        Path absolute = second.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + PENDING_SUFFIX);
    }
}
