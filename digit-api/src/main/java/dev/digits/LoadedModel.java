package dev.digits;

import java.util.Map;
import java.util.Objects;

/**
 * A model resolved and verified by Digits, as a backend receives it: the model file's bytes (their checksum
 * already checked against the card) and the card. Backends never read model files themselves.
 *
 * @param bytes       the model file's content; do not modify
 * @param card        the model's card
 * @param description how to name the model in messages, e.g. {@code "ONNX model /tmp/a.onnx"}
 * @param sideFiles   the side files an ONNX model keeps weights in (external data), by the location the model
 *                    names, read beside the model file and checked against the card; empty for most models
 */
public record LoadedModel(byte[] bytes, ModelCard card, String description, Map<String, byte[]> sideFiles) {
    public LoadedModel {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(description, "description");
        sideFiles = Map.copyOf(sideFiles);
    }

    /** A model whose weights are all inside its file. */
    public LoadedModel(byte[] bytes, ModelCard card, String description) {
        this(bytes, card, description, Map.of());
    }

    /**
     * Checks that the model is for {@code task}; backend factories call this first.
     *
     * @throws BadModelFileException when the card names another task
     */
    public LoadedModel requireTask(Task task) {
        Task actual = card.task();
        if (actual != task) {
            throw new BadModelFileException(description + " is a model to " + actual.id() + " (its card says "
                    + ModelCard.TASK + "=" + actual.cardValue() + "), not to " + task.id() + "; open it with the "
                    + actual.id() + " factory, or give a model whose card says " + ModelCard.TASK + "=" + task.cardValue());
        }
        return this;
    }

    @Override
    public String toString() {
        return "LoadedModel[" + description + ", " + bytes.length + " bytes]";
    }
}
