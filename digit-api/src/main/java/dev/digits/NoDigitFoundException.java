package dev.digits;

/** The picture holds no ink that could be a digit (blank, or only specks). Digits never guesses. */
public class NoDigitFoundException extends DigitsException {
    private static final long serialVersionUID = 1L;

    public NoDigitFoundException(String message) {
        super(message);
    }
}
