package dev.digits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much Digits reads and inflates to load a model, so that a hostile file (a huge file without a card,
 * {@code /dev/zero}, a zip whose entries inflate to gigabytes) is refused in milliseconds instead of costing
 * gigabytes of memory. The bundled models are 0.7 to 2.4 MB; the default limit, {@value #DEFAULT_MAX_MODEL_BYTES}
 * bytes (512 MiB), is far above them. It bounds a model file, each of its side files, and what a compressed
 * model format inflates to; set it with the system property {@value #PROPERTY} or the environment variable
 * {@value #ENVIRONMENT} (bytes, or with a suffix: {@code 2g}, {@code 800m}).
 */
final class ModelLimits {
    /** The default bound on a model file, a side file and what a model inflates to. */
    public static final long DEFAULT_MAX_MODEL_BYTES = 512L << 20;
    /** The system property that sets the bound. */
    public static final String PROPERTY = "digits.model.maxBytes";
    /** The environment variable that sets the bound (when the property is not set). */
    public static final String ENVIRONMENT = "DIGITS_MODEL_MAX_BYTES";
    /** A card is a short text file; anything longer is not one. */
    public static final long MAX_CARD_BYTES = 1L << 20;
    /**
     * What a compressed model may inflate to, at least (small models): models compress little (weights are
     * nearly random floats), so an expansion far beyond {@value #INFLATION_RATIO} times is a bomb, not a model.
     */
    public static final long MIN_INFLATED_BYTES = 64L << 20;
    /** How many times its size a compressed model may inflate to, above {@link #MIN_INFLATED_BYTES}. */
    public static final int INFLATION_RATIO = 32;

    private ModelLimits() {
    }

    /** The bound on a model file, a side file and what a model inflates to: the setting, else the default. */
    public static long maxModelBytes() {
        String text = System.getProperty(PROPERTY);
        String source = PROPERTY;
        if (text == null || text.isBlank()) {
            text = System.getenv(ENVIRONMENT);
            source = ENVIRONMENT;
        }
        if (text == null || text.isBlank()) {
            return DEFAULT_MAX_MODEL_BYTES;
        }
        return parseBytes(text, source);
    }

    /** What a compressed model of {@code compressedBytes} may inflate to: see {@link #INFLATION_RATIO}. */
    public static long maxInflatedBytes(long compressedBytes) {
        long byRatio = compressedBytes > Long.MAX_VALUE / INFLATION_RATIO ? Long.MAX_VALUE : compressedBytes * INFLATION_RATIO;
        return Math.min(maxModelBytes(), Math.max(MIN_INFLATED_BYTES, byRatio));
    }

    static long parseBytes(String text, String source) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            long value = Math.multiplyExact(Long.parseLong(t), unit);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new DigitsException(source + " is '" + text + "'; give a positive number of bytes, e.g. 1073741824"
                    + " or 1g");
        }
    }

    /**
     * Reads a whole file of at most {@code limit} bytes, refusing anything that is not a regular file (a device,
     * a FIFO, a folder) and anything longer, before reading it; also a file that grows past the limit while read.
     *
     * @param what    names the file in messages, e.g. "model /x/y.zip"
     * @param setting how to raise the limit, for the message; null when it cannot be raised
     * @throws BadModelFileException when the file is missing, special, too long or unreadable
     */
    static byte[] read(Path file, long limit, String what, String setting) {
        if (!Files.exists(file)) {
            throw new BadModelFileException(capitalised(what) + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadModelFileException(capitalised(what) + " is not a regular file (a device, FIFO or folder);"
                    + " name a model file");
        }
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw tooLong(what, size, limit, setting);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (bytes.length > limit) {
                    throw tooLong(what, bytes.length, limit, setting);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new BadModelFileException(capitalised(what) + " does not exist");
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code count} bytes of a file (fewer when it is shorter). */
    static byte[] head(Path file, int count, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static BadModelFileException tooLong(String what, long size, long limit, String setting) {
        // A file that grew while read is known only to be longer than the limit.
        String length = size == limit + 1 ? "over " + limit + " bytes long" : size + " bytes long";
        return new BadModelFileException(capitalised(what) + " is " + length + ", over the " + limit + " bytes a model"
                + " may have" + (setting == null ? "" : "; if it really is one, raise the limit with " + setting));
    }

    /** How to raise {@link #maxModelBytes()}, for messages. */
    public static String setting() {
        return "-D" + PROPERTY + "=BYTES or " + ENVIRONMENT + "=BYTES (now " + maxModelBytes() + ")";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
