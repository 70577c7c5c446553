package dev.digits.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.digits.BadModelFileException;
import dev.digits.CardSchema;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.ModelCard.TensorSpec;
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
    private final CardSchema.PictureInput input;
    private final CardSchema.ClassifierOutput output;

    private OnnxModelSpec(CardSchema.PictureInput input, CardSchema.ClassifierOutput output) {
        this.input = input;
        this.output = output;
    }

    /**
     * Reads the description from a card, through the card's typed views ({@link CardSchema.PictureInput},
     * {@link CardSchema.ClassifierOutput}), as every backend does.
     *
     * @throws BadModelFileException when an entry has a value that means nothing
     */
    public static OnnxModelSpec fromCard(ModelCard card) {
        List<TensorSpec> inputs = card.inputs();
        List<TensorSpec> outputs = card.outputs();
        if (inputs.size() != 1 || outputs.isEmpty()) {
            throw new BadModelFileException(card.describe() + " describes " + inputs.size() + " inputs and " + outputs.size()
                    + " outputs; a digit classifier has one input (the picture) and an output of ten values");
        }
        return new OnnxModelSpec(CardSchema.PictureInput.of(card), CardSchema.ClassifierOutput.of(card));
    }

    /** The spec bound to the session's real input and output names, after checking that they agree. */
    Bound bind(OrtSession session, String what) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String input = pick(this.input.name(), inputs, "input", this.input.entries().name(), what, true);
            String output = pick(this.output.name(), outputs, "output", this.output.entries().name(), what, false);
            long[] inputShape = tensorShape(inputs.get(input), "input '" + input + "'", what);
            long[] inputDims = this.input.dims();
            long[] want = new long[inputDims.length + 1];
            want[0] = -1;
            System.arraycopy(inputDims, 0, want, 1, inputDims.length);
            if (!compatible(inputShape, want)) {
                throw new BadModelFileException("The card of " + what + " says the input is " + this.input.layout() + " "
                        + describe(inputDims) + " (tensor " + describe(want) + ") but the model's input '" + input
                        + "' has shape " + describe(inputShape) + "; correct " + this.input.entries().layout() + " and "
                        + this.input.entries().shape() + " in the card");
            }
            long[] outputShape = tensorShape(outputs.get(output), "output '" + output + "'", what);
            int classifierOutputs = this.output.values();
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

    /** Maps one picture (ink = 1) of the model's input size at {@code offset}, in place, to the model's convention. */
    void transform(float[] values, int offset) {
        input.transform(values, offset);
    }

    /**
     * Turns the model's ten outputs for one picture into probabilities, in place.
     *
     * @throws BadModelFileException when an output said to be probabilities is not
     */
    float[] probabilities(float[] values, String what) {
        if (output.kind() == CardSchema.OutputKind.LOGITS) {
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
        return output.values();
    }

    /** The picture input, as the card describes it. */
    public CardSchema.PictureInput input() {
        return input;
    }

    /** The output, as the card describes it. */
    public CardSchema.ClassifierOutput output() {
        return output;
    }

    @Override
    public String toString() {
        return "OnnxModelSpec[" + input + ", " + output.kind().name().toLowerCase(Locale.ROOT) + "]";
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
