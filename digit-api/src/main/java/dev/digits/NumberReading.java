package dev.digits;

import java.util.List;
import java.util.Objects;

/**
 * A number read from a picture: its text and each digit with where it is and how sure the reader is.
 *
 * @param text       the digits read, left to right ({@code "2024"}); separators are not part of it
 * @param digits     each digit read, left to right
 * @param confidence how sure the reader is of the whole number, 0..1
 * @param separators where the marks between digits are (a dot, comma or dash, as in "3.5" or "12-34"), left to
 *                   right; they are not read as digits. Empty when the reader found none or does not look for them.
 */
public record NumberReading(String text, List<ReadDigit> digits, float confidence, List<Box> separators) {
    public NumberReading {
        Objects.requireNonNull(text, "text");
        digits = List.copyOf(digits);
        separators = List.copyOf(separators);
    }

    /** A reading without separators (the form before separators were reported). */
    public NumberReading(String text, List<ReadDigit> digits, float confidence) {
        this(text, digits, confidence, List.of());
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
