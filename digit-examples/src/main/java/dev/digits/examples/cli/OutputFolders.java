package dev.digits.examples.cli;

import dev.digits.DigitsException;
import dev.digits.io.FolderLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * One training per output folder: the training commands hold {@link FolderLock} on their {@code --out} (and a
 * separate {@code --checkpoints}) while they run, so that a second training on the same folder is refused at once,
 * naming the first, instead of deleting its temporary files and making it fail later.
 */
final class OutputFolders {
    private OutputFolders() {
    }

    /** Another run holds the output folder; the message names it and what to do. */
    static final class InUseException extends DigitsException {
        private static final long serialVersionUID = 1L;

        InUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@code work} holding {@code folders} (nulls and repeats skipped), released when it ends.
     *
     * @param command the command line, written in the lock file for whoever is refused
     * @throws InUseException when another run holds one of the folders
     */
    static <T> T holding(String command, Callable<T> work, Path... folders) throws Exception {
        java.util.List<FolderLock> locks = new java.util.ArrayList<>();
        try {
            java.util.Set<Path> seen = new java.util.HashSet<>();
            for (Path folder : folders) {
                if (folder != null && seen.add(folder.toAbsolutePath().normalize())) {
                    try {
                        locks.add(FolderLock.acquire(folder, command));
                    } catch (FolderLock.InUseException e) {
                        throw new InUseException(e.getMessage(), e);
                    } catch (IOException e) {
                        throw new DigitsException("Cannot lock " + folder + " for this training: " + e.getMessage()
                                + "; check that the folder is writable", e);
                    }
                }
            }
            return work.call();
        } finally {
            for (FolderLock lock : locks) {
                lock.close();
            }
        }
    }
}
