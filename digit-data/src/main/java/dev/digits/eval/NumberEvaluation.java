package dev.digits.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How well a number reader reads: the share of numbers read exactly (sequence accuracy), the share of
 * digits read right (digit accuracy), sequence accuracy by the number's length, and the numbers misread.
 * Collect with {@link #add}; not thread-safe.
 *
 * <p>Digit accuracy counts, per number, its length minus the edit distance (insertions, deletions,
 * substitutions) between the true and the read text, at least 0, over all true digits: one digit misread,
 * missed or added costs one digit, and a number split or joined wrongly is not counted wholly wrong.
 */
public final class NumberEvaluation {
    private final Map<Integer, int[]> byLength = new TreeMap<>();
    private final List<Misread> misread = new ArrayList<>();
    private int count;
    private int correct;
    private long digits;
    private long digitsRight;

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
