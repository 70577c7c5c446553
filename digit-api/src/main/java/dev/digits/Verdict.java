package dev.digits;

import java.util.Locale;

/**
 * Which of three things a classifier concluded about a picture: it shows a digit, it shows something that
 * is not a digit, or it shows a digit the classifier is not sure of.
 */
public enum Verdict {
    /** A digit, named with enough confidence. */
    DIGIT,
    /** Not one digit: a letter, a doodle, two digits, a photo of something else. */
    NOT_A_DIGIT,
    /** Probably a digit, but no digit reaches the confidence asked for. */
    UNSURE;

    /** The name used in JSON and on the command line: {@code digit}, {@code not-a-digit}, {@code unsure}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
