package dev.digits;

/** A file's checksum differs from the one it must have; the file was not used. */
public class ChecksumMismatchException extends DigitsException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String what, String expected, String actual) {
        this(what, expected, actual, "Delete it and fetch it again.");
    }

    /**
     * A mismatch whose remedy is not "fetch it again", e.g. a model against a card someone wrote by hand, where
     * either side may be the wrong one.
     *
     * @param whatToDo the sentence that ends the message
     */
    public ChecksumMismatchException(String what, String expected, String actual, String whatToDo) {
        super(what + " has SHA-256 " + actual + " but must have " + expected + "; the file was not used. " + whatToDo);
        this.expected = expected;
        this.actual = actual;
    }

    /** The checksum the file must have (lower-case hex). */
    public String expected() {
        return expected;
    }

    /** The checksum the file had (lower-case hex). */
    public String actual() {
        return actual;
    }
}
