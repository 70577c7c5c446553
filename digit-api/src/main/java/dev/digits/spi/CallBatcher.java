package dev.digits.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Gathers concurrent single-item calls into batches, as the dynamic batchers of model servers do (Triton's
 * {@code max_queue_delay}, TorchServe's {@code max_batch_delay}): a call that arrives while a batch runs waits
 * in a queue, and when the batch ends everything queued by then (up to {@code maxBatch}) runs as the next batch,
 * led by the caller that ran the last one (at most {@value #LED_BATCHES} batches in a row) or else by the first
 * waiting caller. A lone caller never waits for company: with nothing running,
 * its call runs at once, alone, unless {@code maxWaitNanos} asks it to wait that long for more. Each caller gets
 * its own answer, or the exception its batch ended in. Safe for any number of threads.
 *
 * @param <I> one call's input
 * @param <O> one call's answer
 */
final class CallBatcher<I, O> {
    /**
     * The most batches one caller runs before it returns with its answer and wakes a waiting caller to lead: more
     * keeps the runtime busy under load, and each one delays that caller's own return by a batch.
     */
    static final int LED_BATCHES = 2;
    private final Function<List<I>, List<O>> batch;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Call<I, O>> queue = new ArrayDeque<>();
    /** Written under the lock; volatile for {@link #busy()}. */
    private volatile boolean running;

    /**
     * @param batch        answers a batch of inputs, one answer per input in order
     * @param maxBatch     the most calls one batch takes
     * @param maxWaitNanos how long the call that starts a batch waits for others to join it (0: not at all)
     */
    CallBatcher(Function<List<I>, List<O>> batch, int maxBatch, long maxWaitNanos) {
        if (maxBatch < 1 || maxWaitNanos < 0) {
            throw new IllegalArgumentException("maxBatch must be at least 1 and maxWaitNanos at least 0, got " + maxBatch
                    + " and " + maxWaitNanos);
        }
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitNanos;
    }

    /**
     * One call's place in the queue. Its flags are volatile, so that a caller learns of its answer, or of its turn to
     * lead, without taking the batcher's lock: a batch of callers woken at once would otherwise queue for the lock
     * behind the next batch's leader.
     */
    private static final class Call<I, O> {
        final I input;
        final Thread caller = Thread.currentThread();
        O answer;
        RuntimeException failure;
        /** Written after {@code answer} or {@code failure}, so a caller that reads it true sees them. */
        volatile boolean done;
        /** Set under the lock, when the call is first in the queue and must run the next batch. */
        volatile boolean leads;

        Call(I input) {
            this.input = input;
        }
    }

    /**
     * The answer to one input, computed alone or in a batch with other callers' inputs.
     *
     * @throws RuntimeException what the batch function threw for the batch this input was in
     * @throws IllegalStateException when the thread is interrupted while its input waits in the queue (the input
     *                               is then taken out of it)
     */
    O call(I input) {
        Call<I, O> call = new Call<>(input);
        boolean waits;
        lock.lock();
        try {
            queue.add(call);
            waits = running;
            if (running) {
                arrived.signal();
            } else {
                running = true;
            }
        } finally {
            lock.unlock();
        }
        if (waits) {
            awaitTurn(call);
            if (call.done) {
                return answer(call);
            }
        }
        // This call leads: it is first in the queue, so the first batch it takes holds it. While calls keep
        // queueing, it goes on to run the next batches itself, up to LED_BATCHES in all: this thread is awake, and
        // waking a parked caller to lead takes a system call and a scheduling delay, during which nothing runs.
        for (int batches = 1; ; batches++) {
            List<Call<I, O>> mine;
            lock.lock();
            try {
                mine = take();
            } finally {
                lock.unlock();
            }
            List<O> answers = null;
            RuntimeException failure = null;
            try {
                answers = runBatch(mine);
            } catch (RuntimeException e) {
                failure = e;
            }
            answer(mine, answers, failure);
            Call<I, O> next;
            lock.lock();
            try {
                next = queue.peekFirst();
                if (next == null) {
                    running = false;
                } else if (batches >= LED_BATCHES) {
                    next.leads = true;
                }
            } finally {
                lock.unlock();
            }
            if (next == null) {
                break;
            }
            if (batches >= LED_BATCHES) {
                LockSupport.unpark(next.caller);
                break;
            }
        }
        return answer(call);
    }

    /**
     * Waits until the call is answered or made the next batch's leader. An interrupt takes a call still in the
     * queue out of it; a call already in a running batch waits for its answer, interrupt kept.
     */
    private void awaitTurn(Call<I, O> call) {
        boolean interrupted = false;
        while (!call.done && !call.leads) {
            LockSupport.park(this);
            if (Thread.interrupted() && !interrupted) {
                lock.lock();
                try {
                    if (!call.done && !call.leads && queue.remove(call)) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting to be classified");
                    }
                } finally {
                    lock.unlock();
                }
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the next batch off the queue, first waiting up to the bounded wait for it to fill; holds the lock. */
    private List<Call<I, O>> take() {
        if (maxWaitNanos > 0 && queue.size() < maxBatch) {
            long left = maxWaitNanos;
            while (queue.size() < maxBatch && left > 0) {
                try {
                    left = arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Call<I, O>> calls = new ArrayList<>(Math.min(maxBatch, queue.size()));
        while (calls.size() < maxBatch && !queue.isEmpty()) {
            calls.add(queue.pollFirst());
        }
        return calls;
    }

    /**
     * Runs a batch outside the lock.
     *
     * @throws RuntimeException what the batch function threw, or an {@link IllegalStateException} for an
     *                          {@link Error} or a wrong number of answers
     */
    private List<O> runBatch(List<Call<I, O>> calls) {
        List<I> inputs = new ArrayList<>(calls.size());
        for (Call<I, O> c : calls) {
            inputs.add(c.input);
        }
        List<O> answers;
        try {
            answers = batch.apply(inputs);
        } catch (Error e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (answers.size() != calls.size()) {
            throw new IllegalStateException("A batch of " + calls.size() + " gave " + answers.size() + " answers");
        }
        return answers;
    }

    /** Hands every call of a batch its answer or the batch's failure, and wakes its caller. */
    private void answer(List<Call<I, O>> calls, List<O> answers, RuntimeException failure) {
        for (int i = 0; i < calls.size(); i++) {
            Call<I, O> c = calls.get(i);
            if (failure == null) {
                c.answer = answers.get(i);
            } else {
                c.failure = failure;
            }
            c.done = true;
            if (c.caller != Thread.currentThread()) {
                LockSupport.unpark(c.caller);
            }
        }
    }

    private O answer(Call<I, O> call) {
        if (call.failure != null) {
            throw call.failure;
        }
        return call.answer;
    }

    /** Whether a batch runs now (a hint: it may change the moment after). */
    boolean busy() {
        return running;
    }

    /** The bounded wait, for reports. */
    long maxWait(TimeUnit unit) {
        return unit.convert(maxWaitNanos, TimeUnit.NANOSECONDS);
    }

    /** The most calls a batch takes. */
    int maxBatch() {
        return maxBatch;
    }
}
