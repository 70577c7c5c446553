package dev.digits.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.NoDigitFoundException;
import dev.digits.Prediction;
import dev.digits.Task;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link DigitClassifier} must do, whatever its backend: each backend's test suite extends this class
 * (published in digit-api's test-jar) and says how to open its classifier. Accuracy is each model's own test;
 * this is the behaviour callers rely on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DigitClassifierContract {
    private static final int SAMPLE = 96;

    private DigitClassifier classifier;
    private List<DigitImage> digits;

    /** Opens a fresh classifier of the backend under test. */
    protected abstract DigitClassifier open();

    @BeforeAll
    void openOne() {
        classifier = open();
        DigitDataset test = Mnist.fromDataFolder().test();
        digits = new ArrayList<>();
        for (int i = 0; i < SAMPLE; i++) {
            digits.add(test.image(i));
        }
    }

    @AfterAll
    void closeIt() {
        classifier.close();
    }

    @Test
    void aBatchGivesWhatEachPictureGivesAlone() {
        List<Prediction> batch = classifier.classify(digits);
        assertEquals(digits.size(), batch.size());
        for (int i = 0; i < digits.size(); i += 7) {
            Prediction alone = classifier.classify(digits.get(i));
            assertEquals(alone.digit(), batch.get(i).digit(), "picture " + i);
            for (int d = 0; d < 10; d++) {
                assertEquals(alone.probability(d), batch.get(i).probability(d), 1e-5, "picture " + i + ", digit " + d);
            }
        }
        assertTrue(classifier.classify(List.of()).isEmpty());
    }

    @Test
    void picturesNotInTheModelsFormAreRefused() {
        assertThrows(BadImageException.class, () -> classifier.classify(DigitImage.of(32, 32, 1, new float[32 * 32])));
        List<DigitImage> withNull = new ArrayList<>(digits.subList(0, 3));
        withNull.add(null);
        BadImageException e = assertThrows(BadImageException.class, () -> classifier.classify(withNull));
        assertTrue(e.getMessage().contains("Picture 3"), e.getMessage());
    }

    @Test
    void aBlankPictureHasNoDigit() {
        BufferedImage blank = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 150);
        g.dispose();
        assertThrows(NoDigitFoundException.class, () -> classifier.classify(blank));
        assertThrows(NoDigitFoundException.class, () -> classifier.classifyWithStages(blank));
    }

    @Test
    void theStagesShownAreTheOnesThatGaveTheAnswer() {
        BufferedImage drawn = digits.get(0).toBufferedImage();
        Prediction plain = classifier.classify(drawn);
        Classification shown = classifier.classifyWithStages(drawn);
        assertEquals(plain, shown.prediction());
        assertEquals(plain, classifier.classify(shown.input()));
        assertFalse(shown.stages().isEmpty());
        BufferedImage last = new ArrayList<>(shown.stages().values()).get(shown.stages().size() - 1);
        assertEquals(28, last.getWidth());
    }

    @Test
    void manyThreadsGetTheSerialAnswers() throws Exception {
        List<Prediction> serial = classifier.classify(digits);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Prediction>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<Prediction> answers = new ArrayList<>();
                    for (DigitImage digit : digits) {
                        answers.add(classifier.classify(digit));
                    }
                    return answers;
                }));
            }
            for (Future<List<Prediction>> future : futures) {
                List<Prediction> answers = future.get();
                for (int i = 0; i < serial.size(); i++) {
                    assertEquals(serial.get(i).digit(), answers.get(i).digit(), "picture " + i);
                    assertTrue(Arrays.equals(serial.get(i).probabilities(), answers.get(i).probabilities())
                            || maxDifference(serial.get(i), answers.get(i)) < 1e-5, "picture " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedClassifierSaysSoAndClosingTwiceIsHarmless() {
        DigitClassifier other = open();
        assertEquals(Task.CLASSIFY, other.card().task());
        assertFalse(other.backendName().isBlank());
        other.classify(digits.get(0));
        other.close();
        other.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.classify(digits.get(0)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private static double maxDifference(Prediction a, Prediction b) {
        double worst = 0;
        for (int d = 0; d < 10; d++) {
            worst = Math.max(worst, Math.abs(a.probability(d) - b.probability(d)));
        }
        return worst;
    }
}
