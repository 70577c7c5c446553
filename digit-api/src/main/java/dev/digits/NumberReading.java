package dev.digits;

import java.util.List;
import java.util.Objects;

/**
 * A number read from a picture: its text and each digit with where it is and how sure the reader is.
 *
 * @param text       the digits read, left to right ({@code "2024"}); separators are not part of it
 * @param digits     each digit read, left to right
 * @param confidence how sure the reader is of the whole number, 0..1
 */
public record NumberReading(String text, List<ReadDigit> digits, float confidence) {
    public NumberReading {
        Objects.requireNonNull(text, "text");
        digits = List.copyOf(digits);
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
