package dev.digits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
            return dims;
        });
    }
}
