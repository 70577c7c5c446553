package dev.digits;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A number read from a picture: its text and each digit with where it is and how sure the reader is, and the
 * reader's verdict on the whole.
 *
 * @param text           the digits read, left to right ({@code "2024"}); separators are not part of it
 * @param digits         each digit read, left to right
 * @param confidence     how sure the reader is of the whole number, 0..1: the probability that every digit is
 *                       right and none is missing or extra
 * @param separators     where the marks between digits are (a dot, comma or dash, as in "3.5" or "12-34"), left
 *                       to right; they are not read as digits. Empty when the reader found none or does not look
 *                       for them.
 * @param verdict        {@link Verdict#NUMBER}, or {@link Verdict#UNSURE} when the reading should not be trusted
 *                       without a look (see {@code doubt})
 * @param doubt          why the reader is unsure, for a person to read; empty when the verdict is
 *                       {@link Verdict#NUMBER}
 * @param candidateLines how many lines of digit-like ink the picture held; the reading is of the most digit-like
 *                       one. More than 1 means the picture held other writing too.
 */
public record NumberReading(String text, List<ReadDigit> digits, float confidence, List<Box> separators,
                            Verdict verdict, String doubt, int candidateLines) {
    /** What the reader concluded about the whole number. */
    public enum Verdict {
        /** The text is the number, as sure as {@link #confidence()} says. */
        NUMBER,
        /** The text is the reader's best guess, but something is off (see {@link #doubt()}). */
        UNSURE;

        /** The name used in JSON and on the command line: {@code number}, {@code unsure}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NumberReading {
        Objects.requireNonNull(text, "text");
        digits = List.copyOf(digits);
        separators = List.copyOf(separators);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(doubt, "doubt");
        if (verdict == Verdict.UNSURE && doubt.isBlank()) {
            throw new IllegalArgumentException("An unsure reading says why (doubt is empty)");
        }
        if (candidateLines < 0) {
            throw new IllegalArgumentException("candidateLines must be at least 0, got " + candidateLines);
        }
    }

    /** A reading without separators (the form before separators were reported); verdict {@link Verdict#NUMBER}. */
    public NumberReading(String text, List<ReadDigit> digits, float confidence) {
        this(text, digits, confidence, List.of());
    }

    /** A reading on one line with verdict {@link Verdict#NUMBER} (the form before verdicts were reported). */
    public NumberReading(String text, List<ReadDigit> digits, float confidence, List<Box> separators) {
        this(text, digits, confidence, separators, Verdict.NUMBER, "", 1);
    }

    /** This reading with another confidence and verdict; {@code doubt} must be given for {@link Verdict#UNSURE}. */
    public NumberReading judged(float newConfidence, Verdict newVerdict, String newDoubt) {
        return new NumberReading(text, digits, newConfidence, separators, newVerdict, newDoubt, candidateLines);
    }

    /** This reading, saying how many candidate lines the picture held. */
    public NumberReading withCandidateLines(int lines) {
        return new NumberReading(text, digits, confidence, separators, verdict, doubt, lines);
    }

    /** Whether the verdict is {@link Verdict#NUMBER}. */
    public boolean isConfident() {
        return verdict == Verdict.NUMBER;
    }

    /**
     * One digit of a number.
     *
     * @param prediction what the classifier said of it
     * @param box        where it is in the picture
     */
    public record ReadDigit(Prediction prediction, Box box) {
        public ReadDigit {
            Objects.requireNonNull(prediction, "prediction");
            Objects.requireNonNull(box, "box");
        }
    }
}
