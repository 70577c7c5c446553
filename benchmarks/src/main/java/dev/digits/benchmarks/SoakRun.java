package dev.digits.benchmarks;

import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
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
 * The long runs of issue 12, as a command rather than a unit test (they take minutes to hours): per backend,
 * {@code threads} threads sharing one classifier must give the serial answers bit for bit; {@code cycles}
 * open/close cycles and {@code classifications} single classifications, with resident memory (VmRSS) measured
 * before and after each. Run it from the CLI jar, which holds both backends:
 *
 * <pre>
 * java -Xmx2g -cp digit-examples/target/digits.jar benchmarks/src/main/java/dev/digits/benchmarks/SoakRun.java \
 *     onnx 8 10000 10000 1000000
 * </pre>
 *
 * Arguments: backend, threads, calls per thread, open/close cycles, classifications. Prints one line per
 * measurement; exits 1 when a concurrent answer differs from the serial one.
 */
public final class SoakRun {
    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "onnx";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int callsPerThread = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int cycles = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        long classifications = args.length > 4 ? Long.parseLong(args[4]) : 1_000_000;
        DigitDataset test = Mnist.fromDataFolder().test();
        List<DigitImage> images = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            images.add(test.image(i));
        }

        int mismatches = concurrentEqualsSerial(backend, images, threads, callsPerThread);
        report("concurrent", backend, String.format(Locale.ROOT, "%d threads x %d calls, %d answers differ from serial",
                threads, callsPerThread, mismatches));

        long before = residentKb();
        for (int i = 0; i < cycles; i++) {
            try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, backend)) {
                classifier.classify(images.get(i % images.size()));
            }
            checkpoint("open/close", backend, i + 1, cycles);
        }
        System.gc();
        report("open/close", backend, String.format(Locale.ROOT, "%d cycles, VmRSS %d MB -> %d MB", cycles,
                before / 1024, residentKb() / 1024));

        try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, backend)) {
            classifier.classify(images.get(0));
            before = residentKb();
            for (long i = 0; i < classifications; i++) {
                classifier.classify(images.get((int) (i % images.size())));
                checkpoint("classify", backend, i + 1, classifications);
            }
            System.gc();
            report("classify", backend, String.format(Locale.ROOT, "%d classifications, VmRSS %d MB -> %d MB",
                    classifications, before / 1024, residentKb() / 1024));
        }
        System.exit(mismatches == 0 ? 0 : 1);
    }

    /** How many answers of {@code threads} threads sharing one classifier differ, bit for bit, from serial ones. */
    private static int concurrentEqualsSerial(String backend, List<DigitImage> images, int threads, int callsPerThread)
            throws Exception {
        try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, backend)) {
            List<float[]> serial = new ArrayList<>();
            for (DigitImage image : images) {
                serial.add(classifier.classify(image).probabilities());
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 37;
                    results.add(pool.submit(() -> {
                        int differ = 0;
                        for (int i = 0; i < callsPerThread; i++) {
                            int k = (offset + i) % images.size();
                            Prediction answer = classifier.classify(images.get(k));
                            differ += Arrays.equals(answer.probabilities(), serial.get(k)) ? 0 : 1;
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
    }

    private static void report(String what, String backend, String figures) {
        System.out.println(what + " [" + backend + "]: " + figures);
    }

    /**
     * At every tenth of a part, prints resident memory beside the native memory JavaCPP (ND4J's allocator) says it
     * holds: resident memory that grows while JavaCPP's figure stays flat is the C allocator keeping freed memory
     * (arenas, fragmentation), not a leak of ours.
     */
    private static void checkpoint(String what, String backend, long done, long total) throws IOException {
        if (total < 10 || done % (total / 10) != 0) {
            return;
        }
        System.gc();
        report(what, backend, String.format(Locale.ROOT, "%d of %d, VmRSS %d MB, heap used %d MB, JavaCPP %s", done,
                total, residentKb() / 1024,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, javaCppBytes()));
    }

    /** JavaCPP's own count of the native bytes it allocated, and of the process's physical bytes, if it is loaded. */
    private static String javaCppBytes() {
        try {
            Class<?> pointer = Class.forName("org.bytedeco.javacpp.Pointer");
            long total = (long) pointer.getMethod("totalBytes").invoke(null);
            long physical = (long) pointer.getMethod("physicalBytes").invoke(null);
            return String.format(Locale.ROOT, "tracked %d MB (physical %d MB)", total >> 20, physical >> 20);
        } catch (ReflectiveOperationException | LinkageError e) {
            return "not loaded";
        }
    }

    /** This process's resident memory in KB (Linux), or -1 where /proc is absent. */
    private static long residentKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
