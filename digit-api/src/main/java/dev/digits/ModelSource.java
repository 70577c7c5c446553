package dev.digits;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a backend finds a model: a model bundled in the backend's jar, by name, or a model file with its
 * card ({@code .properties}) beside it.
 */
public sealed interface ModelSource {

    /** The bundled digit classifier. */
    ModelSource CLASSIFIER = bundled("classifier");

    /** A model bundled with the backend, e.g. {@code "classifier"}. */
    static ModelSource bundled(String name) {
        return new Bundled(name);
    }

    /** A model file; its card is the file of the same name with the extension {@code .properties}. */
    static ModelSource file(Path modelFile) {
        return new File(modelFile);
    }

    /** A bundled model, known by name. */
    record Bundled(String name) implements ModelSource {
        public Bundled {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("Bundled model names are lower-case words, got '" + name + "'");
            }
        }
    }

    /** A model file on disk. */
    record File(Path path) implements ModelSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        /** The card beside the model: same name, extension {@code .properties}. */
        public Path cardPath() {
            return ModelCard.cardPathFor(path);
        }
    }
}
