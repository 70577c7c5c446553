package dev.digits.data;

import dev.digits.DigitsException;

/** A data file (IDX, manifest, data set) that is malformed: truncated, wrong magic number, inconsistent counts. */
public class BadDataException extends DigitsException {
    private static final long serialVersionUID = 1L;

    public BadDataException(String message) {
        super(message);
    }

    public BadDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
