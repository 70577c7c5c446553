package dev.digits;

import dev.digits.ModelCard.TensorSpec;
import dev.digits.io.AtomicFiles;
import dev.digits.io.FilePairs;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Objects;

/**
 * What a model is and what it expects: the entries of a Digits model card, as a value. Immutable; build one with
 * {@link #builder()}. What the entries mean is {@link CardSchema}'s (its typed views are what backends read),
 * where cards live on disk is {@link CardFiles}'.
 *
 * <p>A card is a {@code .properties} file. Beside a model file it is named after the whole file name:
 * {@code classifier.onnx} has {@code classifier.onnx.properties} (so a DL4J and an ONNX model of the same name
 * can share a folder); see {@link CardFiles#cardPathFor(Path)}. An ONNX file exported by Digits also carries its card in
 * the file's metadata properties.
 *
 * <table>
 * <caption>Model card entries</caption>
 * <tr><th>entry</th><th>meaning</th></tr>
 * <tr><td>{@code name}</td><td>the model's name, e.g. {@code classifier}</td></tr>
 * <tr><td>{@code task}</td><td>{@code digit-classification}, {@code digit-generation} or {@code number-reading}
 *     (see {@link Task}); a card without it is taken as a digit classifier</td></tr>
 * <tr><td>{@code format}</td><td>the file's format, as its backend names it ({@code onnx},
 *     {@code dl4j-multilayernetwork}, {@code dl4j-computationgraph}): which backends can load it; without it, the
 *     format on the class path that recognises the file's bytes ({@link ModelFormat})</td></tr>
 * <tr><td>{@code labels}</td><td>the classes in output order, comma-separated</td></tr>
 * <tr><td>{@code inputs}, {@code outputs}</td><td>the names of the model's tensors, comma-separated, in order</td></tr>
 * <tr><td>{@code input.NAME.ATTRIBUTE}, {@code output.NAME.ATTRIBUTE}</td><td>one tensor's description; attributes in
 *     {@link TensorSpec}: {@code shape} (without the batch, e.g. {@code 1x28x28}), {@code layout} ({@code NCHW},
 *     {@code NHWC}, {@code FLAT}), {@code range} ({@code 0..1}), {@code mean}, {@code std}, {@code ink}
 *     ({@code light-on-dark}, {@code dark-on-light}), {@code kind} ({@code probabilities}, {@code logits},
 *     {@code picture}, {@code noise}, {@code one-hot}), {@code meaning} (free text)</td></tr>
 * <tr><td>{@code model.sha256}</td><td>SHA-256 of the model file, checked whenever it is loaded</td></tr>
 * <tr><td>{@code model.data.sha256.LOCATION}</td><td>SHA-256 of each side file an ONNX model keeps weights in
 *     (external data), named by its location as the model writes it (e.g. {@code model.data.sha256.model.onnx.data});
 *     side files are read only beside the model file, and a model whose side file is missing, unlisted here or
 *     different is refused</td></tr>
 * <tr><td>{@code model.graph.sha256}</td><td>in a card carried inside an ONNX file: SHA-256 of the file's graph</td></tr>
 * <tr><td>{@code architecture}, {@code parameters}, {@code macs.per.image}</td><td>what the network is</td></tr>
 * <tr><td>{@code training.*}, {@code accuracy.*}, {@code onnx.*}, {@code source.*}, {@code created}</td><td>provenance
 *     and measured figures: data checksum, seed, epochs, time, validation and test accuracy, export parity</td></tr>
 * </table>
 *
 * <p>Cards of the first version describe one input and one output with flat keys, as hand-written cards of
 * third-party models still do: {@code input.name}, {@code input.shape}, {@code input.layout}, {@code input.range},
 * {@code input.mean}, {@code input.std}, {@code input.ink}, {@code output.name} and {@code output} (the kind). They
 * are read as a card with one input and one output; {@link #inputs()} and {@link #outputs()} see no difference.
 */
