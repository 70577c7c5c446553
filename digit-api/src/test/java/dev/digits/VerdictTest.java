package dev.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three verdicts, the "not a digit" output, and the thresholds a card carries. */
class VerdictTest {
    /** Eleven joint probabilities: digit 7 leads the digits, and {@code notDigit} is the last. */
    private static float[] eleven(float seven, float three, float notDigit) {
        float rest = (1 - seven - three - notDigit) / 8;
        float[] p = new float[11];
        for (int d = 0; d < 10; d++) {
            p[d] = rest;
        }
        p[7] = seven;
        p[3] = three;
        p[10] = notDigit;
        return p;
    }

    @Test
    void elevenOutputsGiveDigitProbabilitiesGivenADigitAndTheNotADigitProbability() {
        Prediction p = Prediction.of(eleven(0.3f, 0.1f, 0.5f));
        assertTrue(p.canRejectNonDigits());
        assertEquals(0.5f, p.notDigitProbability(), 1e-6f);
        assertEquals(7, p.digit());
        assertEquals(0.6f, p.confidence(), 1e-5f, "0.3 of the 0.5 left for digits");
        double sum = 0;
        for (float q : p.probabilities()) {
            sum += q;
        }
        assertEquals(1, sum, 1e-5);
        assertEquals(Verdict.DIGIT, p.verdict(), "without thresholds nothing is refused");
    }

    @Test
    void thresholdsDecideBetweenDigitNotADigitAndUnsure() {
        VerdictThresholds thresholds = new VerdictThresholds(0.5, 0.6);
        assertEquals(Verdict.NOT_A_DIGIT, Prediction.of(eleven(0.3f, 0.1f, 0.5f)).withThresholds(thresholds).verdict());
        assertEquals(Verdict.UNSURE, Prediction.of(eleven(0.45f, 0.35f, 0.1f)).withThresholds(thresholds).verdict());
        assertEquals(Verdict.DIGIT, Prediction.of(eleven(0.8f, 0.05f, 0.1f)).withThresholds(thresholds).verdict());
        Prediction tenOnly = Prediction.of(new float[]{0.55f, 0.45f, 0, 0, 0, 0, 0, 0, 0, 0});
        assertFalse(tenOnly.canRejectNonDigits());
        assertEquals(0f, tenOnly.notDigitProbability());
        assertEquals(Verdict.UNSURE, tenOnly.withThresholds(thresholds).verdict());
        assertEquals(Verdict.DIGIT, tenOnly.withThresholds(thresholds.withUnsureBelow(0.5)).verdict());
        assertEquals("not-a-digit", Verdict.NOT_A_DIGIT.key());
    }

    @Test
    void temperatureScalesAllElevenOutputsAndKeepsTheDigitAndTheThresholds() {
        VerdictThresholds thresholds = new VerdictThresholds(0.9, 0.2);
        Prediction p = Prediction.of(eleven(0.3f, 0.1f, 0.5f)).withThresholds(thresholds);
        Prediction warm = p.withTemperature(2);
        assertEquals(7, warm.digit());
        assertEquals(thresholds, warm.thresholds());
        // softmax(l / 2) of the digits alone is the square root of each digit probability, renormalised.
        double[] roots = new double[10];
        double sum = 0;
        for (int d = 0; d < 10; d++) {
            roots[d] = Math.sqrt(p.probability(d));
            sum += roots[d];
        }
        assertEquals(roots[7] / sum, warm.confidence(), 1e-5);
        assertTrue(warm.notDigitProbability() < 0.5f, "0.5 is the largest output, so warming lowers it");
    }

    @Test
    void aCardsThresholdsReachEveryPredictionAndSurviveARoundTrip(@TempDir Path folder) {
        Path file = folder.resolve("classifier.zip.properties");
        CardFiles.write(ModelCard.builder().task(Task.CLASSIFY).put(ModelCard.VERDICT_NOT_DIGIT_AT, "0.75")
                .put(ModelCard.VERDICT_UNSURE_BELOW, "0.95").put(ModelCard.CALIBRATION_TEMPERATURE, "1.25").build(), file);
        ModelCard read = CardFiles.read(file);
        assertEquals(new VerdictThresholds(0.75, 0.95), VerdictThresholds.of(read));
        try (ConstantClassifier classifier = new ConstantClassifier(read, "stand-in", 4)) {
            assertEquals(new VerdictThresholds(0.75, 0.95), classifier.verdictThresholds());
            assertEquals(1.25, classifier.temperature());
            Prediction p = classifier.classify(DigitImage.mnist(new float[28 * 28]));
            assertEquals(classifier.verdictThresholds(), p.thresholds());
            assertTrue(p.confidence() < 0.95f);
            assertEquals(Verdict.UNSURE, p.verdict());
        }
        assertEquals(VerdictThresholds.NONE, VerdictThresholds.of(ModelCard.builder().task(Task.CLASSIFY).build()));
    }

    @Test
    void aThresholdThatIsNotAProbabilityIsABadModelFile() {
        for (String key : new String[]{ModelCard.VERDICT_NOT_DIGIT_AT, ModelCard.VERDICT_UNSURE_BELOW}) {
            for (String bad : new String[]{"-0.1", "1.5", "often", "NaN"}) {
                ModelCard card = ModelCard.builder().task(Task.CLASSIFY).put(key, bad).build();
                BadModelFileException e = assertThrows(BadModelFileException.class, () -> VerdictThresholds.of(card), bad);
                assertTrue(e.getMessage().contains(key), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new VerdictThresholds(0.5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new VerdictThresholds(0, 0.5));
    }

    @Test
    void onlyTenOrElevenProbabilitiesMakeAPrediction() {
        assertThrows(DigitsException.class, () -> Prediction.of(new float[12]));
        assertEquals(11, ModelCard.builder().put(ModelCard.LABELS, "0,1,2,3,4,5,6,7,8,9," + ModelCard.NOT_A_DIGIT_LABEL)
                .build().classifierOutputs());
        assertEquals(10, ModelCard.builder().put(ModelCard.LABELS, "0,1,2,3,4,5,6,7,8,9").build().classifierOutputs());
    }
}
