package dev.digits;

/** A picture that cannot be read or used: unreadable file, unsupported format, absurd dimensions. */
public class BadImageException extends DigitsException {
    private static final long serialVersionUID = 1L;

    public BadImageException(String message) {
        super(message);
    }

    public BadImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
