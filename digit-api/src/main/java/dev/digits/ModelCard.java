package dev.digits;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import dev.digits.io.AtomicFiles;
import dev.digits.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a model expects and what it is: task, input shape and layout, value range, ink polarity, how it was
 * trained, its measured accuracy and the SHA-256 of the model file. Stored beside each model file as a
 * {@code .properties} file. Immutable; build one with {@link #builder()}.
 */
public final class ModelCard {
    public static final String NAME = "name";
    public static final String TASK = "task";
    public static final String FORMAT = "format";
    public static final String INPUT_SHAPE = "input.shape";
    public static final String INPUT_LAYOUT = "input.layout";
    public static final String INPUT_RANGE = "input.range";
    public static final String INK_POLARITY = "input.ink";
    public static final String LABELS = "labels";
    public static final String ARCHITECTURE = "architecture";
    public static final String PARAMETERS = "parameters";
    public static final String MACS = "macs.per.image";
    public static final String EPOCHS = "training.epochs";
    public static final String SEED = "training.seed";
    public static final String TRAINING_SECONDS = "training.seconds";
    public static final String TRAINING_DATA_SHA256 = "training.data.sha256";
    public static final String VALIDATION_ACCURACY = "accuracy.validation";
    public static final String TEST_ACCURACY = "accuracy.mnist.test";
    public static final String MODEL_SHA256 = "model.sha256";

    private final Map<String, String> values;

    private ModelCard(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this card's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    /** The card of a model file: same name, extension {@code .properties}. */
    public static Path cardPathFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return modelFile.resolveSibling(base + ".properties");
    }

    /** Reads a card file. */
    public static ModelCard read(Path cardFile) {
        try (Reader reader = Files.newBufferedReader(cardFile, StandardCharsets.UTF_8)) {
            return read(reader, cardFile.toString());
        } catch (NoSuchFileException e) {
            throw new BadModelFileException("Model card " + cardFile + " is missing; every model file needs its card"
                    + " (a .properties file of the same name) beside it");
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read model card " + cardFile + ": " + e.getMessage(), e);
        }
    }

    /** Reads a card from a stream (UTF-8), e.g. a class-path resource. */
    public static ModelCard read(InputStream in, String what) {
        try {
            return read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), what);
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read model card " + what + ": " + e.getMessage(), e);
        }
    }

    private static ModelCard read(Reader reader, String what) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new BadModelFileException("Model card " + what + " is not a valid .properties file: " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return new ModelCard(map);
    }

    /** Writes the card atomically (temporary file, then rename). */
    public void write(Path cardFile) {
        AtomicFiles.writeString(cardFile, toPropertiesText());
    }

    /** The card as {@code .properties} text, keys sorted. */
    public String toPropertiesText() {
        StringBuilder text = new StringBuilder("# Digits model card\n");
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Properties one = new Properties();
            one.setProperty(entry.getKey(), entry.getValue());
            StringWriter writer = new StringWriter();
            try {
                one.store(writer, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            writer.toString().lines().filter(line -> !line.startsWith("#")).forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    /** A value, if the card has it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * A value the card must have.
     *
     * @throws BadModelFileException when it is missing
     */
    public String require(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new BadModelFileException("Model card" + get(NAME).map(n -> " of '" + n + "'").orElse("")
                    + " lacks the entry '" + key + "'");
        }
        return value;
    }

    /** A numeric value, if present and a number. */
    public Optional<Double> getDouble(String key) {
        return get(key).map(v -> {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new BadModelFileException("Model card entry '" + key + "' is not a number: '" + v + "'");
            }
        });
    }

    /** All entries, sorted by key. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Checks that {@code modelBytes} hash to this card's {@link #MODEL_SHA256}. */
    public void verifyModel(byte[] modelBytes, String what) {
        String expected = require(MODEL_SHA256).toLowerCase(java.util.Locale.ROOT);
        String actual = Sha256.hex(modelBytes);
        if (!expected.equals(actual)) {
            throw new ChecksumMismatchException(what, expected, actual);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCard other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ModelCard" + values;
    }

    /** Builds a {@link ModelCard}. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String key, Object value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, String.valueOf(value));
            }
            return this;
        }

        public ModelCard build() {
            return new ModelCard(values);
        }
    }
}
