package dev.digits.spi;

import dev.digits.BackendUnavailableException;
import dev.digits.DigitClassifier;
import dev.digits.ModelSource;

/**
 * A runtime that runs Digits models, found with {@link java.util.ServiceLoader}. Implementations have a
 * public no-argument constructor, do no heavy work in it, and are listed in
 * {@code META-INF/services/dev.digits.spi.DigitBackend}.
 */
public interface DigitBackend {

    /** Short lower-case name used to choose the backend: {@code dl4j}, {@code onnx}. */
    String name();

    /** Higher wins when several backends are available and none is asked for by name. */
    int priority();

    /** Whether the backend's native code loads on this machine. Cheap after the first call; never throws. */
    boolean isAvailable();

    /** The Maven coordinates a user adds to get this backend, for error messages. */
    String artifact();

    /**
     * Opens a classifier.
     *
     * @throws dev.digits.BadModelFileException when the model or its card is missing or corrupt
     * @throws BackendUnavailableException when the backend's native code does not load
     */
    DigitClassifier classifier(ModelSource source);
}
