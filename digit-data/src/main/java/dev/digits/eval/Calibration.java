package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import java.util.List;

/**
 * How well a classifier's confidence matches how often it is right, and temperature scaling to improve it
 * (Guo et al., 2017): one number fitted on held-out data that softens or sharpens every prediction alike.
 * Stateless.
 */
public final class Calibration {
    /** Bins of the expected calibration error, as is usual. */
    public static final int BINS = 15;
    private static final double MIN_T = 0.05;
    private static final double MAX_T = 20;

    private Calibration() {
    }

    /**
     * A temperature fitted on validation pictures and its effect on test pictures.
     *
     * @param temperature         the fitted temperature, for the model's own probabilities
     * @param cardTemperature     the temperature the classifier applied already (its card's; 1 when none)
     * @param validationSize      validation pictures the temperature was fitted on
     * @param validationNllBefore negative log-likelihood of the validation labels without any temperature
     * @param validationNll       the same with the fitted temperature
     * @param eceBefore           expected calibration error on the test pictures without any temperature
     * @param ece                 the same with the fitted temperature
     */
    public record Fit(double temperature, double cardTemperature, int validationSize, double validationNllBefore,
                      double validationNll, double eceBefore, double ece) {
    }

    /**
     * Fits a classifier's temperature on {@code validation} (never the test set) and measures the calibration
     * error on {@code test} without and with it. The classifier's own temperature is undone first, so that both
     * the fit and the "before" figures are on the model's own probabilities.
     */
    public static Fit fit(DigitClassifier classifier, DigitDataset validation, DigitDataset test) {
        double current = classifier.temperature();
        List<Prediction> validationRaw = withTemperature(classifier.classify(validation.images()), 1 / current);
        List<Prediction> testRaw = withTemperature(classifier.classify(test.images()), 1 / current);
        int[] validationLabels = validation.labels();
        int[] testLabels = test.labels();
        double t = fitTemperature(validationRaw, validationLabels);
        return new Fit(t, current, validation.size(), negativeLogLikelihood(validationRaw, validationLabels),
                negativeLogLikelihood(withTemperature(validationRaw, t), validationLabels),
                expectedCalibrationError(testRaw, testLabels), expectedCalibrationError(withTemperature(testRaw, t), testLabels));
    }

    /**
     * The expected calibration error over {@value #BINS} equal-width confidence bins: the mean, weighted by the
     * share of predictions in each bin, of |accuracy − mean confidence| there.
     *
     * @param predictions the classifier's answers
     * @param labels      the true digit of each
     */
    public static double expectedCalibrationError(List<Prediction> predictions, int[] labels) {
        check(predictions, labels);
        double[] confidence = new double[BINS];
        int[] right = new int[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < labels.length; i++) {
            Prediction p = predictions.get(i);
            int bin = Math.min(BINS - 1, (int) (p.confidence() * BINS));
            confidence[bin] += p.confidence();
            right[bin] += p.digit() == labels[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(right[b] - confidence[b]) / labels.length;
            }
        }
        return ece;
    }

    /** The mean negative log-likelihood of the true digits. */
    public static double negativeLogLikelihood(List<Prediction> predictions, int[] labels) {
        check(predictions, labels);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(1e-12, predictions.get(i).probability(labels[i])));
        }
        return sum / labels.length;
    }

    /**
     * The temperature, between {@value #MIN_T} and {@value #MAX_T}, that minimises the negative log-likelihood
     * of the true digits once applied to {@code predictions} (golden-section search on its logarithm; the
     * likelihood is unimodal in the temperature). Fit it on a validation split, never on the test set.
     */
    public static double fitTemperature(List<Prediction> predictions, int[] labels) {
        check(predictions, labels);
        double a = Math.log(MIN_T);
        double b = Math.log(MAX_T);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a);
        double d = a + ratio * (b - a);
        double fc = nllAt(predictions, labels, c);
        double fd = nllAt(predictions, labels, d);
        for (int i = 0; i < 60; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = nllAt(predictions, labels, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = nllAt(predictions, labels, d);
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Every prediction with temperature {@code t} applied. */
    public static List<Prediction> withTemperature(List<Prediction> predictions, double t) {
        return predictions.stream().map(p -> p.withTemperature(t)).toList();
    }

    private static double nllAt(List<Prediction> predictions, int[] labels, double logT) {
        return negativeLogLikelihood(withTemperature(predictions, Math.exp(logT)), labels);
    }

    private static void check(List<Prediction> predictions, int[] labels) {
        if (predictions.size() != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("Need as many labels as predictions, and at least one: "
                    + predictions.size() + " predictions, " + labels.length + " labels");
        }
    }
}
