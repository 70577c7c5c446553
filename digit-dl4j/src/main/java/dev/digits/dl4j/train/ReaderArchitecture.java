package dev.digits.dl4j.train;

import dev.digits.ModelCard.TensorSpec;
import dev.digits.preprocess.NumberLine;
import dev.digits.NumberSequenceModel;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The learned number reader's network, after Goodfellow et al. (2013): a CNN over the whole number line with
 * a length head and one head per digit position.
 *
 * <pre>
 * 32×128×1 (NumberLine) → 4 × [conv 3×3 (16, 32, 48, 64) → BN → ReLU → max-pool 2] → 2×8×64
 *   → dense 512 → BN → ReLU → dropout 0.4 → length: dense 6 → softmax (1 to 6 digits)
 *                                        → digit1..digit6: dense 10 → softmax (the digit at each position)
 * </pre>
 * Position heads past a number's length are not trained on it (masked) and not read.
 */
public final class ReaderArchitecture {
    /** The input's name. */
    public static final String INPUT_NAME = "input";
    /** The length head's name. */
    public static final String LENGTH = NumberSequenceModel.LENGTH_OUTPUT;
    /** The network's input, as its card describes it. */
    public static final TensorSpec INPUT = TensorSpec.named(INPUT_NAME)
            .with(TensorSpec.SHAPE, "1x" + NumberLine.HEIGHT + "x" + NumberLine.WIDTH)
            .with(TensorSpec.LAYOUT, "NCHW").with(TensorSpec.RANGE, "0..1").with(TensorSpec.INK, "light-on-dark")
            .with(TensorSpec.KIND, "picture").with(TensorSpec.MEANING, "a number's digits, " + NumberLine.INK_HEIGHT
                    + " pixels high, left-aligned (NumberLine)");
    /** One line for the model card. */
    public static final String DESCRIPTION = "4x[conv3x3(16,32,48,64)-bn-relu-maxpool2] > dense512-bn-relu-dropout0.4"
            + " > length(6)-softmax + 6 x digit(10)-softmax";

    private ReaderArchitecture() {
    }

    /** The outputs as the card describes them: the length head, then the digit heads left to right. */
    public static List<TensorSpec> outputs() {
        List<TensorSpec> outputs = new ArrayList<>();
        outputs.add(TensorSpec.named(LENGTH).with(TensorSpec.SHAPE, "" + NumberSequenceModel.MAX_DIGITS)
                .with(TensorSpec.KIND, "probabilities").with(TensorSpec.MEANING, "the probability of each length, 1 to "
                        + NumberSequenceModel.MAX_DIGITS + " digits"));
        for (int k = 1; k <= NumberSequenceModel.MAX_DIGITS; k++) {
            outputs.add(TensorSpec.named(NumberSequenceModel.digitOutput(k)).with(TensorSpec.SHAPE, "10")
                    .with(TensorSpec.KIND, "probabilities").with(TensorSpec.MEANING, "digit " + k + " from the left, 0 to 9"));
        }
        return outputs;
    }

    /** The input type of the network. */
    public static InputType inputType() {
        return InputType.convolutional(NumberLine.HEIGHT, NumberLine.WIDTH, 1);
    }

    /**
     * The configuration, with Adam whose learning rate decays by {@code decay} each epoch.
     *
     * @param seed         fixes the initial weights
     * @param learningRate the first epoch's learning rate
     * @param decay        factor applied to the learning rate after each epoch
     */
    public static ComputationGraphConfiguration configuration(long seed, double learningRate, double decay) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, decay)))
                .l2(1e-5)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs(INPUT_NAME)
                .setInputTypes(inputType());
        String previous = INPUT_NAME;
        int[] channels = {16, 32, 48, 64};
        for (int i = 0; i < channels.length; i++) {
            String n = Integer.toString(i + 1);
            graph.addLayer("conv" + n, new ConvolutionLayer.Builder(3, 3).nOut(channels[i]).activation(Activation.IDENTITY)
                    .build(), previous);
            graph.addLayer("bn" + n, new BatchNormalization.Builder().build(), "conv" + n);
            graph.addLayer("relu" + n, new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn" + n);
            graph.addLayer("pool" + n, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).build(), "relu" + n);
            previous = "pool" + n;
        }
        graph.addLayer("dense", new DenseLayer.Builder().nOut(512).activation(Activation.IDENTITY).build(), previous);
        graph.addLayer("bnDense", new BatchNormalization.Builder().build(), "dense");
        graph.addLayer("reluDense", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bnDense");
        List<String> outputs = new ArrayList<>();
        // DL4J applies a layer's dropout to its input and takes the probability to keep.
        graph.addLayer(LENGTH, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(NumberSequenceModel.MAX_DIGITS)
                .activation(Activation.SOFTMAX).dropOut(0.6).build(), "reluDense");
        outputs.add(LENGTH);
        for (int k = 1; k <= NumberSequenceModel.MAX_DIGITS; k++) {
            String name = NumberSequenceModel.digitOutput(k);
            graph.addLayer(name, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                    .activation(Activation.SOFTMAX).dropOut(0.6).build(), "reluDense");
            outputs.add(name);
        }
        return graph.setOutputs(outputs.toArray(String[]::new)).build();
    }
}
