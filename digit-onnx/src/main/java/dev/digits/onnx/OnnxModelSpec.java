package dev.digits.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.digits.BadModelFileException;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to feed a digit to an ONNX classifier and read its answer, as its model card describes the first input
 * and first output (see {@link ModelCard} and {@link TensorSpec}). This is what lets the ONNX backend run
 * third-party digit classifiers, whatever their conventions.
 *
 * <table>
 * <caption>Tensor attributes an ONNX digit classifier's card may give</caption>
 * <tr><th>attribute</th><th>meaning</th><th>default</th></tr>
 * <tr><td>name</td><td>the input or output to use</td><td>the model's only input; its first output</td></tr>
 * <tr><td>input {@code layout}</td><td>{@code NCHW} ({@code [batch, 1, 28, 28]}), {@code NHWC}
 *     ({@code [batch, 28, 28, 1]}) or {@code FLAT} ({@code [batch, 784]}, row by row)</td><td>{@code NCHW}</td></tr>
 * <tr><td>input {@code shape}</td><td>the shape without the batch: {@code 1x28x28}, {@code 28x28x1} or
 *     {@code 784}; must agree with the layout. Models of other single-channel picture sizes give theirs, e.g.
 *     {@code 1x32x32} (NCHW) for SVHN's gray pictures</td><td>the layout's</td></tr>
 * <tr><td>input {@code range}</td><td>{@code LOW..HIGH}: background-to-ink values are mapped onto this range,
 *     e.g. {@code 0..1}, {@code 0..255}, {@code -1..1}</td><td>{@code 0..1}</td></tr>
 * <tr><td>input {@code mean}, {@code std}</td><td>then {@code (x - mean) / std}, e.g. 0.1307 and 0.3081
 *     for the usual PyTorch MNIST normalisation</td><td>0 and 1</td></tr>
 * <tr><td>input {@code ink}</td><td>{@code light-on-dark} (ink is the high value, as in MNIST) or
 *     {@code dark-on-light} (ink is the low value)</td><td>{@code light-on-dark}</td></tr>
 * <tr><td>output {@code kind}</td><td>{@code probabilities} or {@code logits} (softmax is applied)</td>
 *     <td>{@code probabilities}</td></tr>
 * </table>
 * In a first-version card these are the flat keys of {@link ModelCard.FirstVersion} ({@code input.layout},
 * {@code output}, ...). Immutable.
 */
public final class OnnxModelSpec {
    private static final int SIDE = DigitImage.MNIST_SIZE;
    private static final int PIXELS = SIDE * SIDE;

    /** How the 28×28 picture is laid out in the input tensor. */
    public enum Layout {
        /** {@code [batch, 1, 28, 28]}. */
        NCHW(1, SIDE, SIDE),
        /** {@code [batch, 28, 28, 1]}. */
        NHWC(SIDE, SIDE, 1),
        /** {@code [batch, 784]}, row by row. */
        FLAT(PIXELS);

        private final long[] dims;

        Layout(long... dims) {
            this.dims = dims;
        }

        /** The input's shape without its batch dimension. */
        public long[] dims() {
            return dims.clone();
        }
    }

    /** What the output holds. */
    public enum OutputKind {
        /** Ten probabilities that sum to 1. */
        PROBABILITIES,
        /** Ten unnormalised scores; softmax turns them into probabilities. */
        LOGITS
    }

    private final String inputName;
    private final Layout layout;
    private final long[] inputDims;
    private final int pictureValues;
    private final float low;
    private final float high;
    private final float mean;
    private final float std;
    private final boolean darkInk;
    private final String outputName;
    private final OutputKind outputKind;
    private final Keys keys;
    private final int classifierOutputs;

    private OnnxModelSpec(String inputName, Layout layout, long[] inputDims, float low, float high, float mean, float std,
                          boolean darkInk, String outputName, OutputKind outputKind, Keys keys, int classifierOutputs) {
        this.inputName = inputName;
        this.layout = layout;
        this.inputDims = inputDims;
        long values = 1;
        for (long d : inputDims) {
            values *= d;
        }
        this.pictureValues = (int) values;
        this.low = low;
        this.high = high;
        this.mean = mean;
        this.std = std;
        this.darkInk = darkInk;
        this.outputName = outputName;
        this.outputKind = outputKind;
        this.keys = keys;
        this.classifierOutputs = classifierOutputs;
    }

