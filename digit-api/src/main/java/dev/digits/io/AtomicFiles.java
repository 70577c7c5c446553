package dev.digits.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees half of one: the content goes to a temporary file in the same
 * folder, which is then renamed over the target. An interrupted write leaves the old file (or none).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a whole file at the path it is given. */
    @FunctionalInterface
    public interface FileWriter {
        void writeTo(Path temporaryFile) throws IOException;
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, temporary -> Files.write(temporary, bytes));
    }

    /** Writes UTF-8 text atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lets {@code writer} write a temporary file beside {@code target}, then renames it to {@code target}.
     *
     * <p>This package sits below every other one, so it reports plain {@link IOException}s (with the target
     * named and a hint) and callers wrap them in the {@code DigitsException} that fits their context.
     *
     * @throws IOException when writing or renaming fails; the temporary file is removed
     */
    public static void write(Path target, FileWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(absolute.getParent());
            temporary = temporaryBeside(absolute);
            writer.writeTo(temporary);
            move(temporary, absolute);
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + e.getMessage()
                    + "; check that the folder is writable and the disk has space", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Best effort: the temporary file carries a .tmp suffix and is never read.
                }
            }
        }
    }

    /** A new empty temporary file beside {@code absoluteTarget}, named {@code .NAME.RANDOM.tmp}. */
    static Path temporaryBeside(Path absoluteTarget) throws IOException {
        // Not createTempFile: its owner-only permissions would carry over to the target.
        return Files.createFile(absoluteTarget.resolveSibling("." + absoluteTarget.getFileName() + "."
                + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp"));
    }

    /** Renames {@code source} to {@code target}, atomically where the file system can. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
