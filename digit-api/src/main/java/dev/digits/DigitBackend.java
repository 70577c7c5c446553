package dev.digits;

import java.util.Optional;
import java.util.Set;

/**
 * The service interface of a backend: a runtime that runs Digits models, found by {@link Digits} with
 * {@link java.util.ServiceLoader}. An implementation has a public no-argument constructor that does no heavy
 * work (listing backends must never load native code), and is listed in
 * {@code META-INF/services/dev.digits.DigitBackend}.
 *
 * <p>A backend declares the {@link #tasks() tasks} it serves and the model {@link #formats() formats} it loads,
 * and has one factory method per task. Digits chooses the available backend of highest priority that serves
 * the task and loads the model's format, resolves the model (card, checksums, task and format checks) and
 * calls the factory with the verified {@link LoadedModel}: a factory never reads files. Base classes for
 * implementations are in {@code dev.digits.spi}.
 *
 * <p>This interface lives beside {@link Digits} rather than in a package of its own because the front door must
 * know it and it must know the types it makes; a separate package would depend on this one and back.
 */
public interface DigitBackend {

    /** Short lower-case name used to choose the backend: {@code dl4j}, {@code onnx}. */
    String name();

    /** Higher wins when several backends can serve a request and none is asked for by name. */
    int priority();

    /** Whether the backend's native code loads on this machine. Cheap after the first call; never throws. */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, in one line, when it is. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** The Maven coordinates a user adds to get this backend, for messages. */
    String artifact();

    /** The tasks this backend has a factory for. */
    Set<Task> tasks();

    /**
     * The model formats it loads: values of {@link ModelCard#FORMAT}, e.g. {@code onnx}; a backend brings the
     * {@link ModelFormat} that recognises its files.
     */
    Set<String> formats();

    /** Where this backend's bundled models are, if it has any. */
    default Optional<BundledModels> bundledModels() {
        return Optional.empty();
    }

    /**
     * Opens a classifier on a verified model whose task is {@link Task#CLASSIFY}.
     *
     * @throws BadModelFileException       when the model does not load or its card does not fit it
     * @throws BackendUnavailableException when this backend does not classify or its native code does not load
     */
    default DigitClassifier classifier(LoadedModel model) {
        throw unsupported(Task.CLASSIFY);
    }

    /**
     * Opens a generator on a verified model whose task is {@link Task#GENERATE}.
     *
     * @throws BadModelFileException       when the model does not load or its card does not fit it
     * @throws BackendUnavailableException when this backend does not generate or its native code does not load
     */
    default DigitGenerator generator(LoadedModel model) {
        throw unsupported(Task.GENERATE);
    }

    /**
     * Opens the network of a learned number reader on a verified model whose task is {@link Task#READ_NUMBERS}.
     * {@link Digits} pairs it with a classifier (the caller's, or the bundled one) into a {@link NumberReader}, the
     * same on every backend.
     *
     * @throws BadModelFileException       when the model does not load or its card does not fit it
     * @throws BackendUnavailableException when this backend does not read numbers or its native code does not load
     */
    default NumberSequenceModel numberSequenceModel(LoadedModel model) {
        throw unsupported(Task.READ_NUMBERS);
    }

    /** The exception for a task this backend has no factory for, naming the tasks it has. */
    default BackendUnavailableException unsupported(Task task) {
        return new BackendUnavailableException("Backend '" + name() + "' cannot " + task.id() + "; it serves "
                + Tasks.describe(tasks()));
    }

    /**
     * The class-path folder of a backend's bundled models: the model {@code NAME.EXTENSION} in {@code folder},
     * with its card {@code NAME.EXTENSION.properties}.
     *
     * @param anchor    a class of the backend's jar, to load the resources with
     * @param folder    the folder, starting and ending with {@code /}
     * @param extension the model files' extension, e.g. {@code onnx}
     */
    record BundledModels(Class<?> anchor, String folder, String extension) {
        public BundledModels {
            if (!folder.startsWith("/") || !folder.endsWith("/")) {
                throw new IllegalArgumentException("The folder starts and ends with '/', got " + folder);
            }
        }

        /** The resource path of a bundled model file. */
        public String modelPath(String name) {
            return folder + name + "." + extension;
        }

        /** The resource path of a bundled model's card. */
        public String cardPath(String name) {
            return modelPath(name) + ".properties";
        }
    }
}