public final class ModelCard {
    /** The model's name. */
    public static final String NAME = "name";
    /** The task the model is for: a {@link Task#cardValue()}. */
    public static final String TASK = "task";
    /** The model file's format, as the backend that loads it names it ({@link ModelFormat#names()}). */
    public static final String FORMAT = "format";
    /** The classes in output order, comma-separated. */
    public static final String LABELS = "labels";
    /** The input tensors' names, comma-separated, in order. */
    public static final String INPUTS = "inputs";
    /** The output tensors' names, comma-separated, in order. */
    public static final String OUTPUTS = "outputs";
    /** SHA-256 of the model file. */
    public static final String MODEL_SHA256 = "model.sha256";
    /** Prefix of the SHA-256 of an ONNX model's side file: the key is this plus the location the model names. */
    public static final String SIDE_FILE_SHA256_PREFIX = "model.data.sha256.";
    /** SHA-256 of the part of a model file its card covers, in a card that travels inside that file (ONNX's graph). */
    public static final String GRAPH_SHA256 = "model.graph.sha256";
    /**
     * SHA-256 of a card's own entries ({@link #entriesSha256()}), in a card that travels inside a model file: an
     * edited entry (the temperature, a threshold, the ink) no longer matches it.
     */
    public static final String CARD_SHA256 = "card.sha256";
    /** The network's layers, in words. */
    public static final String ARCHITECTURE = "architecture";
    /** Trainable parameters. */
    public static final String PARAMETERS = "parameters";
    /** Multiply-adds per picture. */
    public static final String MACS = "macs.per.image";
    /** When the model was made (ISO-8601). */
    public static final String CREATED = "created";
    /** Epochs trained. */
    public static final String EPOCHS = "training.epochs";
    /** The training seed. */
    public static final String SEED = "training.seed";
    /** Training wall time. */
    public static final String TRAINING_SECONDS = "training.seconds";
    /** SHA-256 of the training pictures file. */
    public static final String TRAINING_DATA_SHA256 = "training.data.sha256";
    /** Accuracy on the validation split the model was chosen on. */
    public static final String VALIDATION_ACCURACY = "accuracy.validation";
    /** Accuracy on the 10,000 MNIST test images. */
    public static final String TEST_ACCURACY = "accuracy.mnist.test";
    /**
     * A classifier's temperature ({@link Prediction#withTemperature}), fitted on the validation split; every
     * backend applies it to the model's probabilities, so that they agree and mean what they say. Absent: 1.
     */
    public static final String CALIBRATION_TEMPERATURE = "calibration.temperature";
    /**
     * A classifier's default probability that a picture is not a digit at and above which its verdict is
     * {@link Verdict#NOT_A_DIGIT} ({@link VerdictThresholds}); chosen on validation data. Absent: never.
     */
    public static final String VERDICT_NOT_DIGIT_AT = "verdict.not-a-digit.at";
    /**
     * A classifier's default confidence below which its verdict is {@link Verdict#UNSURE}
     * ({@link VerdictThresholds}); chosen on validation data. Absent: 0, never unsure.
     */
    public static final String VERDICT_UNSURE_BELOW = "verdict.unsure.below";
    /** The label of a classifier's extra last output: the probability that the picture is not a digit. */
    public static final String NOT_A_DIGIT_LABEL = "not-a-digit";


    private static final String LEGACY_INPUT_NAME = FirstVersion.INPUT_NAME;
    private static final String LEGACY_OUTPUT_NAME = FirstVersion.OUTPUT_NAME;
    private static final String LEGACY_OUTPUT_KIND = FirstVersion.OUTPUT_KIND;

    private final Map<String, String> values;
    private final String origin;

