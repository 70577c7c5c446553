package dev.digits.eval;

import dev.digits.DigitsException;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.data.LabelledPictures;
import dev.digits.data.SyntheticNumbers;
import dev.digits.preprocess.Pictures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How well a number reader reads: the share of numbers read exactly (sequence accuracy), the share of
 * digits read right (digit accuracy), sequence accuracy by the number's length, and the numbers misread.
 * Measure a reader with {@link #ofSynthetic} or {@link #ofPictures}, or collect readings with {@link #add};
 * not thread-safe.
 *
 * <p>Digit accuracy counts, per number, its length minus the edit distance (insertions, deletions,
 * substitutions) between the true and the read text, at least 0, over all true digits: one digit misread,
 * missed or added costs one digit, and a number split or joined wrongly is not counted wholly wrong.
 */
public final class NumberEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(NumberEvaluation.class);
    private final Map<Integer, int[]> byLength = new TreeMap<>();
    private final List<Misread> misread = new ArrayList<>();
    private int count;
    private int correct;
    private long digits;
    private long digitsRight;
    private final List<double[]> judged = new ArrayList<>();

    /**
     * One number read wrongly.
     *
     * @param item  the picture's file name or index
     * @param label the true text
     * @param read  what was read; null when the reader found no digit or failed
     */
    public record Misread(String item, String label, String read) {
    }

    /**
     * Records one reading with its confidence and verdict, for the calibration figures as well.
     *
     * @param reading what the reader read, null when it gave nothing (a wrong answer, not an error)
     */
    public void addReading(String item, String label, NumberReading reading) {
        add(item, label, reading == null ? null : reading.text());
        if (reading != null) {
            judged.add(new double[]{reading.confidence(), label.equals(reading.text()) ? 1 : 0,
                    reading.isConfident() ? 1 : 0});
        }
    }

    /**
     * Records one reading.
     *
     * @param read the text read, null when the reader gave none (a wrong answer, not an error)
     */
    public void add(String item, String label, String read) {
        Objects.requireNonNull(label, "label");
        count++;
        int[] length = byLength.computeIfAbsent(label.length(), n -> new int[2]);
        length[1]++;
        digits += label.length();
        if (label.equals(read)) {
            correct++;
            length[0]++;
            digitsRight += label.length();
            return;
        }
        digitsRight += Math.max(0, label.length() - editDistance(label, read == null ? "" : read));
        misread.add(new Misread(item, label, read));
    }

    /**
     * Reads the first {@code count} numbers of a synthetic set, named by their index; a number the reader finds
     * nothing in or fails on is a wrong answer.
     *
     * @param each run after each number (for progress), may be null
     */
    public static NumberEvaluation ofSynthetic(NumberReader reader, SyntheticNumbers numbers, int count, Runnable each) {
        NumberEvaluation evaluation = new NumberEvaluation();
        for (int i = 0; i < count; i++) {
            SyntheticNumbers.Sample sample = numbers.sample(i);
            evaluation.addReading(String.valueOf(i), sample.text(), read(reader, sample.picture(), i));
            if (each != null) {
                each.run();
            }
        }
        return evaluation;
    }

    /**
     * Reads every picture of a folder (a manifest's entries, labelled with the number's text), named by their file
     * relative to {@code folder}; a picture that cannot be read (logged as a warning) or read from is a wrong
     * answer, never an abort.
     *
     * @param each run after each picture (for progress), may be null
     */
    public static NumberEvaluation ofPictures(NumberReader reader, Path folder, List<LabelledPictures.Entry> entries,
                                              Runnable each) {
        NumberEvaluation evaluation = new NumberEvaluation();
        Path base = folder.toAbsolutePath();
        for (LabelledPictures.Entry entry : entries) {
            String name = base.relativize(entry.file()).toString();
            NumberReading read;
            try {
                read = read(reader, Pictures.read(entry.file()), name);
            } catch (DigitsException e) {
                LOG.warn("Cannot read {}: {}", name, e.getMessage());
                read = null;
            }
            evaluation.addReading(name, entry.label(), read);
            if (each != null) {
                each.run();
            }
        }
        return evaluation;
    }

    /** The reading, or null when the reader finds no number there: a wrong answer, not an abort. */
    static NumberReading read(NumberReader reader, BufferedImage picture, Object item) {
        try {
            return reader.read(picture);
        } catch (DigitsException e) {
            LOG.debug("No reading of {}: {}", item, e.getMessage());
            return null;
        }
    }

    /** Numbers recorded. */
    public int count() {
        return count;
    }

    /** Numbers read exactly. */
    public int correct() {
        return correct;
    }

    /** The share of numbers read exactly, 0..1 (0 when none was recorded). */
    public double sequenceAccuracy() {
        return count == 0 ? 0 : (double) correct / count;
    }

    /** The share of true digits read right, 0..1, as described above. */
    public double digitAccuracy() {
        return digits == 0 ? 0 : (double) digitsRight / digits;
    }

    /** Sequence accuracy by the true number's length, shortest first. */
    public Map<Integer, Double> byLength() {
        Map<Integer, Double> result = new TreeMap<>();
        byLength.forEach((length, counts) -> result.put(length, (double) counts[0] / counts[1]));
        return Collections.unmodifiableMap(result);
    }

    /**
     * The expected calibration error of the whole-number confidence over the readings recorded with one: readings
     * in ten bins of confidence, each bin's |accuracy − mean confidence| weighted by its share; 0 when none.
     */
    public double expectedCalibrationError() {
        int bins = 10;
        double[] confidence = new double[bins];
        double[] right = new double[bins];
        int[] n = new int[bins];
        for (double[] r : judged) {
            int bin = Math.min(bins - 1, (int) (r[0] * bins));
            confidence[bin] += r[0];
            right[bin] += r[1];
            n[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                ece += Math.abs(right[b] - confidence[b]) / judged.size();
            }
        }
        return ece;
    }

    /** How many readings were wrong although their confidence was at least {@code confidence}. */
    public int wrongAtOrAbove(double confidence) {
        return (int) judged.stream().filter(r -> r[0] >= confidence && r[1] == 0).count();
    }

    /** The share of readings with verdict {@code unsure} among those recorded with one (0 when none). */
    public double unsureShare() {
        return judged.isEmpty() ? 0 : judged.stream().filter(r -> r[2] == 0).count() / (double) judged.size();
    }

    /** The sequence accuracy of the readings with verdict {@code number} (0 when none). */
    public double confidentAccuracy() {
        long confident = judged.stream().filter(r -> r[2] == 1).count();
        return confident == 0 ? 0 : judged.stream().filter(r -> r[2] == 1 && r[1] == 1).count() / (double) confident;
    }

    /** The numbers read wrongly, in the order recorded. */
    public List<Misread> misread() {
        return Collections.unmodifiableList(misread);
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
