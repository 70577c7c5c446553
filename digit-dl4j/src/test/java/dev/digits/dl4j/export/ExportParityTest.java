package dev.digits.dl4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.Digits;
import dev.digits.LoadedModel;
import dev.digits.ModelCard;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.Dl4jBackend;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.preprocess.Preprocessor;
import dev.digits.spi.AbstractDigitClassifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parity report on the bundled classifier: its ONNX export, run in ONNX Runtime, agrees with DL4J; a
 * different model does not. (The ONNX backend itself is not on this module's class path; the command-line tests
 * run {@link OnnxExporter#exportAndCheck} end to end.)
 */
class ExportParityTest {
    /** Enough pictures to meet every digit many times, few enough to keep the test at a few seconds. */
    private static final int PICTURES = 300;

    private static DigitDataset test;

    @TempDir
    Path folder;

    @BeforeAll
    static void data() {
        assertTrue(Dl4jRuntime.initialize(), "ND4J must load");
        test = Mnist.fromDataFolder().test().head(PICTURES);
    }

    @Test
    void theBundledClassifiersExportAgreesWithDl4j() throws Exception {
        Path onnx = folder.resolve("classifier.onnx");
        OnnxExporter.write(ModelSource.CLASSIFIER, onnx);
        LoadedModel exported = LoadedModel.resolve(ModelSource.file(onnx), Task.CLASSIFY);
        try (DigitClassifier dl4j = Digits.classifier(ModelSource.CLASSIFIER, Dl4jBackend.NAME);
             DigitClassifier onnxRuntime = onnxRuntime(exported)) {
            ParityReport report = ExportParity.classifiers(dl4j, onnxRuntime, test, true);
            assertEquals(Task.CLASSIFY, report.task());
            assertEquals(PICTURES, report.checked());
            assertEquals(PICTURES, report.agreeing());
            assertEquals(ExportParity.PROBABILITY_TOLERANCE, report.tolerance());
            assertTrue(report.maxDifference() <= ExportParity.PROBABILITY_TOLERANCE, "largest difference " + report.maxDifference());
            assertTrue(report.accuracy().orElseThrow() > 0.95, "accuracy " + report.accuracy());
            assertTrue(report.agrees(), report.toString());
        }
    }

    @Test
    void anotherModelDisagreesAndSaysByHowMuch() {
        try (DigitClassifier dl4j = Digits.classifier(ModelSource.CLASSIFIER, Dl4jBackend.NAME);
             DigitClassifier sevens = constant(7)) {
            ParityReport report = ExportParity.classifiers(dl4j, sevens, test, true);
            long sevensInTest = Arrays.stream(test.labels()).filter(label -> label == 7).count();
            assertFalse(report.agrees(), report.toString());
            // The bundled classifier is right on nearly every picture, so it agrees with "always 7" about on the sevens.
            assertEquals(sevensInTest, report.agreeing(), 3);
            assertEquals((double) sevensInTest / PICTURES, report.accuracy().orElseThrow(), 1e-9);
            assertTrue(report.maxDifference() > 0.5, "largest difference " + report.maxDifference());
        }
    }

    @Test
    void withoutAccuracyWhenTheLabelsDoNotApply() {
        try (DigitClassifier a = constant(3); DigitClassifier b = constant(3)) {
            ParityReport report = ExportParity.classifiers(a, b, test.head(20), false);
            assertTrue(report.agrees());
            assertEquals(0, report.maxDifference());
            assertTrue(report.accuracy().isEmpty());
        }
    }

    @Test
    void aGeneratorAgreesWithItselfOnSeededPictures() {
        try (DigitGenerator dl4j = Digits.generator(ModelSource.bundled(Digits.GENERATOR), Dl4jBackend.NAME)) {
            ParityReport report = ExportParity.generators(dl4j, dl4j, 3);
            assertEquals(Task.GENERATE, report.task());
            assertEquals(30, report.checked());
            assertTrue(report.agrees(), "the same seeds give the same pictures: " + report);
        }
    }

    @Test
    void aReportNeedsCheckedItemsAndPossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new ParityReport(Task.CLASSIFY, 0, 0, 0, 1e-5, OptionalDouble.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ParityReport(Task.CLASSIFY, 5, 6, 0, 1e-5, OptionalDouble.empty()));
        ParityReport tooFar = new ParityReport(Task.GENERATE, 10, 10, 2e-4, 1e-4, OptionalDouble.empty());
        assertFalse(tooFar.agrees(), "within the tolerance is part of agreeing");
        assertEquals(0.5, new ParityReport(Task.READ_NUMBERS, 10, 5, Double.POSITIVE_INFINITY, 1e-5, null).agreement());
    }

    @Test
    void framingCentresThePicturesAndKeepsTheLabels() {
        DigitDataset framed = ExportParity.framed(test.head(4), 32, 32);
        assertEquals(32, framed.width());
        assertEquals(32, framed.height());
        for (int i = 0; i < 4; i++) {
            assertEquals(test.label(i), framed.label(i));
            assertEquals(test.image(i).pixel(14, 14, 0), framed.image(i).pixel(16, 16, 0), 1e-6);
        }
        assertEquals(0, framed.image(0).pixel(0, 0, 0));
    }

    /** The exported classifier in ONNX Runtime, behind the classifier interface (the ONNX backend does the same). */
    private static DigitClassifier onnxRuntime(LoadedModel exported) {
        return new AbstractDigitClassifier(exported.card(), "onnxruntime-test", 500, Preprocessor.mnist()) {
            @Override
            protected float[][] run(float[] pixels, int count) {
                try {
                    return OnnxRuntimeRunner.run(exported.bytes(), OnnxExporter.INPUT_NAME,
                            Nd4j.create(pixels, new long[]{count, 1, 28, 28}, 'c')).toFloatMatrix();
                } catch (ai.onnxruntime.OrtException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** A stand-in model that names {@code digit} with probability 0.91 whatever it sees. */
    private static DigitClassifier constant(int digit) {
        return new AbstractDigitClassifier(ModelCard.builder().task(Task.CLASSIFY).build(), "constant", 500, Preprocessor.mnist()) {
            @Override
            protected float[][] run(float[] pixels, int count) {
                float[][] rows = new float[count][10];
                for (float[] row : rows) {
                    Arrays.fill(row, 0.01f);
                    row[digit] = 0.91f;
                }
                return rows;
            }
        };
    }
}
