package dev.digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static Prediction confident(int digit, float confidence) {
        float[] p = new float[10];
        java.util.Arrays.fill(p, (1 - confidence) / 9);
        p[digit] = confidence;
        return Prediction.of(p);
    }

    @Test
    void eceIsTheWeightedGapBetweenConfidenceAndAccuracy() {
        // Ten answers at 0.9 of which 9 right: calibrated. Ten at 0.7 of which 5 right: 0.2 off, half the answers.
        List<Prediction> predictions = new ArrayList<>();
        int[] labels = new int[20];
        for (int i = 0; i < 10; i++) {
            predictions.add(confident(3, 0.9f));
            labels[i] = i < 9 ? 3 : 4;
        }
        for (int i = 10; i < 20; i++) {
            predictions.add(confident(5, 0.7f));
            labels[i] = i < 15 ? 5 : 6;
        }
        assertEquals(0.1, Calibration.expectedCalibrationError(predictions, labels), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Calibration.expectedCalibrationError(predictions, new int[3]));
    }

    /** Predictions made from logits, with labels drawn from the same logits at temperature 2: the fit finds about 2. */
    @Test
    void theFittedTemperatureUndoesKnownOverconfidence() {
        Random random = new Random(5);
        int n = 4000;
        List<Prediction> predictions = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] logits = new double[10];
            for (int k = 0; k < 10; k++) {
                logits[k] = 3 * random.nextGaussian();
            }
            predictions.add(Prediction.of(softmax(logits, 1)));
            float[] truth = softmax(logits, 2);
            double u = random.nextDouble();
            int label = 0;
            for (double c = truth[0]; c < u && label < 9; c += truth[++label]) {
                // walk the cumulative distribution
            }
            labels[i] = label;
        }
        double t = Calibration.fitTemperature(predictions, labels);
        assertEquals(2, t, 0.25);
        List<Prediction> calibrated = Calibration.withTemperature(predictions, t);
        assertTrue(Calibration.expectedCalibrationError(calibrated, labels) < Calibration.expectedCalibrationError(predictions, labels));
        assertTrue(Calibration.negativeLogLikelihood(calibrated, labels) < Calibration.negativeLogLikelihood(predictions, labels));
    }

    @Test
    void temperatureKeepsTheDigitAndChangesTheConfidence() {
        Prediction p = confident(7, 0.9f);
        assertEquals(7, p.withTemperature(2).digit());
        assertTrue(p.withTemperature(2).confidence() < 0.9f);
        assertTrue(p.withTemperature(0.5).confidence() > 0.9f);
        assertEquals(p, p.withTemperature(1));
        assertEquals(0.9f, p.withTemperature(2).withTemperature(0.5).confidence(), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> p.withTemperature(0));
        assertThrows(IllegalArgumentException.class, () -> p.withTemperature(Double.NaN));
    }

    private static float[] softmax(double[] logits, double t) {
        double max = java.util.Arrays.stream(logits).max().orElse(0);
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.exp((logits[i] - max) / t);
            sum += e[i];
        }
        float[] p = new float[e.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
