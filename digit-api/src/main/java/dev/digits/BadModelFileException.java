package dev.digits;

/** A model file or model card that is missing, corrupt, or does not describe the model it sits beside. */
public class BadModelFileException extends DigitsException {
    private static final long serialVersionUID = 1L;

    public BadModelFileException(String message) {
        super(message);
    }

    public BadModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
