package dev.digits.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Dynamic batching (issue 28): concurrent single calls are gathered into batches and each caller gets its own
 * answer; a lone caller runs alone and at once; a failed batch fails only its calls; an interrupted waiter leaves
 * the queue; a classifier closed while callers wait answers or refuses them, and never hangs.
 */
class CallBatcherTest {
    /** Doubles each input, slowly enough that calls pile up while a batch runs; records the batch sizes. */
    private static final class Doubler implements Function<List<Integer>, List<Integer>> {
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Integer> apply(List<Integer> inputs) {
            sizes.add(inputs.size());
            sleep(1);
            return inputs.stream().map(x -> 2 * x).toList();
        }
    }

    @Test
    void eightThreadsGetTheirOwnAnswersInSharedBatches() throws Exception {
        Doubler doubler = new Doubler();
        CallBatcher<Integer, Integer> batcher = new CallBatcher<>(doubler, 16, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                wrong.add(pool.submit(() -> {
                    int differ = 0;
                    for (int i = 0; i < 1000; i++) {
                        int input = thread * 1_000_000 + i;
                        differ += batcher.call(input) == 2 * input ? 0 : 1;
                    }
                    return differ;
                }));
            }
            for (Future<Integer> w : wrong) {
                assertEquals(0, w.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        int calls = doubler.sizes.stream().mapToInt(Integer::intValue).sum();
        assertEquals(8000, calls, "every call answered exactly once");
        assertTrue(doubler.sizes.size() < 4000, "calls were gathered: " + doubler.sizes.size() + " batches for 8,000");
        assertTrue(doubler.sizes.stream().allMatch(size -> size <= 16), "no batch over the maximum");
    }

    @Test
    void aLoneCallerRunsAloneAndAtOnce() {
        Doubler doubler = new Doubler();
        CallBatcher<Integer, Integer> batcher = new CallBatcher<>(doubler, 16, 0);
        for (int i = 0; i < 50; i++) {
            assertEquals(2 * i, batcher.call(i));
        }
        assertEquals(Collections.nCopies(50, 1), doubler.sizes);
    }

    @Test
    void theBoundedWaitGathersCallsThatArriveWithinIt() throws Exception {
        Doubler doubler = new Doubler();
        CallBatcher<Integer, Integer> batcher = new CallBatcher<>(doubler, 3, TimeUnit.SECONDS.toNanos(5));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int input = i;
                answers.add(pool.submit(() -> batcher.call(input)));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(2 * (i + 1), answers.get(i).get(1, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(3), doubler.sizes, "the first call waited for the other two, and no longer once full");
    }

    @Test
    void aFailedBatchFailsItsCallsAndTheNextOnesWork() {
        AtomicInteger batches = new AtomicInteger();
        CallBatcher<Integer, Integer> batcher = new CallBatcher<>(inputs -> {
            if (batches.incrementAndGet() == 1) {
                throw new IllegalArgumentException("first batch fails");
            }
            return inputs;
        }, 4, 0);
        assertEquals("first batch fails", assertThrows(IllegalArgumentException.class, () -> batcher.call(1)).getMessage());
        assertEquals(2, batcher.call(2));
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAndTheOthersAreAnswered() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CallBatcher<Integer, Integer> batcher = new CallBatcher<>(inputs -> {
            running.countDown();
            await(release);
            return inputs;
        }, 8, 0);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> first = pool.submit(() -> batcher.call(1));
            assertTrue(running.await(1, TimeUnit.MINUTES));
            Future<Integer> waiting = pool.submit(() -> batcher.call(2));
            Future<Integer> interrupted = pool.submit(() -> batcher.call(3));
            sleep(200);
            interrupted.cancel(true);
            sleep(100);
            release.countDown();
            assertEquals(1, first.get(1, TimeUnit.MINUTES));
            assertEquals(2, waiting.get(1, TimeUnit.MINUTES));
            assertEquals(5, batcher.call(5), "the batcher works on after the interrupt");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClassifierClosedWhileCallersWaitAnswersOrRefusesThemAndNeverHangs() throws Exception {
        ModelCard card = ModelCard.builder().task(dev.digits.Task.CLASSIFY).build();
        AtomicInteger runs = new AtomicInteger();
        AbstractDigitClassifier classifier = new AbstractDigitClassifier(card, "test", 64,
                AbstractDigitClassifier.defaultPreprocessor()) {
            @Override
            protected float[][] run(float[] pixels, int count) {
                runs.incrementAndGet();
                sleep(2);
                return digitsOfFirstPixels(pixels, count);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int digit = t;
            callers.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    try {
                        Prediction prediction = classifier.classify(pictureOf(digit));
                        assertEquals(digit, prediction.digit(), "each caller its own answer");
                        answered.incrementAndGet();
                    } catch (IllegalStateException closed) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        sleep(100);
        classifier.close();
        for (Future<?> caller : callers) {
            caller.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(8 * 500, answered.get() + refused.get());
        assertTrue(answered.get() > 0 && refused.get() > 0, answered + " answered, " + refused + " refused");
        assertTrue(runs.get() < answered.get(), "concurrent calls shared runs: " + runs + " runs for " + answered);
    }

    @Test
    void aClassifierWithTwoLanesRunsTwoGatheredBatchesAtOnceAndNeverMore() throws Exception {
        ModelCard card = ModelCard.builder().task(dev.digits.Task.CLASSIFY).build();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger overlapping = new AtomicInteger();
        AtomicInteger gathered = new AtomicInteger();
        AbstractDigitClassifier classifier = new AbstractDigitClassifier(card, "test", 64,
                AbstractDigitClassifier.defaultPreprocessor(), 2) {
            @Override
            protected float[][] run(float[] pixels, int count) {
                int now = inside.incrementAndGet();
                most.accumulateAndGet(now, Math::max);
                if (now > 1) {
                    overlapping.incrementAndGet();
                }
                sleep(1);
                inside.decrementAndGet();
                return digitsOfFirstPixels(pixels, count);
            }

            @Override
            protected float[][] runGathered(float[] pixels, int count) {
                gathered.incrementAndGet();
                return run(pixels, count);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int digit = t;
                callers.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        assertEquals(digit, classifier.classify(pictureOf(digit)).digit(), "each caller its own answer");
                    }
                }));
            }
            for (Future<?> caller : callers) {
                caller.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            classifier.close();
        }
        assertEquals(2, most.get(), "two gathered batches at once, never three");
        assertTrue(overlapping.get() > 50, "the lanes overlapped " + overlapping + " times");
        assertTrue(gathered.get() > 0 && gathered.get() < 8 * 300, gathered + " gathered runs for 2,400 calls");
    }

    /** A picture whose first pixel says which digit a test classifier is to answer. */
    private static DigitImage pictureOf(int digit) {
        float[] pixels = new float[PIXELS_OF_MNIST];
        pixels[0] = digit / 9f;
        return DigitImage.mnist(pixels);
    }

    /** A test classifier's answers: each picture's digit, as its first pixel says ({@link #pictureOf}). */
    private static float[][] digitsOfFirstPixels(float[] pixels, int count) {
        float[][] rows = new float[count][10];
        for (int i = 0; i < count; i++) {
            rows[i][Math.round(pixels[i * PIXELS_OF_MNIST] * 9)] = 1;
        }
        return rows;
    }

    private static final int PIXELS_OF_MNIST = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
