package dev.digits.read;

import dev.digits.BadModelFileException;
import dev.digits.ModelCard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The calibration of a learned reader's whole-number confidence (Platt scaling): the raw confidence's log-odds
 * times a slope plus an offset, through the logistic function, one pair for readings both readers agree on, one
 * for readings they read as many digits of but differently, and one for readings they read different numbers of
 * digits in. Each case needs its own map: on touching validation numbers the readers agreed on, the raw
 * confidence (0.99) overstated the share read right (0.93), while the disagreed ones' understated it (0.50
 * against 0.64); and when the counts differ, the sequence model, which is then mostly the one given, was right
 * more often (0.80) than when it read as many digits as segmentation but others (0.67). A fourth map applies on
 * top of those when the reader's two cleanings read different texts (see {@link LearnedNumberReader#read}): then
 * the given reading was right in only 4 of 10.
 *
 * <p>Stored in the reader's card as {@value #AGREED_KEY}, {@value #DISAGREED_KEY}, {@value #MISCOUNTED_KEY} and
 * {@value #CLEANINGS_KEY}, each {@code "slope,offset"}. A card without the miscounted map uses the disagreed one
 * for it (the form before the two were apart); any other missing map leaves confidences as they are. Immutable.
 */
final class ReadingCalibration {
    /** The card key of the agreed readings' map. */
    static final String AGREED_KEY = "reading.calibration.agreed";
    /** The card key of the disagreed readings' map. */
    static final String DISAGREED_KEY = "reading.calibration.disagreed";
    /** The card key of the map of readings whose readers read different numbers of digits. */
    static final String MISCOUNTED_KEY = "reading.calibration.miscounted";
    /** The card key of the map applied when the two cleanings read different texts. */
    static final String CLEANINGS_KEY = "reading.calibration.cleanings";
    private static final double[] IDENTITY = {1, 0};
    /** Confidences as they are. */
    static final ReadingCalibration NONE = new ReadingCalibration(IDENTITY, IDENTITY, IDENTITY, IDENTITY);

    private static final double EDGE = 1e-6;

    private final double[] agreed;
    private final double[] disagreed;
    private final double[] miscounted;
    private final double[] cleanings;

    private ReadingCalibration(double[] agreed, double[] disagreed, double[] miscounted, double[] cleanings) {
        this.agreed = agreed;
        this.disagreed = disagreed;
        this.miscounted = miscounted;
        this.cleanings = cleanings;
    }

    /**
     * The calibration a card records, or {@link #NONE}.
     *
     * @throws BadModelFileException when a key's value is not two finite numbers, the slope positive
     */
    static ReadingCalibration of(ModelCard card) {
        double[] disagreed = map(card, DISAGREED_KEY, IDENTITY);
        return new ReadingCalibration(map(card, AGREED_KEY, IDENTITY), disagreed,
                map(card, MISCOUNTED_KEY, disagreed), map(card, CLEANINGS_KEY, IDENTITY));
    }

    private static double[] map(ModelCard card, String key, double[] otherwise) {
        return card.get(key).map(v -> parse(key, v)).orElse(otherwise);
    }

    private static double[] parse(String key, String value) {
        String[] parts = value.split(",");
        try {
            double slope = Double.parseDouble(parts[0].trim());
            double offset = parts.length == 2 ? Double.parseDouble(parts[1].trim()) : Double.NaN;
            if (slope > 0 && Double.isFinite(slope) && Double.isFinite(offset)) {
                return new double[]{slope, offset};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadModelFileException("The reader's card gives " + key + "=" + value
                + "; expected 'slope,offset' with a positive slope: fit it again with 'digits calibrate-reader'");
    }

    /** The calibrated confidence of a reading both readers agree on. */
    float agreed(float confidence) {
        return map(agreed, confidence);
    }

    /** The calibrated confidence of a reading the readers read as many digits of, but differently. */
    float disagreed(float confidence) {
        return map(disagreed, confidence);
    }

    /** The calibrated confidence of a reading the readers read different numbers of digits in. */
    float miscounted(float confidence) {
        return map(miscounted, confidence);
    }

    /** A confidence calibrated by one of the maps above, when the two cleanings read different texts. */
    float cleaningsDiffer(float confidence) {
        return map(cleanings, confidence);
    }

    private static float map(double[] slopeOffset, float confidence) {
        if (slopeOffset[0] == 1 && slopeOffset[1] == 0) {
            return confidence;
        }
        return (float) logistic(slopeOffset[0] * logOdds(confidence) + slopeOffset[1]);
    }

    /**
     * The maximum-likelihood maps for raw confidences and whether each reading was right.
     *
     * @param agreedReadings     {confidence, 1 if right else 0} of readings both readers agreed on
     * @param disagreedReadings  the same for readings they read as many digits of, but differently
     * @param miscountedReadings the same for readings they read different numbers of digits in
     * @return those three maps, and this calibration's map for readings the cleanings read differently
     * @throws IllegalArgumentException when a list is empty or holds only right or only wrong readings
     */
    ReadingCalibration refit(List<double[]> agreedReadings, List<double[]> disagreedReadings,
                             List<double[]> miscountedReadings) {
        return new ReadingCalibration(fitOne("agreed", agreedReadings), fitOne("disagreed", disagreedReadings),
                fitOne("miscounted", miscountedReadings), cleanings);
    }

    /**
     * This calibration with the map for readings the two cleanings read differently fitted anew.
     *
     * @param cleaningsReadings {confidence calibrated by the other maps, 1 if right else 0} of such readings
     * @throws IllegalArgumentException when the list is empty or holds only right or only wrong readings
     */
    ReadingCalibration refitCleanings(List<double[]> cleaningsReadings) {
        return new ReadingCalibration(agreed, disagreed, miscounted, fitOne("cleanings-differ", cleaningsReadings));
    }

    /** Logistic regression on the log-odds by Newton's method, each step halved until the likelihood rises. */
    private static double[] fitOne(String name, List<double[]> readings) {
        long right = readings.stream().filter(r -> r[1] > 0.5).count();
        if (right == 0 || right == readings.size()) {
            throw new IllegalArgumentException("Calibrating " + name + " readings needs right and wrong ones; got "
                    + right + " right of " + readings.size() + ": read more (or harder) numbers");
        }
        double[] x = readings.stream().mapToDouble(r -> logOdds((float) r[0])).toArray();
        double[] y = readings.stream().mapToDouble(r -> r[1]).toArray();
        double slope = 1;
        double offset = 0;
        double likelihood = logLikelihood(x, y, slope, offset);
        for (int iteration = 0; iteration < 100; iteration++) {
            double gs = 0;
            double go = 0;
            double hss = 1e-9;
            double hso = 0;
            double hoo = 1e-9;
            for (int i = 0; i < x.length; i++) {
                double p = logistic(slope * x[i] + offset);
                double w = p * (1 - p);
                gs += (y[i] - p) * x[i];
                go += y[i] - p;
                hss += w * x[i] * x[i];
                hso += w * x[i];
                hoo += w;
            }
            double det = hss * hoo - hso * hso;
            double ds = (hoo * gs - hso * go) / det;
            double dof = (hss * go - hso * gs) / det;
            double step = 1;
            double next = Double.NEGATIVE_INFINITY;
            while (step > 1e-6) {
                next = logLikelihood(x, y, slope + step * ds, offset + step * dof);
                if (next >= likelihood && slope + step * ds > 0) {
                    break;
                }
                step /= 2;
            }
            if (step <= 1e-6) {
                break;
            }
            slope += step * ds;
            offset += step * dof;
            boolean settled = next - likelihood < 1e-10;
            likelihood = next;
            if (settled) {
                break;
            }
        }
        return new double[]{slope, offset};
    }

    private static double logLikelihood(double[] x, double[] y, double slope, double offset) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, logistic(slope * x[i] + offset)));
            sum += y[i] > 0.5 ? Math.log(p) : Math.log(1 - p);
        }
        return sum;
    }

    /** The log-odds of a confidence, clamped a millionth from 0 and 1. */
    static double logOdds(float confidence) {
        double c = Math.min(1 - EDGE, Math.max(EDGE, confidence));
        return Math.log(c / (1 - c));
    }

    private static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The card entries that record this calibration. */
    Map<String, String> cardEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(AGREED_KEY, format(agreed));
        entries.put(DISAGREED_KEY, format(disagreed));
        entries.put(MISCOUNTED_KEY, format(miscounted));
        entries.put(CLEANINGS_KEY, format(cleanings));
        return entries;
    }

    private static String format(double[] slopeOffset) {
        return String.format(Locale.ROOT, "%.4f,%.4f", slopeOffset[0], slopeOffset[1]);
    }

    @Override
    public String toString() {
        return "ReadingCalibration" + cardEntries();
    }
}