    private ModelCard(Map<String, String> values, String origin) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.origin = origin;
    }

    /** A card read from {@code origin} (a file, or the inside of one), not yet checked: for {@link CardFiles}. */
    static ModelCard fromEntries(Map<String, String> entries, String origin) {
        return new ModelCard(entries, origin);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this card's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        builder.origin = origin;
        return builder;
    }

    /** A card from entries, as a program makes it; unlike {@link #read(Path)} it accepts any entry. */
    public static ModelCard of(Map<String, String> entries) {
        return new ModelCard(entries, null);
    }

    /**
     * A card from entries read from somewhere, e.g. an ONNX file's metadata, checked as a card file is
     * ({@link CardSchema#check}); {@code origin} names the place in messages.
     *
     * @throws BadModelFileException when an entry's name means nothing to Digits
     */
    public static ModelCard parse(Map<String, String> entries, String origin) {
        return CardSchema.check(new ModelCard(entries, origin));
    }

    /**
     * How many values a classifier with this card gives per picture: 11 when its {@value #LABELS} end in
     * {@value #NOT_A_DIGIT_LABEL} (ten digits, then the probability that the picture is not a digit), else 10.
     */
    public int classifierOutputs() {
        String labels = get(LABELS).orElse("");
        String[] names = labels.split(",");
        return names.length == 11 && names[10].trim().equals(NOT_A_DIGIT_LABEL) ? 11 : 10;
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
            throw new BadModelFileException(describe() + " lacks the entry '" + key + "'");
        }
        return value;
    }

    /**
     * A numeric value, if present.
     *
     * @throws BadModelFileException when it is present but not a number
     */
    public Optional<Double> getDouble(String key) {
        return get(key).map(v -> {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new BadModelFileException(describe() + ": entry '" + key + "' is not a number: '" + v + "'");
            }
        });
    }

    /** All entries, sorted by key. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The model's task; a card that names none describes a digit classifier (as third-party cards do). */
    public Task task() {
        return get(TASK).map(Task::fromCardValue).orElse(Task.CLASSIFY);
    }

    /** The model file's format, if the card says. */
    public Optional<String> format() {
        return get(FORMAT).map(f -> f.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The model's inputs in order. A first-version card gives one, whose name may be absent (then it is the
     * model's only input).
     *
     * @throws BadModelFileException when a tensor description has an unknown attribute
     */
    public List<TensorSpec> inputs() {
        return tensors(INPUTS, "input", LEGACY_INPUT_NAME);
    }

    /** The model's outputs in order; see {@link #inputs()}. */
    public List<TensorSpec> outputs() {
        return tensors(OUTPUTS, "output", LEGACY_OUTPUT_NAME);
    }

    private List<TensorSpec> tensors(String listKey, String prefix, String legacyNameKey) {
        Optional<String> names = get(listKey);
        List<TensorSpec> tensors = new ArrayList<>();
        if (names.isPresent()) {
            for (String key : values.keySet()) {
                String rest = key.startsWith(prefix + ".") ? key.substring(prefix.length() + 1) : null;
                boolean flat = key.equals(legacyNameKey) || (prefix.equals("output") && key.equals(LEGACY_OUTPUT_KIND))
                        || (rest != null && TensorSpec.ATTRIBUTES.contains(rest));
                if (flat) {
                    throw new BadModelFileException(describe() + " lists its " + prefix + "s in '" + listKey
                            + "' but also has the first-version entry '" + key + "', which such a card does not read; write it"
                            + " as " + prefix + ".NAME." + (rest == null || key.equals(legacyNameKey) ? "ATTRIBUTE" : rest)
                            + " for the " + prefix + " it belongs to");
                }
            }
            for (String name : names.get().split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                String tensorPrefix = prefix + "." + trimmed + ".";
                values.forEach((key, value) -> {
                    if (key.startsWith(tensorPrefix)) {
                        attributes.put(key.substring(tensorPrefix.length()), value.trim());
                    }
                });
                tensors.add(checked(trimmed, attributes, prefix));
            }
            return List.copyOf(tensors);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String legacyPrefix = prefix + ".";
        values.forEach((key, value) -> {
            if (key.startsWith(legacyPrefix) && !key.equals(legacyNameKey)
                    && TensorSpec.ATTRIBUTES.contains(key.substring(legacyPrefix.length()))) {
                attributes.put(key.substring(legacyPrefix.length()), value.trim());
            }
        });
        if (prefix.equals("output")) {
            get(LEGACY_OUTPUT_KIND).ifPresent(kind -> attributes.put(TensorSpec.KIND, kind.trim()));
        }
        return List.of(checked(get(legacyNameKey).map(String::trim).orElse(null), attributes, prefix));
    }

    /**
     * The entry of this card that holds an attribute of one of its inputs or outputs, for messages that say
     * what to correct: {@code input.NAME.layout} in a current card, {@code input.layout} in a first-version one.
     *
     * @param input     an input (else an output)
     * @param index     which one, in order
     * @param attribute a {@link TensorSpec} attribute, or {@code "name"} for the tensor's name
     */
    public String entryFor(boolean input, int index, String attribute) {
        String prefix = input ? "input" : "output";
        if (get(input ? INPUTS : OUTPUTS).isPresent()) {
            List<TensorSpec> tensors = input ? inputs() : outputs();
            return attribute.equals("name") || index >= tensors.size()
                    ? (input ? INPUTS : OUTPUTS) : prefix + "." + tensors.get(index).name() + "." + attribute;
        }
        if (attribute.equals("name")) {
            return input ? LEGACY_INPUT_NAME : LEGACY_OUTPUT_NAME;
        }
        return !input && attribute.equals(TensorSpec.KIND) ? LEGACY_OUTPUT_KIND : prefix + "." + attribute;
    }

    private TensorSpec checked(String name, Map<String, String> attributes, String prefix) {
        for (String attribute : attributes.keySet()) {
            if (!TensorSpec.ATTRIBUTES.contains(attribute)) {
                throw new BadModelFileException(describe() + ": unknown entry '" + prefix + "." + name + "." + attribute
                        + "'; a tensor is described by " + String.join(", ", TensorSpec.ATTRIBUTES));
            }
        }
        return new TensorSpec(name, attributes);
    }

    /**
     * The card for messages: {@code Model card FILE (of 'NAME')}, with the file (or other place) it was read from
     * when it was read, and the model's name when the card gives one.
     */
    public String describe() {
        String named = get(NAME).map(n -> "'" + n + "'").orElse(null);
        if (origin == null) {
            return "Model card" + (named == null ? "" : " of " + named);
        }
        return "Model card " + origin + (named == null ? "" : " (of " + named + ")");
    }

    /**
     * Checks that {@code modelBytes} hash to this card's {@link #MODEL_SHA256}.
     *
     * @throws BadModelFileException     when the card has no checksum
     * @throws ChecksumMismatchException when the bytes are not the ones the card describes
     */
    public void verifyModel(byte[] modelBytes, String what) {
        String expected = require(MODEL_SHA256).trim().toLowerCase(Locale.ROOT);
        String actual = Sha256.hex(modelBytes);
        if (!expected.equals(actual)) {
            throw new ChecksumMismatchException(what, expected, actual, eitherSide(MODEL_SHA256, actual));
        }
    }

    /**
     * SHA-256 over every entry but {@link #CARD_SHA256}, sorted by key, each written as its key's length, a colon,
     * the key, its value's length, a colon and the value (lengths in UTF-16 units, text in UTF-8), so that no two
     * different cards give the same text.
     */
    public String entriesSha256() {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(values).forEach((key, value) -> {
            if (!key.equals(CARD_SHA256)) {
                text.append(key.length()).append(':').append(key).append(value.length()).append(':').append(value)
                        .append('\n');
            }
        });
        return Sha256.hex(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Checks a card that travels inside a model file against its own {@link #CARD_SHA256}.
     *
     * @param what names the model in messages
     * @throws ChecksumMismatchException when an entry was edited, or the checksum is missing
     */
    public void verifyEntries(String what) {
        String actual = entriesSha256();
        String expected = get(CARD_SHA256).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("(none)");
        if (!expected.equals(actual)) {
            throw new ChecksumMismatchException("The card inside " + what + " (its entries, against its "
                    + CARD_SHA256 + ")", expected, actual, "Its entries were edited after export (or it was exported"
                    + " before cards were sealed), so its temperature, thresholds or ink cannot be trusted: export the"
                    + " model again (digits export-onnx), or put a card file beside the model (the file name plus"
                    + " .properties), which is then read instead.");
        }
    }

    /** What to do when a model's file and its card disagree: either one may be the wrong one. */
    private String eitherSide(String key, String actual) {
        return "Either the file changed after its card was written (damaged or replaced: copy or fetch it again),"
                + " or the card is wrong (if " + (origin == null ? "you wrote the card" : "you wrote " + origin)
                + " for this very file, set " + key + "=" + actual + " in it).";
    }

    /**
     * Checks a side file of the model (ONNX external data) against this card's
     * {@link #SIDE_FILE_SHA256_PREFIX}{@code location} entry.
     *
     * @throws BadModelFileException     when the card lists no checksum for that side file
     * @throws ChecksumMismatchException when the side file is not the one the card describes
     */
    public void verifySideFile(String location, byte[] bytes, String what) {
        String key = SIDE_FILE_SHA256_PREFIX + location;
        String actual = Sha256.hex(bytes);
        String expected = get(key).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new BadModelFileException(
                describe() + " lists no checksum for " + what + ", which the model reads its weights from; if that file"
                        + " is the one you mean, add the line " + key + "=" + actual + " to the card"));
        if (!expected.equals(actual)) {
            throw new ChecksumMismatchException(what, expected, actual, eitherSide(key, actual));
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

    /**
     * The flat keys of first-version cards, still read (hand-written cards of third-party ONNX classifiers use
     * them): one input and one output, each attribute as in {@link TensorSpec}.
     */
    public static final class FirstVersion {
        /** The input's name. */
        public static final String INPUT_NAME = "input.name";
        /** The input's {@link TensorSpec#SHAPE}. */
        public static final String INPUT_SHAPE = "input.shape";
        /** The input's {@link TensorSpec#LAYOUT}. */
        public static final String INPUT_LAYOUT = "input.layout";
        /** The input's {@link TensorSpec#RANGE}. */
        public static final String INPUT_RANGE = "input.range";
        /** The input's {@link TensorSpec#MEAN}. */
        public static final String INPUT_MEAN = "input.mean";
        /** The input's {@link TensorSpec#STD}. */
        public static final String INPUT_STD = "input.std";
        /** The input's {@link TensorSpec#INK}. */
        public static final String INPUT_INK = "input.ink";
        /** The output's name. */
        public static final String OUTPUT_NAME = "output.name";
        /** The output's {@link TensorSpec#KIND}: {@code probabilities} or {@code logits}. */
        public static final String OUTPUT_KIND = "output";

        private FirstVersion() {
        }
    }

    /** Builds a {@link ModelCard}. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private String origin;

        private Builder() {
        }

        /** Sets an entry; {@code null} removes it. */
        public Builder put(String key, Object value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, String.valueOf(value));
            }
            return this;
        }

        /** Sets the task. */
        public Builder task(Task task) {
            return put(TASK, task.cardValue());
        }

        /**
         * Describes the model's inputs with the current schema ({@code inputs} and {@code input.NAME.*}),
         * replacing any earlier description, first-version keys included.
         */
        public Builder inputs(TensorSpec... tensors) {
            return tensors(INPUTS, "input", LEGACY_INPUT_NAME, tensors);
        }

        /** Describes the model's outputs; see {@link #inputs(TensorSpec...)}. */
        public Builder outputs(TensorSpec... tensors) {
            values.remove(LEGACY_OUTPUT_KIND);
            return tensors(OUTPUTS, "output", LEGACY_OUTPUT_NAME, tensors);
        }

        private Builder tensors(String listKey, String prefix, String legacyNameKey, TensorSpec[] tensors) {
            values.keySet().removeIf(key -> key.startsWith(prefix + "."));
            values.remove(legacyNameKey);
            StringBuilder names = new StringBuilder();
            for (TensorSpec tensor : tensors) {
                String name = tensor.nameIfGiven().orElseThrow(() -> new IllegalArgumentException("Tensors in a card need names"));
                names.append(names.length() == 0 ? "" : ",").append(name);
                tensor.attributes().forEach((attribute, value) -> values.put(prefix + "." + name + "." + attribute, value));
            }
            values.put(listKey, names.toString());
            return this;
        }

        /** The card. */
        public ModelCard build() {
            return new ModelCard(values, origin);
        }
    }

    /**
     * One input or output of a model, as its {@link ModelCard} describes it: a name and attributes (shape, layout,
     * value range, polarity, kind, meaning). A two-input generator and a many-headed number reader are described
     * with the same attributes as a classifier. Immutable.
     *
     * @param name       the tensor's name in the model; absent only in first-version cards, where it means the
     *                   model's only input (or first output)
     * @param attributes attribute name to value; names from {@link #ATTRIBUTES}
     */
    public record TensorSpec(String name, Map<String, String> attributes) {
        /** The shape without the batch dimension, e.g. {@code 1x28x28}, {@code 784}, {@code 100}. */
        public static final String SHAPE = "shape";
        /** How a picture is laid out: {@code NCHW}, {@code NHWC} or {@code FLAT}. */
        public static final String LAYOUT = "layout";
        /** {@code LOW..HIGH}: the values background and ink (or the picture's black and white) map to. */
        public static final String RANGE = "range";
        /** Subtracted after mapping to the range. */
        public static final String MEAN = "mean";
        /** Divided by after subtracting the mean. */
        public static final String STD = "std";
        /** {@code light-on-dark} (ink is the high value, as in MNIST) or {@code dark-on-light}. */
        public static final String INK = "ink";
        /** What the values are: {@code probabilities}, {@code logits}, {@code picture}, {@code noise}, {@code one-hot}. */
        public static final String KIND = "kind";
        /** Free text for people: what the tensor holds. */
        public static final String MEANING = "meaning";
        /** Every attribute a tensor can have. */
        public static final List<String> ATTRIBUTES = List.of(SHAPE, LAYOUT, RANGE, MEAN, STD, INK, KIND, MEANING);

        public TensorSpec {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            for (String attribute : attributes.keySet()) {
                if (!ATTRIBUTES.contains(attribute)) {
                    throw new IllegalArgumentException("Unknown tensor attribute '" + attribute + "'; known: " + ATTRIBUTES);
                }
            }
        }

        /** A tensor with a name and no attributes yet. */
        public static TensorSpec named(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9_:/-]+")) {
                throw new IllegalArgumentException("Tensor names in cards are letters, digits and _:/-, got '" + name + "'");
            }
            return new TensorSpec(name, Map.of());
        }

        /** A copy with one attribute set. */
        public TensorSpec with(String attribute, Object value) {
            Map<String, String> copy = new LinkedHashMap<>(attributes);
            copy.put(attribute, String.valueOf(value));
            return new TensorSpec(name, copy);
        }

        /** The name, when the card gives one. */
        public Optional<String> nameIfGiven() {
            return Optional.ofNullable(name);
        }

        /** An attribute's value. */
        public Optional<String> attribute(String attribute) {
            return Optional.ofNullable(attributes.get(attribute));
        }

        /**
         * The shape without the batch dimension.
         *
         * @throws BadModelFileException when it is not a list of sizes like {@code 1x28x28}
         */
        public Optional<long[]> shape() {
            return attribute(SHAPE).map(text -> {
                String[] parts = text.trim().split("\\s*[x×,]\\s*");
                long[] dims = new long[parts.length];
                try {
                    for (int i = 0; i < parts.length; i++) {
                        dims[i] = Long.parseLong(parts[i]);
                    }
                } catch (NumberFormatException e) {
                    throw new BadModelFileException("The shape '" + text + "' of tensor '" + name
                            + "' is not a list of sizes like 1x28x28");
                }
                // A size of 0 or less (1x-32x128) means no tensor at all; refused here, where every reader of a
                // shape passes, rather than when a backend first allocates or runs with it.
                for (long dim : dims) {
                    if (dim < 1) {
                        throw new BadModelFileException("The shape '" + text + "' of tensor '" + name
                                + "' has a size below 1; every size is a positive count, like 1x28x28");
                    }
                }
                return dims;
            });
        }
    }
}
