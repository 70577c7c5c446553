package dev.digits;

import dev.digits.ModelCard.TensorSpec;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the entries of a {@link ModelCard} mean, read once into typed views that every backend uses alike: the
 * picture a classifier takes ({@link PictureInput}), the values it gives ({@link ClassifierOutput}) and a
 * generator's latent input ({@link LatentInput}). A backend reads a card only through these views, so a card
 * means the same on every backend: an entry one backend honours, all do. Each view checks its entries when it is
 * made and names the entry to correct in its messages, as the card spells it (first-version cards included).
 */
public final class CardSchema {
    /** Entries with these exact names mean something to Digits; see {@link #check}. */
    private static final Set<String> KNOWN_ENTRIES = Set.of(ModelCard.NAME, ModelCard.TASK, ModelCard.FORMAT, ModelCard.LABELS, ModelCard.INPUTS, ModelCard.OUTPUTS, ModelCard.MODEL_SHA256,
            ModelCard.GRAPH_SHA256, ModelCard.CARD_SHA256, ModelCard.ARCHITECTURE, ModelCard.PARAMETERS, ModelCard.MACS, ModelCard.CREATED, ModelCard.CALIBRATION_TEMPERATURE, ModelCard.VERDICT_NOT_DIGIT_AT,
            ModelCard.VERDICT_UNSURE_BELOW, "verdict.chosen.on", "calibration.fitted.on", "reading.strategy",
            "reading.strategy.chosen.on", "reading.calibration.agreed", "reading.calibration.disagreed",
            "reading.calibration.miscounted", "reading.calibration.cleanings",
            "reading.calibration.fitted.on", "notes", ModelCard.FirstVersion.INPUT_NAME, ModelCard.FirstVersion.OUTPUT_NAME, ModelCard.FirstVersion.OUTPUT_KIND);
    /**
     * Entries under these prefixes are records (provenance and measured figures) or free notes: Digits writes
     * and shows them but never acts on them, so any name below the prefix is accepted.
     */
    private static final List<String> RECORD_PREFIXES = List.of("training.", "rejection.training.", "accuracy.",
            "validation.", "onnx.", "source.", "verdict.validation.", "notes.", "ensemble.");


    private CardSchema() {
    }

    /**
     * Checks that every entry's name is one Digits reads, so that a misspelt entry ({@code output_kind},
     * {@code input.input.rnage}) is refused instead of silently ignored: the entries of the table above,
     * {@code input.NAME.ATTRIBUTE} and {@code output.NAME.ATTRIBUTE} for the tensors the card lists (or the
     * first version's flat ones), and any entry under the record prefixes {@code training.},
     * {@code rejection.training.}, {@code accuracy.}, {@code validation.}, {@code onnx.}, {@code source.},
     * {@code verdict.validation.}, {@code ensemble.} (an ensemble's members) and {@code notes.} (free text for
     * people).
     *
     * @return the card
     * @throws BadModelFileException naming the entry and listing the known ones
     */
    public static ModelCard check(ModelCard card) {
        for (String key : card.asMap().keySet()) {
            boolean known = KNOWN_ENTRIES.contains(key) || key.startsWith(ModelCard.SIDE_FILE_SHA256_PREFIX)
                    || RECORD_PREFIXES.stream().anyMatch(key::startsWith) || isTensorEntry(card, key);
            if (!known) {
                throw new BadModelFileException(card.describe() + " has the entry '" + key + "', which Digits does not know;"
                        + " correct its name (known entries: " + String.join(", ", new TreeSet<>(KNOWN_ENTRIES)) + ", "
                        + ModelCard.SIDE_FILE_SHA256_PREFIX + "LOCATION, input.NAME.ATTRIBUTE and output.NAME.ATTRIBUTE with ATTRIBUTE"
                        + " one of " + String.join(", ", ModelCard.TensorSpec.ATTRIBUTES) + "; anything under "
                        + String.join(", ", RECORD_PREFIXES) + "), or put a note for people in notes or under notes.");
            }
        }
        // Every tensor's shape is read once here, so that a card with a meaningless one (1x-32x128) is refused
        // when it is loaded, whatever the task: a number reader's card has no typed view that would check it.
        for (boolean input : new boolean[]{true, false}) {
            List<TensorSpec> tensors = input ? card.inputs() : card.outputs();
            for (int i = 0; i < tensors.size(); i++) {
                try {
                    tensors.get(i).shape();
                } catch (BadModelFileException e) {
                    throw new BadModelFileException(card.describe() + ": " + card.entryFor(input, i, TensorSpec.SHAPE)
                            + " '" + tensors.get(i).attribute(TensorSpec.SHAPE).orElse("") + "' is not a list of"
                            + " positive sizes like 1x28x28 or 1x32x128; correct it in the card", e);
                }
            }
        }
        return card;
    }

