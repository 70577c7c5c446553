package dev.digits.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.ModelCard;
import dev.digits.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Platt scaling of a number reader's confidence: fitted by maximum likelihood, read from and written to a card. */
class ReadingCalibrationTest {
    /** Readings whose chance of being right is logistic(slope * logOdds(confidence) + offset). */
    private static List<double[]> readings(double slope, double offset, int count, long seed) {
        Random random = new Random(seed);
        List<double[]> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double confidence = 0.02 + 0.97 * random.nextDouble();
            double logOdds = Math.log(confidence / (1 - confidence));
            double right = 1 / (1 + Math.exp(-(slope * logOdds + offset)));
            readings.add(new double[]{confidence, random.nextDouble() < right ? 1 : 0});
        }
        return readings;
    }

    private static double[] slopeOffset(String value) {
        String[] parts = value.split(",");
        return new double[]{Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
    }

    @Test
    void theFitRecoversTheMapTheReadingsWereDrawnFrom() {
        Map<String, String> entries = ReadingCalibration.NONE.refit(readings(0.5, 0.3, 20_000, 1),
                        readings(1.6, -0.4, 20_000, 2), readings(1.1, 0.6, 20_000, 4))
                .refitCleanings(readings(0.3, -0.7, 20_000, 5)).cardEntries();
        double[] agreed = slopeOffset(entries.get(ReadingCalibration.AGREED_KEY));
        double[] disagreed = slopeOffset(entries.get(ReadingCalibration.DISAGREED_KEY));
        double[] miscounted = slopeOffset(entries.get(ReadingCalibration.MISCOUNTED_KEY));
        double[] cleanings = slopeOffset(entries.get(ReadingCalibration.CLEANINGS_KEY));
        assertEquals(0.5, agreed[0], 0.05);
        assertEquals(0.3, agreed[1], 0.05);
        assertEquals(1.6, disagreed[0], 0.1);
        assertEquals(-0.4, disagreed[1], 0.05);
        assertEquals(1.1, miscounted[0], 0.1);
        assertEquals(0.6, miscounted[1], 0.05);
        assertEquals(0.3, cleanings[0], 0.05);
        assertEquals(-0.7, cleanings[1], 0.05);
    }

    @Test
    void aCardsEntriesMapTheConfidenceAndNoEntriesLeaveIt() {
        ModelCard card = ModelCard.builder().task(Task.READ_NUMBERS).put(ReadingCalibration.AGREED_KEY, "0.5,0")
                .put(ReadingCalibration.DISAGREED_KEY, "2, 1").build();
        ReadingCalibration calibration = ReadingCalibration.of(card);
        assertEquals(0.75f, calibration.agreed(0.9f), 1e-6f, "sqrt(9) = 3 to one");
        assertEquals(1 / (1 + Math.exp(-1)), calibration.disagreed(0.5f), 1e-6);
        ReadingCalibration none = ReadingCalibration.of(ModelCard.builder().task(Task.READ_NUMBERS).build());
        assertEquals(0.9f, none.agreed(0.9f));
        assertEquals(0.123f, none.disagreed(0.123f));
        assertEquals(0.123f, none.miscounted(0.123f));
        assertEquals(0.123f, none.cleaningsDiffer(0.123f));
        assertEquals(calibration.disagreed(0.3f), calibration.miscounted(0.3f), "a card from before the two were apart");
        assertEquals(0.4f, calibration.cleaningsDiffer(0.4f));
        assertEquals(ReadingCalibration.of(ModelCard.of(calibration.cardEntries())).cardEntries(), calibration.cardEntries());
    }

    @Test
    void aBadEntryIsABadModelFile() {
        for (String value : new String[]{"0.5", "x,1", "-1,0", "0,0", "1,NaN", "1,2,3"}) {
            ModelCard card = ModelCard.builder().task(Task.READ_NUMBERS).put(ReadingCalibration.DISAGREED_KEY, value).build();
            BadModelFileException e = assertThrows(BadModelFileException.class, () -> ReadingCalibration.of(card), value);
            assertTrue(e.getMessage().contains(ReadingCalibration.DISAGREED_KEY) && e.getMessage().contains("calibrate-reader"),
                    e.getMessage());
        }
    }

    @Test
    void fittingNeedsRightAndWrongReadingsOfEachKind() {
        List<double[]> allRight = List.of(new double[]{0.9, 1}, new double[]{0.6, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadingCalibration.NONE.refit(allRight, readings(1, 0, 100, 3), readings(1, 0, 100, 6)));
        assertTrue(e.getMessage().contains("agreed") && e.getMessage().contains("2 right of 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReadingCalibration.NONE.refit(readings(1, 0, 100, 3), readings(1, 0, 100, 6), List.of()));
        e = assertThrows(IllegalArgumentException.class, () -> ReadingCalibration.NONE.refitCleanings(allRight));
        assertTrue(e.getMessage().contains("cleanings"), e.getMessage());
    }
}
