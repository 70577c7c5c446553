package dev.digits;

/**
 * Root of every error Digits reports. Unchecked: callers catch the precise subclass they can act on.
 * Messages say what went wrong and what to do about it.
 */
public class DigitsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DigitsException(String message) {
        super(message);
    }

    public DigitsException(String message, Throwable cause) {
        super(message, cause);
    }
}
