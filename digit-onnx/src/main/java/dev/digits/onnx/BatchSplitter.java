package dev.digits.onnx;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a batch as parts on several threads at once: the caller's own and helper threads of a small pool. ONNX
 * Runtime's intra-op threads split each operator of this small network poorly (two threads ran a batch of 256 at
 * about the speed of one, on the 2-core machine of issue 28), while two single-threaded runs of half a batch each
 * go side by side at nearly twice the speed.
 *
 * <p>The caller never waits for a helper that has not started: parts are claimed one by one, and a caller whose
 * helpers are busy (with other callers' parts) runs the remaining parts itself. Safe for any number of callers.
 * Helper threads are daemons, made when first needed and ended after a few idle seconds and by {@link #close()}.
 */
final class BatchSplitter implements AutoCloseable {
    /** Runs the pictures {@code from} (inclusive) to {@code to} (exclusive) of a batch. */
    interface Part {
        void run(int from, int to);
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final int parallelism;
    private final int minPart;
    private final ThreadPoolExecutor helpers;

    /**
     * @param parallelism the most threads one batch runs on, the caller's included (1: never split)
     * @param minPart     the fewest pictures a part gets
     */
    BatchSplitter(int parallelism, int minPart) {
        if (parallelism < 1 || minPart < 1) {
            throw new IllegalArgumentException("parallelism and minPart must be at least 1, got " + parallelism + " and "
                    + minPart);
        }
        this.parallelism = parallelism;
        this.minPart = minPart;
        if (parallelism == 1) {
            helpers = null;
        } else {
            helpers = new ThreadPoolExecutor(parallelism - 1, parallelism - 1, 5, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "digits-onnx-part-" + THREADS.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            helpers.allowCoreThreadTimeOut(true);
        }
    }

    /** The most threads one batch runs on. */
    int parallelism() {
        return parallelism;
    }

    /** How many parts a batch of {@code count} pictures is run as. */
    int parts(int count) {
        return Math.max(1, Math.min(parallelism, count / minPart));
    }

    /**
     * Runs {@code count} pictures as {@link #parts} parts of nearly equal size, and returns when all have run.
     *
     * @throws RuntimeException the first part's failure, after every part has ended (an {@link Error} likewise)
     */
    void run(int count, Part part) {
        int parts = parts(count);
        if (parts == 1) {
            part.run(0, count);
            return;
        }
        Job job = new Job(count, parts, part);
        for (int i = 1; i < parts; i++) {
            helpers.execute(job::work);
        }
        job.work();
        job.await();
        job.rethrow();
    }

    /** One batch's parts, claimed by whichever thread comes first. */
    private static final class Job {
        final int count;
        final int parts;
        final Part part;
        final AtomicInteger next = new AtomicInteger();
        final CountDownLatch ended;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int count, int parts, Part part) {
            this.count = count;
            this.parts = parts;
            this.part = part;
            this.ended = new CountDownLatch(parts);
        }

        void work() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                try {
                    part.run((int) ((long) count * i / parts), (int) ((long) count * (i + 1) / parts));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    ended.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    ended.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrow() {
            Throwable e = failure.get();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            if (e != null) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** Ends the helper threads; parts already running finish. */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
