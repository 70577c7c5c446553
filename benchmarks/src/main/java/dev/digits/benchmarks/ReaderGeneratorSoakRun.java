package dev.digits.benchmarks;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.data.SyntheticNumbers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 23's long runs, as {@link SoakRun} does them for the classifier, for the bundled number reader and the
 * generator: {@code threads} threads sharing one model must give the serial answers (readings and their
 * confidences; generated pixels bit for bit); {@code cycles} open/close cycles and {@code calls} single calls, with
 * resident memory (VmRSS) before and after each. From the CLI jar:
 *
 * <pre>
 * java -Xmx2g -cp digit-examples/target/digits.jar benchmarks/src/main/java/dev/digits/benchmarks/ReaderGeneratorSoakRun.java \
 *     onnx 8 200 200 2000
 * </pre>
 *
 * Arguments: backend, threads, calls per thread, open/close cycles, calls, and which part (reader, generator or
 * both; a reading takes a thousand times a picture's time, so each has sizes of its own). Prints VmRSS at each
 * tenth of a part, with the committed Java heap and JavaCPP's native bytes beside it. Exits 1 when a concurrent answer differs.
 */
public final class ReaderGeneratorSoakRun {
    private ReaderGeneratorSoakRun() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "onnx";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int callsPerThread = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int cycles = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        String part = args.length > 5 ? args[5] : "both";
        if (!List.of("reader", "generator", "both").contains(part)) {
            throw new IllegalArgumentException("the sixth argument is reader, generator or both, not " + part);
        }
        int mismatches = 0;
        if (!part.equals("generator")) {
            mismatches += reader(backend, threads, callsPerThread, cycles, calls);
        }
        if (!part.equals("reader")) {
            mismatches += generator(backend, threads, callsPerThread, cycles, calls);
        }
        System.exit(mismatches == 0 ? 0 : 1);
    }

    private static int reader(String backend, int threads, int callsPerThread, int cycles, int calls) throws Exception {
        SyntheticNumbers numbers = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED, 2024);
        List<BufferedImage> pictures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pictures.add(numbers.sample(i).picture());
        }
        int mismatches;
        try (NumberReader reader = Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), backend)) {
            List<String> serial = new ArrayList<>();
            for (BufferedImage picture : pictures) {
                serial.add(answer(reader, picture));
            }
            mismatches = concurrently(threads, callsPerThread, i -> answer(reader, pictures.get(i % pictures.size()))
                    .equals(serial.get(i % pictures.size())));
            report("reader concurrent", backend, threads + " threads x " + callsPerThread + " readings, " + mismatches
                    + " differ from serial");
        }
        Tracker cyclesSeen = new Tracker("reader open/close", backend, cycles);
        for (int i = 0; i < cycles; i++) {
            try (NumberReader reader = Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), backend)) {
                answer(reader, pictures.get(i % pictures.size()));
            }
            cyclesSeen.done(i + 1);
        }
        try (NumberReader reader = Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), backend)) {
            Tracker callsSeen = new Tracker("reader calls", backend, calls);
            for (int i = 0; i < calls; i++) {
                answer(reader, pictures.get(i % pictures.size()));
                callsSeen.done(i + 1);
            }
        }
        return mismatches;
    }

    private static int generator(String backend, int threads, int callsPerThread, int cycles, int calls) throws Exception {
        int mismatches;
        try (DigitGenerator generator = Digits.generator(ModelSource.bundled(Digits.GENERATOR), backend)) {
            List<float[]> serial = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                serial.add(generator.generate(i % 10, (long) i).pixels());
            }
            mismatches = concurrently(threads, callsPerThread, i -> Arrays.equals(
                    generator.generate(i % 10, (long) (i % 100)).pixels(), serial.get(i % 100)));
            report("generator concurrent", backend, threads + " threads x " + callsPerThread + " pictures, "
                    + mismatches + " differ from serial");
        }
        Tracker cyclesSeen = new Tracker("generator open/close", backend, cycles);
        for (int i = 0; i < cycles; i++) {
            try (DigitGenerator generator = Digits.generator(ModelSource.bundled(Digits.GENERATOR), backend)) {
                generator.generate(i % 10, (long) i);
            }
            cyclesSeen.done(i + 1);
        }
        try (DigitGenerator generator = Digits.generator(ModelSource.bundled(Digits.GENERATOR), backend)) {
            Tracker callsSeen = new Tracker("generator calls", backend, calls);
            for (int i = 0; i < calls; i++) {
                generator.generate(i % 10, (long) i);
                callsSeen.done(i + 1);
            }
        }
        return mismatches;
    }

    /**
     * Resident memory at the start of a part and after every tenth of it: a leak keeps growing, while allocator
     * warm-up rises once and then levels off, which two figures alone cannot tell apart.
     */
    private static final class Tracker {
        private final String what;
        private final String backend;
        private final int total;
        private final long start;
        private final StringBuilder trace = new StringBuilder();

        Tracker(String what, String backend, int total) throws IOException {
            this.what = what;
            this.backend = backend;
            this.total = total;
            this.start = System.nanoTime();
            trace.append(memory());
        }

        void done(int count) throws IOException {
            if (count % Math.max(1, total / 10) == 0 || count == total) {
                if (count == total) {
                    System.gc();
                }
                trace.append(" -> ").append(memory());
                if (count != total) {
                    report(what, backend, String.format(Locale.ROOT, "%d of %d after %.0f s, MB %s", count, total,
                            (System.nanoTime() - start) / 1e9, trace));
                } else {
                    report(what, backend, String.format(Locale.ROOT, "%d in %.0f s, MB %s", total,
                            (System.nanoTime() - start) / 1e9, trace));
                }
            }
        }
    }

    /**
     * A reading as text: the digits read and each confidence, exactly; or the refusal (a few synthetic numbers have
     * pieces the classifier calls not digits), which must be the same refusal on every thread.
     */
    private static String answer(NumberReader reader, BufferedImage picture) {
        NumberReading reading;
        try {
            reading = reader.read(picture);
        } catch (dev.digits.DigitsException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        StringBuilder text = new StringBuilder(reading.text());
        reading.digits().forEach(d -> text.append(' ').append(Float.floatToIntBits((float) d.prediction().confidence())));
        return text.toString();
    }

    /** How many of {@code threads × calls} calls of {@code same} (given the call's number) answered otherwise. */
    private static int concurrently(int threads, int calls, java.util.function.IntPredicate same) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7;
                results.add(pool.submit(() -> {
                    int differ = 0;
                    for (int i = 0; i < calls; i++) {
                        differ += same.test(offset + i) ? 0 : 1;
                    }
                    return differ;
                }));
            }
            int differ = 0;
            for (Future<Integer> result : results) {
                differ += result.get();
            }
            return differ;
        } finally {
            pool.shutdown();
        }
    }

    private static void report(String what, String backend, String figures) {
        System.out.println(what + " [" + backend + "]: " + figures);
    }

    /**
     * Resident memory with what it is made of: the Java heap committed and JavaCPP's count of native bytes (ND4J's
     * buffers, when DL4J runs), so that growth of the C allocator's free lists shows as resident memory growing while
     * the other two stay flat.
     */
    private static String memory() throws IOException {
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        String text = String.format(Locale.ROOT, "%d (heap %d", residentKb() / 1024, heap >> 20);
        try {
            Object nativeBytes = Class.forName("org.bytedeco.javacpp.Pointer").getMethod("totalBytes").invoke(null);
            text += String.format(Locale.ROOT, ", javacpp %d", ((Long) nativeBytes) >> 20);
        } catch (ReflectiveOperationException | LinkageError e) {
            // JavaCPP is absent when only the ONNX backend is on the class path: nothing of it to count.
        }
        return text + ")";
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
