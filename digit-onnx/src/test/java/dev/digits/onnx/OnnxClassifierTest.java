package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Digits.BackendInfo;
import dev.digits.BackendUnavailableException;
import dev.digits.BadImageException;
import dev.digits.BadModelFileException;
import dev.digits.ChecksumMismatchException;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.DigitsException;
import dev.digits.CardFiles;
import dev.digits.CardSchema;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.eval.Evaluation;
import dev.digits.io.Sha256;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX backend with its bundled classifier, and the files it must refuse. No DL4J here. */
class OnnxClassifierTest {
    private static OnnxClassifier classifier;
    private static DigitDataset test;
    private static byte[] bundled;

    @TempDir
    Path folder;

    @BeforeAll
    static void open() throws Exception {
        classifier = OnnxClassifier.open(ModelSource.CLASSIFIER, OnnxOptions.defaults());
        test = Mnist.fromDataFolder().test();
        try (InputStream in = OnnxClassifier.class.getResourceAsStream(OnnxBackend.BUNDLED_FOLDER + "classifier.onnx")) {
            bundled = in.readAllBytes();
        }
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void serviceLoaderFindsTheOnnxBackendAndPrefersIt() {
        assertEquals(List.of(new BackendInfo("onnx", true, 20, "dev.digits:digit-onnx", java.util.Set.of(dev.digits.Task.CLASSIFY, dev.digits.Task.GENERATE, dev.digits.Task.READ_NUMBERS),
                java.util.Set.of(OnnxFormat.NAME))), Digits.backends());
        try (DigitClassifier c = Digits.classifier()) {
            assertInstanceOf(OnnxClassifier.class, c);
            assertEquals("onnx", c.backendName());
        }
    }

    @Test
    void theDl4jBackendIsNotHereAndTheErrorSaysWhatToAdd() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "dl4j"));
        assertTrue(e.getMessage().contains("dev.digits:digit-dl4j"), e.getMessage());
    }

    // ---------------------------------------------------------------- the bundled classifier

    @Test
    void theBundledClassifierReachesIssueTwosBarOnAllTenThousandTestImages() {
        Evaluation evaluation = Evaluation.of(classifier, test, null);
        assertEquals(10_000, evaluation.count());
        assertTrue(evaluation.accuracy() >= 0.995, "accuracy " + evaluation.accuracy() + " is below 0.995");
    }

    @Test
    void theBundledClassifiersProbabilitiesAreCalibrated() {
        List<dev.digits.DigitImage> images = new java.util.ArrayList<>();
        int[] labels = new int[test.size()];
        for (int i = 0; i < test.size(); i++) {
            images.add(test.image(i));
            labels[i] = test.label(i);
        }
        double cardTemperature = Double.parseDouble(classifier.card().require(ModelCard.CALIBRATION_TEMPERATURE));
        assertTrue(cardTemperature != 1, "the bundled classifier is calibrated");
        assertEquals(cardTemperature, classifier.temperature(), 1e-9, "the card's calibration.temperature is applied");
        double ece = dev.digits.eval.Calibration.expectedCalibrationError(classifier.classify(images), labels);
        assertTrue(ece <= 0.01, "expected calibration error " + ece + " on the MNIST test set (issue 10: at most 0.01)");
    }

    @Test
    void theBundledCardDescribesAnExportedModel() {
        ModelCard card = classifier.card();
        assertEquals("onnx", card.require(ModelCard.FORMAT));
        assertEquals(Sha256.hex(bundled), card.require(ModelCard.MODEL_SHA256));
        assertTrue(card.require("source.model.sha256").matches("[0-9a-f]{64}"), "names the DL4J model it came from");
        assertEquals(dev.digits.CardSchema.Layout.NCHW, classifier.spec().input().layout());
        assertEquals(dev.digits.CardSchema.OutputKind.PROBABILITIES, classifier.spec().output().kind());
    }

    @Test
    void singleAndBatchedCallsAgree() {
        List<DigitImage> images = images(600);
        List<Prediction> batched = classifier.classify(images);
        assertEquals(600, batched.size());
        for (int i = 0; i < images.size(); i += 37) {
            assertProbabilitiesEqual(classifier.classify(images.get(i)), batched.get(i), "picture " + i);
        }
        assertEquals(List.of(), classifier.classify(List.of()));
    }

    @Test
    void optionsChangeHowItRunsNotWhatItSays() {
        List<DigitImage> images = images(300);
        List<Prediction> expected = classifier.classify(images);
        OnnxOptions oneThreadNoOptimisation = OnnxOptions.defaults().withIntraOpThreads(1)
                .withOptimization(OnnxOptions.Optimization.NONE);
        assertEquals(Runtime.getRuntime().availableProcessors(), classifier.parallelism(), "automatic: batches split over the cores");
        try (OnnxClassifier other = OnnxClassifier.open(ModelSource.CLASSIFIER, oneThreadNoOptimisation)) {
            assertEquals(oneThreadNoOptimisation, other.options());
            assertEquals(1, other.parallelism(), "a thread count set: batches run whole");
            List<Prediction> actual = other.classify(images);
            for (int i = 0; i < images.size(); i++) {
                assertProbabilitiesEqual(expected.get(i), actual.get(i), "picture " + i);
            }
        }
    }

    @Test
    void optionsComeFromSystemProperties() {
        try {
            System.setProperty(OnnxOptions.THREADS_PROPERTY, "1");
            System.setProperty(OnnxOptions.OPTIMIZATION_PROPERTY, "basic");
            assertEquals(new OnnxOptions(1, OnnxOptions.Optimization.BASIC, OnnxOptions.Provider.CPU, 0),
                    OnnxOptions.fromSystemProperties());
            System.setProperty(OnnxOptions.OPTIMIZATION_PROPERTY, "fast");
            DigitsException e = assertThrows(DigitsException.class, OnnxOptions::fromSystemProperties);
            assertTrue(e.getMessage().contains("none, basic, extended, all"), e.getMessage());
            System.setProperty(OnnxOptions.OPTIMIZATION_PROPERTY, "all");
            System.setProperty(OnnxOptions.THREADS_PROPERTY, "-2");
            assertThrows(DigitsException.class, OnnxOptions::fromSystemProperties);
        } finally {
            System.clearProperty(OnnxOptions.THREADS_PROPERTY);
            System.clearProperty(OnnxOptions.OPTIMIZATION_PROPERTY);
        }
        assertEquals(OnnxOptions.defaults(), OnnxOptions.fromSystemProperties());
    }

    @Test
    void refusesPicturesNotInMnistForm() {
        DigitImage big = DigitImage.of(32, 32, 1, new float[32 * 32]);
        BadImageException e = assertThrows(BadImageException.class, () -> classifier.classify(big));
        assertTrue(e.getMessage().contains("28x28"), e.getMessage());
    }

    // ---------------------------------------------------------------- concurrency and leaks

    @Test
    void manyThreadsGetTheSameAnswersAsOne() throws Exception {
        int count = 1_000;
        List<DigitImage> images = images(count);
        List<Prediction> expected = new ArrayList<>();
        for (DigitImage image : images) {
            expected.add(classifier.classify(image));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Prediction>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * (count / threads);
                boolean batched = t % 2 == 0;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<DigitImage> rotated = new ArrayList<>(images.subList(offset, count));
                    rotated.addAll(images.subList(0, offset));
                    if (batched) {
                        return classifier.classify(rotated);
                    }
                    List<Prediction> answers = new ArrayList<>(count);
                    for (DigitImage image : rotated) {
                        answers.add(classifier.classify(image));
                    }
                    return answers;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<Prediction> answers = futures.get(t).get();
                int offset = t * (count / threads);
                for (int k = 0; k < count; k++) {
                    assertProbabilitiesEqual(expected.get((offset + k) % count), answers.get(k), "thread " + t + " picture " + k);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void openingAndClosingAThousandClassifiersLeaksNoSessions() {
        int before = OnnxClassifier.openSessions();
        DigitImage seven = test.image(0);
        Prediction expected = classifier.classify(seven);
        for (int i = 0; i < 1_000; i++) {
            OnnxClassifier c = OnnxClassifier.open(ModelSource.CLASSIFIER, OnnxOptions.defaults().withIntraOpThreads(1));
            assertEquals(before + 1, OnnxClassifier.openSessions());
            if (i % 100 == 0) {
                assertProbabilitiesEqual(expected, c.classify(seven), "classifier " + i);
            }
            c.close();
            c.close(); // idempotent
            assertEquals(before, OnnxClassifier.openSessions(), "after closing classifier " + i);
            assertThrows(IllegalStateException.class, () -> c.classify(seven), "a closed classifier says so");
        }
        // Failed opens (a card that does not match) must not leak either.
        for (int i = 0; i < 20; i++) {
            assertThrows(BadModelFileException.class, () -> openWithCard(folder, bundled,
                    builder -> builder.put(ModelCard.FirstVersion.INPUT_LAYOUT, "FLAT").put(ModelCard.FirstVersion.INPUT_SHAPE, "784")));
        }
        assertEquals(before, OnnxClassifier.openSessions(), "after failed opens");
    }

    @Test
    void closeWaitsForRunningCallsAndLaterCallsAreRefused() throws Exception {
        OnnxClassifier c = OnnxClassifier.open(ModelSource.CLASSIFIER, OnnxOptions.defaults());
        List<DigitImage> images = images(256);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        try {
                            assertEquals(256, c.classify(images).size());
                            completed.incrementAndGet();
                        } catch (IllegalStateException e) {
                            refused.incrementAndGet();
                            return;
                        } catch (Throwable e) {
                            failures.add(e);
                            return;
                        }
                    }
                });
            }
            while (completed.get() < 8) {
                Thread.sleep(5);
            }
            c.close();
            stop.set(true);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(List.of(), failures, "calls racing with close() either finish or are refused");
        assertThrows(IllegalStateException.class, () -> c.classify(images.get(0)));
    }

    // ---------------------------------------------------------------- bad files

    @Test
    void aTruncatedModelIsAClearError() throws Exception {
        byte[] half = Arrays.copyOf(bundled, bundled.length / 2);
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> openWithCard(folder, half, b -> b));
        assertTrue(e.getMessage().contains("is not a valid ONNX model, or is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("export it again"), e.getMessage());
    }

    @Test
    void aCorruptModelIsAClearError() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(1).nextBytes(garbage);
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> openWithCard(folder, garbage, b -> b));
        assertTrue(e.getMessage().contains("is not a valid ONNX model"), e.getMessage());
        BadModelFileException empty = assertThrows(BadModelFileException.class, () -> openWithCard(folder, new byte[0], b -> b));
        assertTrue(empty.getMessage().contains("is not a valid ONNX model"), empty.getMessage());
        byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0};
        BadModelFileException dl4j = assertThrows(BadModelFileException.class, () -> openWithCard(folder, zip, b -> b));
        assertTrue(dl4j.getMessage().contains("--backend dl4j"), dl4j.getMessage());
    }

    @Test
    void aModelWhoseChecksumDiffersFromItsCardIsRefused() throws Exception {
        byte[] changed = bundled.clone();
        changed[changed.length - 1] ^= 1;
        Path file = folder.resolve("changed.onnx");
        Files.write(file, changed);
        CardFiles.write(classifier.card(), CardFiles.cardPathFor(file)); // the card of the real model
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> OnnxClassifier.open(ModelSource.file(file), OnnxOptions.defaults()));
        assertEquals(Sha256.hex(bundled), e.expected());
        assertEquals(Sha256.hex(changed), e.actual());
        assertTrue(e.getMessage().contains("was not used"), e.getMessage());
    }

    @Test
    void aMissingModelOrCardIsAClearError() throws Exception {
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(folder.resolve("none.onnx")), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path lonely = folder.resolve("lonely.onnx");
        Files.write(lonely, new byte[]{8, 8}); // an ONNX header with no graph and no card inside
        e = assertThrows(BadModelFileException.class, () -> OnnxClassifier.open(ModelSource.file(lonely), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("lonely.onnx.properties") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aLoneCopyOfTheBundledModelCarriesItsCardInside() throws Exception {
        Path lone = folder.resolve("lone.onnx");
        Files.write(lone, bundled);
        try (DigitClassifier copy = Digits.classifier(ModelSource.file(lone))) {
            assertEquals("classifier", copy.card().require(ModelCard.NAME));
            assertEquals(classifier.classify(test.image(0)), copy.classify(test.image(0)));
        }
    }

    @Test
    void aCopyOfTheBundledModelWithItsCardLoadsFromAFile() throws Exception {
        Path file = folder.resolve("copy.onnx");
        Files.write(file, bundled);
        CardFiles.write(classifier.card(), CardFiles.cardPathFor(file));
        try (DigitClassifier copy = Digits.classifier(ModelSource.file(file))) {
            DigitImage image = test.image(1);
            assertProbabilitiesEqual(classifier.classify(image), copy.classify(image), "copy");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static OnnxClassifier openWithCard(Path folder, byte[] model,
                                               java.util.function.UnaryOperator<ModelCard.Builder> edit) throws Exception {
        Path file = Files.createTempFile(folder, "model", ".onnx");
        Files.write(file, model);
        CardFiles.write(edit.apply(classifier.card().toBuilder().put(ModelCard.MODEL_SHA256, Sha256.hex(model))).build()
                , CardFiles.cardPathFor(file));
        return OnnxClassifier.open(ModelSource.file(file), OnnxOptions.defaults());
    }

    private static List<DigitImage> images(int count) {
        List<DigitImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(test.image(i));
        }
        return images;
    }

    private static void assertProbabilitiesEqual(Prediction want, Prediction got, String what) {
        assertEquals(want.digit(), got.digit(), what);
        for (int d = 0; d < 10; d++) {
            assertEquals(want.probability(d), got.probability(d), 1e-5, what + " digit " + d);
        }
    }
}
