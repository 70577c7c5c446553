package dev.digits;

import java.util.Map;
import java.util.Objects;

/**
 * A model resolved and verified by Digits, as a backend's factory receives it: the model file's bytes (their
 * checksum checked against the card), the card, the task it was checked for and its format. Only Digits' loader
 * makes one, so a factory can trust all of that and never reads files or re-checks. Immutable.
 */
public final class LoadedModel {
    private final byte[] bytes;
    private final ModelCard card;
    private final String description;
    private final Map<String, byte[]> sideFiles;
    private final Task task;
    private final String format;

    LoadedModel(byte[] bytes, ModelCard card, String description, Map<String, byte[]> sideFiles, Task task,
                String format) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.card = Objects.requireNonNull(card, "card");
        this.description = Objects.requireNonNull(description, "description");
        this.sideFiles = Map.copyOf(sideFiles);
        this.task = Objects.requireNonNull(task, "task");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * Resolves and verifies a model file or in-memory model for {@code task}, as {@link Digits} does: for a
     * program or a backend that opens a model class directly (to pass options in code).
     *
     * @throws BadModelFileException     when the model or card is missing or corrupt, or is for another task
     * @throws ChecksumMismatchException when the model is not the one its card describes
     */
    public static LoadedModel resolve(ModelSource source, Task task) {
        return ModelLoader.load(source, task);
    }

    /**
     * Resolves any source for {@code backend}, a bundled one (from the backend's jar) included; see
     * {@link #resolve(ModelSource, Task)}.
     */
    public static LoadedModel resolve(ModelSource source, Task task, DigitBackend backend) {
        return ModelLoader.load(source, task, backend);
    }

    /** The model file's content; do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /** The model's card. */
    public ModelCard card() {
        return card;
    }

    /** How to name the model in messages, e.g. {@code "model /tmp/a.onnx"}. */
    public String description() {
        return description;
    }

    /**
     * The side files the model keeps weights in (e.g. ONNX external data), by the location the model names, read
     * beside the model file and checked against the card; empty for most models.
     */
    public Map<String, byte[]> sideFiles() {
        return sideFiles;
    }

    /** The task the model was checked for. */
    public Task task() {
        return task;
    }

    /** The model's format: a value of {@link ModelCard#FORMAT}, from the card or recognised from the bytes. */
    public String format() {
        return format;
    }

    @Override
    public String toString() {
        return "LoadedModel[" + description + ", " + task.id() + ", " + format + ", " + bytes.length + " bytes]";
    }
}
