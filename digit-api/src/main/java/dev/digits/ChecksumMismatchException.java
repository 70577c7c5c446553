package dev.digits;

/** A file's checksum differs from the one it must have; the file was not used. */
public class ChecksumMismatchException extends DigitsException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String what, String expected, String actual) {
        super(what + " has SHA-256 " + actual + " but must have " + expected
                + "; the file was not used. Delete it and fetch it again.");
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
