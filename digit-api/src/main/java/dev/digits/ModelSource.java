package dev.digits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model comes from: a model bundled with a backend (by name), a model file, or bytes (or a stream)
 * with their card, for programs that have no file (a web service, a Spark job). {@link Digits} resolves a
 * source once: it reads the card, checks the model's task and format and every checksum, and hands the chosen
 * backend verified bytes and the card.
 */
public sealed interface ModelSource {

    /** The bundled digit classifier. */
    ModelSource CLASSIFIER = bundled("classifier");

    /** A model bundled with the backends, e.g. {@code "classifier"}. */
    static ModelSource bundled(String name) {
        return new Bundled(name);
    }

    /**
     * A model file. Its card is {@code FILE.properties} beside it (the first version's name, the file name
     * without its extension plus {@code .properties}, is read too); an ONNX file exported by Digits may carry
     * its card inside instead.
     */
    static ModelSource file(Path modelFile) {
        return new ModelFile(modelFile);
    }

    /** A model in memory with its card (which must give {@link ModelCard#MODEL_SHA256}). The bytes are copied. */
    static ModelSource of(byte[] model, ModelCard card) {
        return new InMemory(model.clone(), card);
    }

    /**
     * A model read whole from a stream (not closed), with its card.
     *
     * @throws BadModelFileException when the stream cannot be read
     */
    static ModelSource of(InputStream model, ModelCard card) {
        try {
            return new InMemory(model.readAllBytes(), card);
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read the model stream: " + e.getMessage(), e);
        }
    }

    /** A model bundled with the backends, known by name. */
    record Bundled(String name) implements ModelSource {
        public Bundled {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("Bundled model names are lower-case words, got '" + name + "'");
            }
        }
    }

    /** A model file on disk. */
    record ModelFile(Path path) implements ModelSource {
        public ModelFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A model in memory with its card. */
    record InMemory(byte[] bytes, ModelCard card) implements ModelSource {
        public InMemory {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(card, "card");
        }

        @Override
        public String toString() {
            return "InMemory[" + bytes.length + " bytes, " + card.get(ModelCard.NAME).orElse("unnamed") + "]";
        }
    }
}
