package dev.digits.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A folder held by one process at a time: a lock on the file {@value #FILE_NAME} inside it, held while the work
 * that owns the folder runs (a training writing its model, checkpoints and curves there). A second holder is
 * refused with a message naming the first (its process id, what it does, since when), instead of the two deleting
 * each other's temporary files. The operating system releases the lock when the process ends, however it ends, so
 * a killed training leaves no stale lock; the file itself stays (removing it would race with the next holder).
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name inside the folder. */
    public static final String FILE_NAME = ".digits.lock";
    /** How much of a lock file is read to name its holder. */
    private static final int MAX_HOLDER_BYTES = 4096;

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The folder is held by another process, or by other work in this one; the message names the holder. */
    public static final class InUseException extends IOException {
        private static final long serialVersionUID = 1L;

        InUseException(String message) {
            super(message);
        }
    }

    /**
     * Takes the folder (made if missing) for {@code holder}, a few words on what holds it (e.g. the command line).
     *
     * @throws InUseException when another process, or other work in this process, holds it
     * @throws IOException    when the folder or its lock file cannot be made
     */
    public static FolderLock acquire(Path folder, String holder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this very process (another training in the same JVM): the same refusal.
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String current = holderOf(channel);
            channel.close();
            throw new InUseException(folder + " is in use by another run (" + (current.isBlank() ? "holder unknown"
                    : current) + "); wait for it to end, or give another folder. The lock is " + file
                    + ", released when that process ends");
        }
        try {
            byte[] text = ("pid " + ProcessHandle.current().pid() + ", " + holder + ", since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(false);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new FolderLock(channel, lock);
    }

    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER_BYTES);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the folder. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
