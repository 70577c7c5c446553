package dev.digits;

import java.util.Optional;
import java.util.Set;

/**
 * A model file format, as the backend that loads it knows it: how to recognise its bytes, the card a file of the
 * format may carry inside, and the side files it reads its weights from. Digits' loader asks the formats on the
 * class path (found with {@link java.util.ServiceLoader}, listed in
 * {@code META-INF/services/dev.digits.ModelFormat}) and so knows no format itself: a new backend brings its
 * format without touching digit-api.
 *
 * <p>Implementations have a public no-argument constructor, are pure Java (no native code: a format must be
 * recognised even where its backend's runtime does not load), stateless and safe for concurrent use. Every
 * method takes untrusted bytes: it answers or throws a {@link DigitsException}, nothing else.
 */
public interface ModelFormat {

    /** The values of the card's {@link ModelCard#FORMAT} entry this format covers, e.g. {@code onnx}. */
    Set<String> names();

    /**
     * Which of {@link #names()} these bytes are, when they are of this format; empty otherwise. Looks only as far
     * as it needs to (usually the first bytes).
     */
    Optional<String> recognise(byte[] model);

    /**
     * The card a model file of this format carries inside, checked against the part of the file it covers;
     * empty when it carries none.
     *
     * @param what names the model in messages
     * @throws ChecksumMismatchException when the card does not describe the file it is in
     * @throws BadModelFileException     when the card inside is malformed
     */
    default Optional<ModelCard> embeddedCard(byte[] model, String what) {
        return Optional.empty();
    }

    /**
     * The side files a model of this format reads (e.g. ONNX external data), by the locations the model names,
     * relative to the model file's folder; empty for self-contained files.
     *
     * @param what names the model in messages
     * @throws BadModelFileException when the bytes are not a well-formed model of this format
     */
    default Set<String> sideFiles(byte[] model, String what) {
        return Set.of();
    }

    /**
     * Whether a file starting with these bytes may carry its card inside ({@link #embeddedCard}): asked before a
     * file without a card beside it is read whole, so that a large file that cannot carry one is refused at once.
     * False by default (cards beside the file only).
     *
     * @param head the file's first bytes (up to 64; fewer when it is shorter)
     */
    default boolean mayCarryCard(byte[] head) {
        return false;
    }

    /**
     * Refuses a model whose bytes would grow beyond {@link #maxInflatedBytes(long)} when its backend
     * loads it (e.g. a zip whose entries inflate to gigabytes), before the backend is given them. Formats whose
     * bytes are loaded as they are need not check anything (the default).
     *
     * @param what names the model in messages
     * @throws BadModelFileException when the model would inflate beyond the bound, or its packing is damaged
     */
    default void checkExpansion(byte[] model, String what) {
    }

    /** The Maven coordinates of the backend that loads this format, for messages. */
    String artifact();

    /**
     * The most bytes a model of {@code compressedBytes} may inflate to when loaded: far above Digits' own models,
     * and raised with the setting {@link #limitSetting()} names. For {@link #checkExpansion}.
     */
    static long maxInflatedBytes(long compressedBytes) {
        return ModelLimits.maxInflatedBytes(compressedBytes);
    }

    /** How a user raises the bounds on model files, for messages: the system property and environment variable. */
    static String limitSetting() {
        return ModelLimits.setting();
    }
}