    /**
     * Whether an entry describes one of the card's tensors: {@code input.NAME.*} for a name the card lists (the
     * attribute is checked by {@link #inputs()}), or a first-version flat entry such as {@code input.layout}.
     */
    private static boolean isTensorEntry(ModelCard card, String key) {
        for (String prefix : List.of("input", "output")) {
            if (!key.startsWith(prefix + ".")) {
                continue;
            }
            String rest = key.substring(prefix.length() + 1);
            if (rest.equals("name") || ModelCard.TensorSpec.ATTRIBUTES.contains(rest)) {
                return true;
            }
            for (String name : card.get(prefix.equals("input") ? ModelCard.INPUTS : ModelCard.OUTPUTS).orElse("").split(",")) {
                if (!name.isBlank() && rest.startsWith(name.trim() + ".")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How a picture is laid out in an input tensor. */
    public enum Layout {
        /** {@code [batch, 1, H, W]}. */
        NCHW,
        /** {@code [batch, H, W, 1]}. */
        NHWC,
        /** {@code [batch, H·W]}, row by row. */
        FLAT
    }

    /** What a classifier's output holds. */
    public enum OutputKind {
        /** Probabilities that sum to 1. */
        PROBABILITIES,
        /** Unnormalised scores; softmax turns them into probabilities. */
        LOGITS
    }

    /**
     * A classifier's picture input, as its card's first input describes it. A picture in Digits' form (ink 1,
     * background 0, {@link #width()} × {@link #height()} values row by row) becomes the model's input by
     * {@link #transform(float[], int)}; in NCHW, NHWC and FLAT the values are the same sequence, only the tensor's
     * shape differs.
     *
     * @param name     the input's name, when the card gives one (else the model's only input)
     * @param layout   how the picture is laid out
     * @param dims     the input's shape without the batch, e.g. {@code [1, 28, 28]}
     * @param width    pictures' width
     * @param height   pictures' height
     * @param low      the value background maps to (before mean and std)
     * @param high     the value ink maps to (before mean and std)
     * @param mean     subtracted after mapping
     * @param std      divided by after subtracting
     * @param darkInk  whether ink is the low value ({@code dark-on-light})
     * @param entries  the card entries to name in messages about this input
     */
    public record PictureInput(String name, Layout layout, long[] dims, int width, int height, float low, float high,
                               float mean, float std, boolean darkInk, Entries entries) {
        /** The picture input of MNIST form: 1×28×28 NCHW, 0..1, ink light on dark, no standardisation. */
        public static final PictureInput MNIST = new PictureInput(null, Layout.NCHW,
                new long[]{1, DigitImage.MNIST_SIZE, DigitImage.MNIST_SIZE}, DigitImage.MNIST_SIZE, DigitImage.MNIST_SIZE,
                0f, 1f, 0f, 1f, false, Entries.current("input"));

        /** Defensive copies: the record is immutable. */
        public PictureInput {
            dims = dims.clone();
        }

        @Override
        public long[] dims() {
            return dims.clone();
        }

        /** Values per picture: width × height. */
        public int values() {
            return width * height;
        }

        /** Whether {@link #transform} changes nothing (MNIST's convention). */
        public boolean isIdentity() {
            return low == 0f && high == 1f && mean == 0f && std == 1f && !darkInk;
        }

        /**
         * Maps one picture (ink = 1) at {@code offset} in place to this input's polarity, range and
         * standardisation: {@code ((darkInk ? 1 - v : v) · (high - low) + low - mean) / std}.
         */
        public void transform(float[] values, int offset) {
            if (isIdentity()) {
                return;
            }
            float scale = (high - low) / std;
            float shift = (low - mean) / std;
            int end = offset + values();
            for (int i = offset; i < end; i++) {
                float v = darkInk ? 1f - values[i] : values[i];
                values[i] = v * scale + shift;
            }
        }

        /**
         * The picture input a card describes (its first input); MNIST's form where the card says nothing.
         *
         * @throws BadModelFileException when an entry has a value that means nothing, naming the entry
         */
        public static PictureInput of(ModelCard card) {
            String what = card.describe();
            List<TensorSpec> inputs = card.inputs();
            if (inputs.isEmpty()) {
                return MNIST;
            }
            Entries keys = Entries.of(card, true);
            TensorSpec input = inputs.get(0);
            String layoutText = input.attribute(TensorSpec.LAYOUT).orElse("NCHW").trim().toUpperCase(Locale.ROOT);
            Layout layout;
            try {
                layout = Layout.valueOf(layoutText);
            } catch (IllegalArgumentException e) {
                throw new BadModelFileException(what + ": " + keys.layout() + " is '" + layoutText + "'; use NCHW, NHWC or FLAT");
            }
            long[] dims = dimsOf(layout, DigitImage.MNIST_SIZE, DigitImage.MNIST_SIZE);
            Optional<String> shapeText = input.attribute(TensorSpec.SHAPE);
            if (shapeText.isPresent()) {
                long[] given;
                try {
                    given = input.shape().orElseThrow();
                } catch (BadModelFileException e) {
                    throw new BadModelFileException(what + ": " + keys.shape() + " '" + shapeText.get()
                            + "' is not a list of sizes like 1x28x28");
                }
                if (!Arrays.equals(given, dims) && !isOtherPictureSize(given, layout)) {
                    throw new BadModelFileException(what + ": " + keys.shape() + " " + shapeText.get() + " does not match "
                            + keys.layout() + " " + layout + ", which means " + Arrays.toString(dims) + "; digit models take"
                            + " 28x28 single-channel pictures: use 1x28x28 with NCHW, 28x28x1 with NHWC or 784 with FLAT"
                            + " (other sizes as 1xHxW with NCHW or HxWx1 with NHWC)");
                }
                dims = given;
            }
            int height = (int) (layout == Layout.NHWC ? dims[0] : layout == Layout.NCHW ? dims[1] : DigitImage.MNIST_SIZE);
            int width = (int) (layout == Layout.NHWC ? dims[1] : layout == Layout.NCHW ? dims[2] : DigitImage.MNIST_SIZE);
            String range = input.attribute(TensorSpec.RANGE).orElse("0..1");
            String[] ends = range.split("\\.\\.");
            float low;
            float high;
            try {
                if (ends.length != 2) {
                    throw new NumberFormatException();
                }
                low = Float.parseFloat(ends[0].trim());
                high = Float.parseFloat(ends[1].trim());
            } catch (NumberFormatException e) {
                throw new BadModelFileException(what + ": " + keys.range() + " is '" + range
                        + "'; write LOW..HIGH, e.g. 0..1 or 0..255");
            }
            if (!Float.isFinite(low) || !Float.isFinite(high)) {
                throw new BadModelFileException(what + ": " + keys.range() + " " + range + " must have finite ends, e.g. 0..1"
                        + " or 0..255");
            }
            if (!(high > low)) {
                throw new BadModelFileException(what + ": " + keys.range() + " " + range + " must go from a lower to a higher"
                        + " value; for dark ink on a light background set " + keys.ink() + "=dark-on-light instead");
            }
            float mean = number(input, TensorSpec.MEAN, 0f, what + ": " + keys.mean());
            float std = number(input, TensorSpec.STD, 1f, what + ": " + keys.std());
            if (!(std > 0) || !Float.isFinite(std) || !Float.isFinite(mean)) {
                throw new BadModelFileException(what + ": " + keys.std() + " must be positive and " + keys.mean() + " finite");
            }
            String ink = input.attribute(TensorSpec.INK).orElse("light-on-dark").trim().toLowerCase(Locale.ROOT);
            boolean darkInk = switch (ink) {
                case "light-on-dark" -> false;
                case "dark-on-light" -> true;
                default -> throw new BadModelFileException(what + ": " + keys.ink() + " is '" + ink + "'; use"
                        + " light-on-dark (ink is the high value, as in MNIST) or dark-on-light");
            };
            return new PictureInput(input.name(), layout, dims, width, height, low, high, mean, std, darkInk, keys);
        }

        private static long[] dimsOf(Layout layout, int width, int height) {
            return switch (layout) {
                case NCHW -> new long[]{1, height, width};
                case NHWC -> new long[]{height, width, 1};
                case FLAT -> new long[]{(long) width * height};
            };
        }

        /** A single-channel picture of another size than 28×28: {@code 1xHxW} NCHW, {@code HxWx1} NHWC. */
        private static boolean isOtherPictureSize(long[] dims, Layout layout) {
            if (dims.length != 3 || Arrays.stream(dims).anyMatch(d -> d < 1 || d > 4096)) {
                return false;
            }
            return layout == Layout.NCHW ? dims[0] == 1 : layout == Layout.NHWC && dims[2] == 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PictureInput p && java.util.Objects.equals(name, p.name) && layout == p.layout
                    && Arrays.equals(dims, p.dims) && low == p.low && high == p.high && mean == p.mean && std == p.std
                    && darkInk == p.darkInk;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, layout, Arrays.hashCode(dims), low, high, mean, std, darkInk);
        }

        @Override
        public String toString() {
            return "PictureInput[" + layout + " " + Arrays.toString(dims) + ", range " + low + ".." + high + ", mean " + mean
                    + ", std " + std + (darkInk ? ", dark ink" : ", light ink") + "]";
        }
    }

    /**
     * What a classifier gives per picture, as its card's first output describes it.
     *
     * @param name    the output's name, when the card gives one (else the model's first output)
     * @param kind    probabilities or logits
     * @param values  10, or 11 when the card's labels end in {@value ModelCard#NOT_A_DIGIT_LABEL}
     * @param entries the card entries to name in messages about this output
     */
    public record ClassifierOutput(String name, OutputKind kind, int values, Entries entries) {
        /**
         * The classifier output a card describes.
         *
         * @throws BadModelFileException when the kind means nothing, naming the entry
         */
        public static ClassifierOutput of(ModelCard card) {
            List<TensorSpec> outputs = card.outputs();
            Entries keys = Entries.of(card, false);
            TensorSpec output = outputs.isEmpty() ? TensorSpec.named("output") : outputs.get(0);
            String kindText = output.attribute(TensorSpec.KIND).orElse("probabilities").trim().toLowerCase(Locale.ROOT);
            OutputKind kind = switch (kindText) {
                case "probabilities" -> OutputKind.PROBABILITIES;
                case "logits" -> OutputKind.LOGITS;
                default -> throw new BadModelFileException(card.describe() + ": " + keys.kind() + " is '" + kindText
                        + "'; use probabilities or logits");
            };
            return new ClassifierOutput(outputs.isEmpty() ? null : output.name(), kind, card.classifierOutputs(), keys);
        }
    }

    /**
     * A generator's latent input: its card's first input, a vector of independent standard normal values.
     *
     * @param name the input's name
     * @param size how many values
     */
    public record LatentInput(String name, int size) {
        /** The most latent values any Digits generator takes; far above the bundled one's 64. */
        public static final int MAX_SIZE = 4096;

        /**
         * The latent input a generator's card describes.
         *
         * @throws BadModelFileException when the card gives no shape, or one that is not a single size of 1 to
         *                               {@value #MAX_SIZE}
         */
        public static LatentInput of(ModelCard card) {
            List<TensorSpec> inputs = card.inputs();
            String entry = card.entryFor(true, 0, TensorSpec.SHAPE);
            if (inputs.isEmpty()) {
                throw new BadModelFileException(card.describe() + " describes no inputs; a generator's first input is its"
                        + " latent vector (" + entry + ")");
            }
            long[] shape = inputs.get(0).shape().orElseThrow(() -> new BadModelFileException(card.describe()
                    + ": the card gives no shape for the latent input ('" + entry + "')"));
            if (shape.length != 1 || shape[0] < 1 || shape[0] > MAX_SIZE) {
                throw new BadModelFileException(card.describe() + ": " + entry + " is " + Arrays.toString(shape)
                        + "; a latent input is one size from 1 to " + MAX_SIZE);
            }
            return new LatentInput(inputs.get(0).name(), (int) shape[0]);
        }
    }

    /**
     * The names of the card entries that describe one input or output, as the card spells them: {@code
     * input.NAME.layout} in a current card, {@code input.layout} in a first-version one. For messages that say
     * what to correct.
     */
    public record Entries(String name, String layout, String shape, String range, String mean, String std, String ink,
                          String kind) {
        /** The entries of a card's first input ({@code input}) or first output. */
        static Entries of(ModelCard card, boolean input) {
            return new Entries(card.entryFor(input, 0, "name"), card.entryFor(input, 0, TensorSpec.LAYOUT),
                    card.entryFor(input, 0, TensorSpec.SHAPE), card.entryFor(input, 0, TensorSpec.RANGE),
                    card.entryFor(input, 0, TensorSpec.MEAN), card.entryFor(input, 0, TensorSpec.STD),
                    card.entryFor(input, 0, TensorSpec.INK), card.entryFor(input, 0, TensorSpec.KIND));
        }

        private static Entries current(String prefix) {
            return new Entries(prefix + "s", prefix + ".NAME.layout", prefix + ".NAME.shape", prefix + ".NAME.range",
                    prefix + ".NAME.mean", prefix + ".NAME.std", prefix + ".NAME.ink", prefix + ".NAME.kind");
        }
    }

    private static float number(TensorSpec tensor, String attribute, float otherwise, String entry) {
        Optional<String> text = tensor.attribute(attribute);
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            return Float.parseFloat(text.get().trim());
        } catch (NumberFormatException e) {
            throw new BadModelFileException(entry + " is not a number: '" + text.get() + "'");
        }
    }
}
