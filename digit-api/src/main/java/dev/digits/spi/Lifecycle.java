package dev.digits.spi;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The open-or-closed state of a model object shared by many threads: calls run under a read lock, so any number
 * run at once; {@link #close(Runnable)} takes the write lock, so it waits for running calls, then frees the model
 * once. Later calls throw {@link IllegalStateException}. For backends and readers that own native models.
 */
public final class Lifecycle {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final String what;
    private boolean closed;

    /** @param what how to name the object in "This ... is closed" */
    public Lifecycle(String what) {
        this.what = what;
    }

    /** Runs a call while the object is open. */
    public <T> T call(Supplier<T> work) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("This " + what + " is closed");
            }
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes once running calls have ended; {@code release} runs the first time only. */
    public void close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                release.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
