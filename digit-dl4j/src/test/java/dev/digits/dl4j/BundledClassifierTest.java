package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.train.NetworkStats;
import dev.digits.eval.Evaluation;
import dev.digits.preprocess.Preprocessor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled classifier against issue #2's bars, on MNIST's real test set. */
class BundledClassifierTest {
    private static DigitClassifier classifier;
    private static DigitDataset test;

    @BeforeAll
    static void open() {
        classifier = Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "dl4j");
        test = Mnist.fromDataFolder().test();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void reachesAtLeast99Point5PercentOnAllTenThousandTestImages() {
        Evaluation evaluation = Evaluation.of(classifier, test, null);
        assertEquals(10_000, evaluation.count());
        assertTrue(evaluation.accuracy() >= 0.995, "accuracy " + evaluation.accuracy() + " is below 0.995");
    }

    @Test
    void keepsItsAccuracyThroughTheMnistPreprocessor() {
        Evaluation evaluation = new Evaluation();
        List<DigitImage> preprocessed = new ArrayList<>(test.size());
        for (int i = 0; i < test.size(); i++) {
            preprocessed.add(Preprocessor.mnist().withStages(false).preprocess(test.image(i).toBufferedImage()).image());
        }
        List<Prediction> predictions = classifier.classify(preprocessed);
        for (int i = 0; i < test.size(); i++) {
            evaluation.add(Integer.toString(i), test.label(i), predictions.get(i));
        }
        assertTrue(evaluation.accuracy() >= 0.995, "accuracy through the preprocessor " + evaluation.accuracy());
    }

    @Test
    void isSmallAndCheap() throws Exception {
        Dl4jModels.Dl4jGraph model = Dl4jModels.loadGraph(dev.digits.ModelSource.CLASSIFIER);
        long macs = NetworkStats.multiplyAdds(model.graph());
        // Issue 25's bound: at most 15 million, four times the single network of before.
        assertTrue(macs <= 15_000_000, macs + " multiply-adds per picture, more than 15 million");
        assertEquals(macs, Long.parseLong(model.card().require(ModelCard.MACS)), "the card states the true cost");
        try (InputStream in = getClass().getResourceAsStream(Dl4jModels.BUNDLED_FOLDER + "classifier.zip")) {
            int size = in.readAllBytes().length;
            assertTrue(size <= 5_000_000, "model file is " + size + " bytes, more than 5 MB");
        }
    }

    @Test
    void manyThreadsGetTheSameAnswersAsOne() throws Exception {
        int count = 1_000;
        List<DigitImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(test.image(i));
        }
        List<Prediction> expected = new ArrayList<>();
        for (DigitImage image : images) {
            expected.add(classifier.classify(image));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Prediction>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 125;
                boolean batched = t % 2 == 0;
                futures.add(pool.submit(() -> {
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
            for (int t = 0; t < 8; t++) {
                List<Prediction> answers = futures.get(t).get();
                int offset = t * 125;
                for (int k = 0; k < count; k++) {
                    Prediction want = expected.get((offset + k) % count);
                    Prediction got = answers.get(k);
                    assertEquals(want.digit(), got.digit(), "thread " + t + " picture " + k);
                    for (int d = 0; d < 10; d++) {
                        assertEquals(want.probability(d), got.probability(d), 1e-5, "thread " + t + " picture " + k);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesPicturesNotInMnistForm() {
        DigitImage big = DigitImage.of(32, 32, 1, new float[32 * 32]);
        BadImageException e = assertThrows(BadImageException.class, () -> classifier.classify(big));
        assertTrue(e.getMessage().contains("28x28"), e.getMessage());
    }

    @Test
    void closedClassifierSaysSo() {
        DigitClassifier other = Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "dl4j");
        other.close();
        assertThrows(IllegalStateException.class, () -> other.classify(test.image(0)));
    }
}
