package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Batches split into parts run side by side: every picture once, on several threads, failures passed on, no waiting on busy helpers. */
class BatchSplitterTest {
    @Test
    void partsAreAsManyAsTheThreadsAllowAndNeverSmallerThanTheMinimum() {
        try (BatchSplitter splitter = new BatchSplitter(3, 2)) {
            assertEquals(1, splitter.parts(1));
            assertEquals(1, splitter.parts(3));
            assertEquals(2, splitter.parts(4));
            assertEquals(3, splitter.parts(6));
            assertEquals(3, splitter.parts(256));
        }
        try (BatchSplitter single = new BatchSplitter(1, 1)) {
            assertEquals(1, single.parts(256));
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchSplitter(0, 1));
    }

    @Test
    void everyPictureRunsOnceInContiguousPartsOnSeveralThreadsAtOnce() throws Exception {
        try (BatchSplitter splitter = new BatchSplitter(3, 1)) {
            for (int count : new int[] {1, 2, 3, 7, 256, 1001}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                List<int[]> parts = Collections.synchronizedList(new ArrayList<>());
                Set<Thread> threads = ConcurrentHashMap.newKeySet();
                int expectedParts = splitter.parts(count);
                CyclicBarrier together = new CyclicBarrier(expectedParts);
                splitter.run(count, (from, to) -> {
                    threads.add(Thread.currentThread());
                    parts.add(new int[] {from, to});
                    await(together);
                    for (int i = from; i < to; i++) {
                        runs.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < count; i++) {
                    assertEquals(1, runs.get(i), "picture " + i + " of " + count);
                }
                assertEquals(expectedParts, parts.size());
                assertEquals(expectedParts, threads.size(), "each part on its own thread, all at once");
                assertTrue(threads.contains(Thread.currentThread()), "the caller runs a part itself");
            }
        }
    }

    @Test
    void aFailedPartFailsTheBatchAfterTheOtherPartsEnd() {
        try (BatchSplitter splitter = new BatchSplitter(2, 1)) {
            AtomicIntegerArray ended = new AtomicIntegerArray(2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> splitter.run(2, (from, to) -> {
                if (from == 1) {
                    throw new IllegalArgumentException("part 1 fails");
                }
                sleep(50);
                ended.set(from, 1);
            }));
            assertEquals("part 1 fails", e.getMessage());
            assertEquals(1, ended.get(0), "the other part had ended");
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            splitter.run(4, (from, to) -> seen.add(from));
            assertEquals(2, seen.size(), "the splitter works on after a failure");
        }
    }

    @Test
    void aCallerWhoseHelperIsBusyRunsTheWholeBatchItself() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch helperBlocked = new CountDownLatch(1);
        try (BatchSplitter splitter = new BatchSplitter(2, 1)) {
            Future<?> blocking = other.submit(() -> splitter.run(2, (from, to) -> {
                if (!Thread.currentThread().getName().startsWith("digits-onnx-part")) {
                    await(helperBlocked);
                    return;
                }
                helperBlocked.countDown();
                await(release);
            }));
            assertTrue(helperBlocked.await(1, TimeUnit.MINUTES), "the only helper is now busy");
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            splitter.run(10, (from, to) -> threads.add(Thread.currentThread()));
            assertEquals(Set.of(Thread.currentThread()), threads, "both parts ran on the caller, without waiting");
            assertFalse(blocking.isDone());
            release.countDown();
            blocking.get(1, TimeUnit.MINUTES);
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("the parts did not run at once", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
