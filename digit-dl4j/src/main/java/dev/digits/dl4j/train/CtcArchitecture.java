package dev.digits.dl4j.train;

import dev.digits.ModelCard.TensorSpec;
import dev.digits.NumberSequenceModel;
import dev.digits.preprocess.NumberLine;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The number reader's network: a fully convolutional network over the whole number line that gives, for each
 * four-pixel column of the canvas, scores over the ten digits and a blank, trained with a CTC loss
 * ({@link CtcLoss}). Reading merges repeated digits and drops blanks (in Java, on every backend), so a number
 * of any length up to {@value NumberSequenceModel#MAX_DIGITS} digits is read whether or not its digits touch.
 *
 * <pre>
 * 32×256×1 (NumberLine)
 *   → conv3×3 stride 2, 24 → ReLU                 16×128
 *   → conv3×3 48 → ReLU → max-pool 2×2              8×64
 *   → conv3×3 64 → ReLU → max-pool 2×1              4×64
 *   → conv3×3 96 → BN → ReLU → max-pool 4×1         1×64
 *   → conv1×5 128 → BN → ReLU (context along the line)
 *   → conv1×1 11 (logits: digits 0-9, blank)        1×64 columns
 * </pre>
 * No recurrent layer: a receptive field of about 40 pixels (two digits) along the line was enough on validation,
 * and convolutions export to ONNX and run fast on both backends.
 */
public final class CtcArchitecture {
    /** The input's name. */
    public static final String INPUT_NAME = "input";
    /** The output's name. */
    public static final String OUTPUT_NAME = NumberSequenceModel.COLUMNS_OUTPUT;
    /** The network's input, as its card describes it. */
    public static final TensorSpec INPUT = TensorSpec.named(INPUT_NAME)
            .with(TensorSpec.SHAPE, "1x" + NumberLine.HEIGHT + "x" + NumberLine.WIDTH)
            .with(TensorSpec.LAYOUT, "NCHW").with(TensorSpec.RANGE, "0..1").with(TensorSpec.INK, "light-on-dark")
            .with(TensorSpec.KIND, "picture").with(TensorSpec.MEANING, "a number's digits, " + NumberLine.INK_HEIGHT
                    + " pixels high, left-aligned (NumberLine)");
    /** The network's output, as its card describes it. */
    public static final TensorSpec OUTPUT = TensorSpec.named(OUTPUT_NAME)
            .with(TensorSpec.SHAPE, NumberSequenceModel.CLASSES + "x1x" + NumberSequenceModel.COLUMNS)
            .with(TensorSpec.KIND, "logits")
            .with(TensorSpec.MEANING, "for each of " + NumberSequenceModel.COLUMNS
                    + " columns, the scores of digits 0-9 and of the blank (class 10), before softmax");
    /** One line for the model card. */
    public static final String DESCRIPTION = "conv3x3s2(24)-relu > conv3x3(48)-relu-maxpool2x2 > conv3x3(64)-relu-maxpool2x1 > conv3x3(96)-bn-relu-maxpool4x1 > conv1x5(128)-bn-relu"
            + " > conv1x1(11) per column, CTC";

    private CtcArchitecture() {
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
        // DL4J runs a convolution over one channel at full size and batch normalisation at large sizes slowly (about
        // ten times what their arithmetic costs): the first convolution strides, and only the small late layers
        // are normalised.
        graph.addLayer("conv1", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(24).activation(Activation.RELU)
                .build(), INPUT_NAME);
        graph.addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(48).activation(Activation.RELU).build(), "conv1");
        graph.addLayer("pool2", maxPool(2, 2), "conv2");
        graph.addLayer("conv3", new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build(), "pool2");
        graph.addLayer("pool3", maxPool(2, 1), "conv3");
        String previous = convBnRelu(graph, "4", new ConvolutionLayer.Builder(3, 3).nOut(96), "pool3");
        graph.addLayer("pool4", maxPool(4, 1), previous);
        previous = convBnRelu(graph, "5", new ConvolutionLayer.Builder(1, 5).nOut(128), "pool4");
        graph.addLayer("logits", new ConvolutionLayer.Builder(1, 1).nOut(NumberSequenceModel.CLASSES)
                .activation(Activation.IDENTITY).build(), previous);
        graph.addLayer(OUTPUT_NAME, new CnnLossLayer.Builder()
                .lossFunction(new CtcLoss(NumberSequenceModel.COLUMNS, NumberSequenceModel.BLANK))
                .activation(Activation.IDENTITY).build(), "logits");
        return graph.setOutputs(OUTPUT_NAME).build();
    }

    private static SubsamplingLayer maxPool(int height, int width) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(height, width)
                .stride(height, width).build();
    }

    private static String convBnRelu(ComputationGraphConfiguration.GraphBuilder graph, String n,
                                     ConvolutionLayer.Builder conv, String previous) {
        graph.addLayer("conv" + n, conv.activation(Activation.IDENTITY).build(), previous);
        graph.addLayer("bn" + n, new BatchNormalization.Builder().build(), "conv" + n);
        graph.addLayer("relu" + n, new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn" + n);
        return "relu" + n;
    }
}