    /**
     * Reads the description from a card.
     *
     * @throws BadModelFileException when an entry has a value that means nothing
     */
    public static OnnxModelSpec fromCard(ModelCard card) {
        String what = card.describe();
        List<TensorSpec> inputs = card.inputs();
        List<TensorSpec> outputs = card.outputs();
        if (inputs.size() != 1 || outputs.isEmpty()) {
            throw new BadModelFileException(what + " describes " + inputs.size() + " inputs and " + outputs.size()
                    + " outputs; a digit classifier has one input (the picture) and an output of ten values");
        }
        Keys keys = new Keys(card.entryFor(true, 0, "name"), card.entryFor(true, 0, TensorSpec.LAYOUT),
                card.entryFor(true, 0, TensorSpec.SHAPE), card.entryFor(false, 0, "name"),
                card.entryFor(false, 0, TensorSpec.KIND));
        TensorSpec input = inputs.get(0);
        TensorSpec output = outputs.get(0);
        String layoutText = input.attribute(TensorSpec.LAYOUT).orElse("NCHW").toUpperCase(Locale.ROOT);
        Layout layout;
        try {
            layout = Layout.valueOf(layoutText);
        } catch (IllegalArgumentException e) {
            throw new BadModelFileException(what + ": " + keys.inputLayout() + " is '" + layoutText + "'; use NCHW, NHWC or FLAT");
        }
        Optional<String> shape = input.attribute(TensorSpec.SHAPE);
        long[] inputDims = layout.dims;
        if (shape.isPresent()) {
            long[] dims;
            try {
                dims = input.shape().orElseThrow();
            } catch (BadModelFileException e) {
                throw new BadModelFileException(what + ": " + keys.inputShape() + " '" + shape.get()
                        + "' is not a list of sizes like 1x28x28");
            }
            if (!Arrays.equals(dims, layout.dims) && !isOtherPictureSize(dims, layout)) {
                throw new BadModelFileException(what + ": " + keys.inputShape() + " " + shape.get() + " does not match "
                        + keys.inputLayout() + " " + layout + ", which means " + describe(layout.dims) + "; digit models take"
                        + " 28x28 single-channel pictures: use 1x28x28 with NCHW, 28x28x1 with NHWC or 784 with FLAT"
                        + " (other sizes as 1xHxW with NCHW or HxWx1 with NHWC)");
            }
            inputDims = dims;
        }
        String rangeKey = card.entryFor(true, 0, TensorSpec.RANGE);
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
            throw new BadModelFileException(what + ": " + rangeKey + " is '" + range + "'; write LOW..HIGH, e.g. 0..1 or 0..255");
        }
        String inkKey = card.entryFor(true, 0, TensorSpec.INK);
        if (!(high > low)) {
            throw new BadModelFileException(what + ": " + rangeKey + " " + range + " must go from a lower to a higher value;"
                    + " for dark ink on a light background set " + inkKey + "=dark-on-light instead");
        }
        String meanKey = card.entryFor(true, 0, TensorSpec.MEAN);
        String stdKey = card.entryFor(true, 0, TensorSpec.STD);
        float mean = number(input, TensorSpec.MEAN, 0, what + ": " + meanKey);
        float std = number(input, TensorSpec.STD, 1, what + ": " + stdKey);
        if (!(std > 0) || !Float.isFinite(mean)) {
            throw new BadModelFileException(what + ": " + stdKey + " must be positive and " + meanKey + " finite");
        }
        String ink = input.attribute(TensorSpec.INK).orElse("light-on-dark").toLowerCase(Locale.ROOT);
        boolean darkInk;
        if (ink.equals("light-on-dark")) {
            darkInk = false;
        } else if (ink.equals("dark-on-light")) {
            darkInk = true;
        } else {
            throw new BadModelFileException(what + ": " + inkKey + " is '" + ink + "'; use light-on-dark (ink is the high value,"
                    + " as in MNIST) or dark-on-light");
        }
        String kindText = output.attribute(TensorSpec.KIND).orElse("probabilities").toLowerCase(Locale.ROOT);
        OutputKind kind = switch (kindText) {
            case "probabilities" -> OutputKind.PROBABILITIES;
            case "logits" -> OutputKind.LOGITS;
            default -> throw new BadModelFileException(what + ": " + keys.outputKind() + " is '" + kindText
                    + "'; use probabilities or logits");
        };
        return new OnnxModelSpec(input.name(), layout, inputDims, low, high, mean, std, darkInk, output.name(), kind, keys,
                card.classifierOutputs());
    }

    /** A single-channel picture of another size than 28×28, in a picture layout: {@code 1xHxW} NCHW, {@code HxWx1} NHWC. */
    private static boolean isOtherPictureSize(long[] dims, Layout layout) {
        if (dims.length != 3 || Arrays.stream(dims).anyMatch(d -> d < 1 || d > 4096)) {
            return false;
        }
        return layout == Layout.NCHW ? dims[0] == 1 : layout == Layout.NHWC && dims[2] == 1;
    }

    /** The card entries to name in messages about the input and output. */
    private record Keys(String inputName, String inputLayout, String inputShape, String outputName, String outputKind) {
    }

    private static float number(TensorSpec tensor, String attribute, float otherwise, String entry) {
        Optional<String> text = tensor.attribute(attribute);
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            return Float.parseFloat(text.get());
        } catch (NumberFormatException e) {
            throw new BadModelFileException(entry + " is not a number: '" + text.get() + "'");
        }
    }

    /** The spec bound to the session's real input and output names, after checking that they agree. */
    Bound bind(OrtSession session, String what) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String input = pick(inputName, inputs, "input", keys.inputName(), what, true);
            String output = pick(outputName, outputs, "output", keys.outputName(), what, false);
            long[] inputShape = tensorShape(inputs.get(input), "input '" + input + "'", what);
            long[] want = new long[inputDims.length + 1];
            want[0] = -1;
            System.arraycopy(inputDims, 0, want, 1, inputDims.length);
            if (!compatible(inputShape, want)) {
                throw new BadModelFileException("The card of " + what + " says the input is " + layout + " "
                        + describe(inputDims) + " (tensor " + describe(want) + ") but the model's input '" + input
                        + "' has shape " + describe(inputShape) + "; correct " + keys.inputLayout() + " and " + keys.inputShape() + " in the card");
            }
            long[] outputShape = tensorShape(outputs.get(output), "output '" + output + "'", what);
            if (!compatible(outputShape, new long[]{-1, classifierOutputs})) {
                throw new BadModelFileException("The output '" + output + "' of " + what + " has shape " + describe(outputShape)
                        + "; a digit classifier gives [batch, " + classifierOutputs + "]"
                        + (classifierOutputs == 10 ? "" : " (its card's labels end in " + ModelCard.NOT_A_DIGIT_LABEL + ")")
                        + ". Name the right output in the card's output.name");
            }
            return new Bound(input, output, inputShape[0] > 0 ? inputShape[0] : -1, want);
        } catch (OrtException e) {
            throw new BadModelFileException("Cannot read the inputs and outputs of " + what + ": " + e.getMessage(), e);
        }
    }

    private static String pick(String wanted, Map<String, NodeInfo> available, String kind, String entry, String what,
                                boolean onlyOne) {
        if (wanted != null) {
            if (!available.containsKey(wanted)) {
                throw new BadModelFileException("The card of " + what + " names the " + kind + " '" + wanted + "' but the model's "
                        + kind + "s are " + available.keySet() + "; correct " + entry + " in the card");
            }
            return wanted;
        }
        if (available.isEmpty() || (onlyOne && available.size() > 1)) {
            throw new BadModelFileException(what + " has the " + kind + "s " + available.keySet() + "; say which one holds the"
                    + " digit with " + entry + " in the card");
        }
        return available.keySet().iterator().next();
    }

    private static long[] tensorShape(NodeInfo node, String which, String what) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new BadModelFileException("The " + which + " of " + what + " is " + node.getInfo()
                    + "; digit models must take and give float32 tensors");
        }
        return tensor.getShape();
    }

    /** Same rank, and every fixed size equal (a free size, -1, matches anything; the batch size is free). */
    private static boolean compatible(long[] actual, long[] wanted) {
        if (actual.length != wanted.length) {
            return false;
        }
        for (int i = 1; i < actual.length; i++) {
            if (actual[i] >= 0 && wanted[i] >= 0 && actual[i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(long[] dims) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : ", ").append(dims[i] < 0 ? "?" : String.valueOf(dims[i]));
        }
        return text.append(']').toString();
    }

    /**
     * Maps one picture (ink = 1) of the model's input size in {@code values} at {@code offset}, in place, to this
     * model's polarity and value range. A single-channel picture is the same sequence of values in NCHW, NHWC and
     * FLAT: only the tensor's shape differs.
     */
    void transform(float[] values, int offset) {
        float scale = (high - low) / std;
        float shift = (low - mean) / std;
        if (scale == 1f && shift == 0f && !darkInk) {
            return;
        }
        for (int i = offset; i < offset + pictureValues; i++) {
            float v = darkInk ? 1f - values[i] : values[i];
            values[i] = v * scale + shift;
        }
    }

    /**
     * Turns the model's ten outputs for one picture into probabilities, in place.
     *
     * @throws BadModelFileException when an output said to be probabilities is not
     */
    float[] probabilities(float[] values, String what) {
        if (outputKind == OutputKind.LOGITS) {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) Math.exp(values[i] - max);
                sum += values[i];
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (values[i] / sum);
            }
            return values;
        }
        double sum = 0;
        boolean valid = true;
        for (float v : values) {
            valid &= v >= 0f && v <= 1f;
            sum += v;
        }
        if (!valid || Math.abs(sum - 1.0) > 1e-2) {
            throw new BadModelFileException("The card of " + what + " says its output is probabilities, but the model gave "
                    + Arrays.toString(values) + " (sum " + (float) sum + "); if the model gives scores, set output=logits in the card");
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (values[i] / sum);
        }
        return values;
    }

    /** How many values the model gives per picture: 10, or 11 with "not a digit" last. */
    public int classifierOutputs() {
        return classifierOutputs;
    }

    /** The input's name in the card, if it names one. */
    public Optional<String> inputName() {
        return Optional.ofNullable(inputName);
    }

    public Layout layout() {
        return layout;
    }

    /** The input's shape without its batch dimension, e.g. {@code [1, 28, 28]} or {@code [1, 32, 32]}. */
    public long[] inputDims() {
        return inputDims.clone();
    }

    /** The value of background pixels before mean/std normalisation (ink gets the other end of the range). */
    public float low() {
        return low;
    }

    public float high() {
        return high;
    }

    public float mean() {
        return mean;
    }

    public float std() {
        return std;
    }

    /** Whether ink is the low value (dark ink on a light background). */
    public boolean darkInk() {
        return darkInk;
    }

    /** The output's name in the card, if it names one. */
    public Optional<String> outputName() {
        return Optional.ofNullable(outputName);
    }

    public OutputKind outputKind() {
        return outputKind;
    }

    @Override
    public String toString() {
        return "OnnxModelSpec[" + layout + ", range " + low + ".." + high + ", mean " + mean + ", std " + std
                + (darkInk ? ", dark ink" : ", light ink") + ", " + outputKind.name().toLowerCase(Locale.ROOT) + "]";
    }

    /**
     * The spec with the session's real input and output names.
     *
     * @param fixedBatch the model's fixed batch size, or -1 when it is free
     * @param inputDims  the input tensor's shape with -1 for the batch
     */
    record Bound(String input, String output, long fixedBatch, long[] inputDims) {
    }
}
