package dev.digits.data;

import dev.digits.DigitsException;

/** A data set could not be found in the cache nor fetched from any of its sources. */
public class DataUnavailableException extends DigitsException {
    private static final long serialVersionUID = 1L;

    public DataUnavailableException(String message) {
        super(message);
    }

    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
