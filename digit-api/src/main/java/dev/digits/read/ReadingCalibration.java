package dev.digits.read;

import dev.digits.BadModelFileException;
import dev.digits.ModelCard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The calibration of a learned reader's whole-number confidence (Platt scaling): the raw confidence's log-odds
 * times a slope plus an offset, through the logistic function, one pair for readings both readers agree on and one
 * for readings they do not. Agreement and disagreement need apart maps: on touching validation numbers the
 * readers agreed on, the raw confidence (0.99) overstated the share read right (0.93), while the disagreed ones'
 * understated it (0.50 against 0.64). Stored in the reader's card as {@value #AGREED_KEY} and
 * {@value #DISAGREED_KEY}, {@code "slope,offset"}; a card without them is read uncalibrated. Immutable.
 */
final class ReadingCalibration {
    /** The card key of the agreed readings' map. */
    static final String AGREED_KEY = "reading.calibration.agreed";
    /** The card key of the disagreed readings' map. */
    static final String DISAGREED_KEY = "reading.calibration.disagreed";
    /** Confidences as they are. */
    static final ReadingCalibration NONE = new ReadingCalibration(new double[]{1, 0}, new double[]{1, 0});

    private static final double EDGE = 1e-6;

    private final double[] agreed;
    private final double[] disagreed;

    private ReadingCalibration(double[] agreed, double[] disagreed) {
        this.agreed = agreed;
        this.disagreed = disagreed;
    }

    /**
     * The calibration a card records, or {@link #NONE}.
     *
     * @throws BadModelFileException when a key's value is not two finite numbers, the slope positive
     */
    static ReadingCalibration of(ModelCard card) {
        return new ReadingCalibration(card.get(AGREED_KEY).map(v -> parse(AGREED_KEY, v)).orElse(NONE.agreed),
                card.get(DISAGREED_KEY).map(v -> parse(DISAGREED_KEY, v)).orElse(NONE.disagreed));
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

    /** The calibrated confidence of a reading the readers disagree on. */
    float disagreed(float confidence) {
        return map(disagreed, confidence);
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
     * @param agreedReadings    {confidence, 1 if right else 0} of readings both readers agreed on
     * @param disagreedReadings the same for readings they did not
     * @throws IllegalArgumentException when either list is empty or holds only right or only wrong readings
     */
    static ReadingCalibration fit(List<double[]> agreedReadings, List<double[]> disagreedReadings) {
        return new ReadingCalibration(fitOne("agreed", agreedReadings), fitOne("disagreed", disagreedReadings));
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

    private static double logOdds(float confidence) {
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
