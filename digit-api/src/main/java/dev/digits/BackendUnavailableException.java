package dev.digits;

/** The requested backend is not on the class path, or its native code does not load on this machine. */
public class BackendUnavailableException extends DigitsException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
