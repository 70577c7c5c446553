package dev.digits.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes files so that a reader never sees half of one: the content goes to a temporary file in the same
 * folder, which is then renamed over the target. An interrupted write leaves the old file (or none). The rename
 * replaces only regular files: symbolic links are followed, FIFOs and character devices written into, other
 * special files refused (see {@link #write(Path, FileWriter)}).
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
     * <p>What {@code target} names is kept: a symbolic link is followed and its target replaced (still atomically,
     * beside the target), so the link stays a link; a FIFO or a character device ({@code /dev/stdout},
     * {@code /dev/null}) is written into, not replaced; a folder, block device, socket or other special file is
     * refused ({@link RefusedTargetException}).
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
            Destination destination = destination(absolute, target, true);
            if (destination.stream()) {
                writeInto(destination.path(), writer);
                return;
            }
            Path file = destination.path();
            Files.createDirectories(file.getParent());
            temporary = temporaryBeside(file);
            writer.writeTo(temporary);
            move(temporary, file);
        } catch (RefusedTargetException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + reason(e, temporary)
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

    /**
     * Why a write failed, in words and without the temporary file's name: a user knows only the target, and a
     * file system's exception often carries just a path as its message.
     */
    private static String reason(IOException e, Path temporary) {
        String reason;
        if (e instanceof java.nio.file.AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            reason = "no such folder, or files cannot be made there";
        } else if (e instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getReason() != null) {
            reason = fileSystem.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return temporary == null ? reason : reason.replace(temporary.toString(), "a temporary file beside it");
    }

    /**
     * Where a write to {@code target} lands: the regular file to replace by a rename (after following symbolic
     * links), or a FIFO or character device to write into ({@code stream}).
     *
     * @param path   the absolute path to rename onto or open
     * @param stream whether {@code path} is a FIFO or character device, written into without a rename
     */
    public record Destination(Path path, boolean stream) {
    }

    /** A target that cannot be written as asked (a folder, a block device, a socket); the message says why. */
    public static final class RefusedTargetException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedTargetException(String message) {
            super(message);
        }
    }

    /** Links followed before giving up, as Linux does (ELOOP after 40). */
    private static final int MAX_LINKS = 40;
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int DIRECTORY = 0040000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int REGULAR = 0100000;
    private static final int SOCKET = 0140000;

    /**
     * Where a write to {@code target} lands (see {@link #write(Path, FileWriter)}).
     *
     * @param allowStream whether a FIFO or character device may be written into; false for files that must be
     *                    renamed into place (a model and its card, written as a pair)
     * @throws RefusedTargetException when {@code target} names a folder or a special file that cannot take it
     */
    public static Destination destination(Path target, boolean allowStream) throws IOException {
        return destination(target.toAbsolutePath(), target, allowStream);
    }

    private static Destination destination(Path absolute, Path shown, boolean allowStream) throws IOException {
        Integer type = typeOf(absolute);
        if (type == null) {
            // Nothing there, or a link to nothing: the file is made where the last link points.
            return new Destination(lastLinkTarget(absolute, shown), false);
        }
        switch (type) {
            case REGULAR:
                // toRealPath, not readSymbolicLink: it also resolves links to links and relative links.
                return new Destination(Files.isSymbolicLink(absolute) ? absolute.toRealPath() : absolute, false);
            case FIFO:
            case CHARACTER_DEVICE:
                if (allowStream) {
                    // Opened through the name given: /dev/stdout leads through /proc/self/fd/1, whose target may
                    // be a pipe that has no path of its own.
                    return new Destination(absolute, true);
                }
                throw new RefusedTargetException(shown + " is a " + describe(type) + "; this output is a file that is"
                        + " renamed into place with its partner, so name a regular file");
            case DIRECTORY:
                throw new RefusedTargetException(shown + " is a folder; name a file inside it");
            default:
                throw new RefusedTargetException(shown + " is a " + describe(type) + "; Digits writes regular files"
                        + " (through symbolic links), FIFOs and character devices: name one of those");
        }
    }

    /** The file type bits of what {@code path} names, following links; null when nothing is there. */
    private static Integer typeOf(Path path) throws IOException {
        try {
            return (Integer) Files.getAttribute(path, "unix:mode") & TYPE_MASK;
        } catch (NoSuchFileException e) {
            return null;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view (not Linux or macOS): regular files and folders only; any other file is refused.
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException missing) {
                return null;
            }
            return attributes.isRegularFile() ? REGULAR : attributes.isDirectory() ? DIRECTORY : 0;
        }
    }

    private static String describe(int type) {
        return switch (type) {
            case FIFO -> "FIFO";
            case CHARACTER_DEVICE -> "character device";
            case BLOCK_DEVICE -> "block device";
            case SOCKET -> "socket";
            default -> "special file";
        };
    }

    /** Follows the symbolic links from {@code path} to the name at the end of the chain, which does not exist. */
    private static Path lastLinkTarget(Path path, Path shown) throws IOException {
        Path current = path;
        for (int links = 0; Files.isSymbolicLink(current); links++) {
            if (links == MAX_LINKS) {
                throw new RefusedTargetException(shown + " leads through more than " + MAX_LINKS + " symbolic links (a"
                        + " loop?); name a file");
            }
            current = current.resolveSibling(Files.readSymbolicLink(current));
        }
        return current;
    }

    /**
     * Writes into a FIFO or character device: the writer fills a private temporary file first (writers such as
     * {@code ImageIO.write(image, format, File)} delete the file they are given before writing, which would remove
     * the device node or the link), whose bytes are then copied in.
     */
    private static void writeInto(Path special, FileWriter writer) throws IOException {
        Path folder = Files.createTempDirectory("digits-out");
        Path temporary = folder.resolve("out");
        try {
            writer.writeTo(temporary);
            try (OutputStream out = Files.newOutputStream(special, StandardOpenOption.WRITE)) {
                Files.copy(temporary, out);
            }
        } finally {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(folder);
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
