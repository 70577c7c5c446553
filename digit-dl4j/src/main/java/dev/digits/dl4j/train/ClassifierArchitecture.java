package dev.digits.dl4j.train;

import dev.digits.DigitImage;
import dev.digits.ModelCard.TensorSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
 * The bundled classifier's network: a small batch-normalised CNN, 3.7 million multiply-adds per picture.
 *
 * <pre>
 * 28×28×1 → conv 5×5 ×32 → BN → ReLU → max-pool 2 → 12×12×32
 *         → conv 3×3 ×48 → BN → ReLU → 10×10×48
 *         → conv 3×3 ×64 → BN → ReLU → max-pool 2 → 4×4×64
 *         → dense 128 → BN → ReLU → dropout 0.4 → dense 10 → softmax
 * </pre>
 *
 * {@link Width#WIDE} has the same layers with more channels (64 and 96 in the second and third convolutions, a
 * dense layer of 256): 6.2 million multiply-adds, a member of an ensemble that differs from the standard ones.
 *
 * The same layers take SVHN's 32×32 gray pictures ({@link #configuration(int, long, double, double)} with side 32):
 * 28×28×32 after the first convolution, 14×14×32 pooled, 12×12×48, 10×10×64, 5×5×64 pooled into the dense layer.
 */
public final class ClassifierArchitecture {
    /** The network's input, as its card describes it: an MNIST-form picture. */
    public static final TensorSpec INPUT = TensorSpec.named("input").with(TensorSpec.SHAPE, "1x28x28")
            .with(TensorSpec.LAYOUT, "NCHW").with(TensorSpec.RANGE, "0..1").with(TensorSpec.INK, "light-on-dark")
            .with(TensorSpec.KIND, "picture").with(TensorSpec.MEANING, "a digit in MNIST form: 28x28, ink 1, background 0");
    /** The network's output, as its card describes it. */
    public static final TensorSpec OUTPUT = TensorSpec.named("output").with(TensorSpec.SHAPE, "10")
            .with(TensorSpec.KIND, "probabilities").with(TensorSpec.MEANING, "the probability of each digit, 0 to 9");
    /** The output of a classifier that can say "not a digit" ({@link RejectionTrainer}), as its card describes it. */
    public static final TensorSpec OUTPUT_WITH_NOT_A_DIGIT = TensorSpec.named("output").with(TensorSpec.SHAPE, "11")
            .with(TensorSpec.KIND, "probabilities").with(TensorSpec.MEANING,
                    "the probability of each digit, 0 to 9, then the probability that the picture is not a digit");
    /** One line for the model card. */
    public static final String DESCRIPTION = "conv5x5x32-bn-relu-maxpool2 > conv3x3x48-bn-relu > conv3x3x64-bn-relu-maxpool2"
            + " > dense128-bn-relu-dropout0.4 > dense10-softmax";

    private ClassifierArchitecture() {
    }

    /** How many channels the layers have; the layers themselves are the same. */
    public enum Width {
        /** The bundled classifier's: 32, 48 and 64 channels, dense 128; 3.7 million multiply-adds. */
        STANDARD(48, 64, 128),
        /** 32, 64 and 96 channels, dense 256; 6.2 million multiply-adds. */
        WIDE(64, 96, 256);

        private final int secondChannels;
        private final int thirdChannels;
        private final int denseUnits;

        Width(int secondChannels, int thirdChannels, int denseUnits) {
            this.secondChannels = secondChannels;
            this.thirdChannels = thirdChannels;
            this.denseUnits = denseUnits;
        }

        /** The name used on the command line and in checkpoints: {@code standard} or {@code wide}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** One line for the model card, e.g. {@link ClassifierArchitecture#DESCRIPTION} for the standard width. */
        public String description() {
            return "conv5x5x32-bn-relu-maxpool2 > conv3x3x" + secondChannels + "-bn-relu > conv3x3x" + thirdChannels
                    + "-bn-relu-maxpool2 > dense" + denseUnits + "-bn-relu-dropout0.4 > dense10-softmax";
        }

        /**
         * The width named {@code label} ({@link #label()}, any case).
         *
         * @throws IllegalArgumentException naming the known widths when there is none of that name
         */
        public static Width named(String label) {
            for (Width width : values()) {
                if (width.label().equalsIgnoreCase(label.trim())) {
                    return width;
                }
            }
            throw new IllegalArgumentException("Unknown architecture '" + label + "'; known: standard, wide");
        }
    }

    /** The side of SVHN's cropped digits, the other input size {@link #configuration(int, long, double, double)} is used with. */
    public static final int SVHN_SIDE = 32;

    /**
     * The input of the network for {@code side}×{@code side} gray pictures, as its card describes it (without
     * standardisation: see {@code InputStandardisation}).
     */
    public static TensorSpec input(int side) {
        if (side == DigitImage.MNIST_SIZE) {
            return INPUT;
        }
        return TensorSpec.named("input").with(TensorSpec.SHAPE, "1x" + side + "x" + side).with(TensorSpec.LAYOUT, "NCHW")
                .with(TensorSpec.RANGE, "0..1").with(TensorSpec.KIND, "picture")
                .with(TensorSpec.MEANING, "a " + side + "x" + side + " picture of one digit as it was photographed (as SVHN's"
                        + " cropped digits), gray by luma 0.299 R + 0.587 G + 0.114 B, values 0..1, then standardised");
    }

    /** One line for the model card: {@link #DESCRIPTION}, with the input size when it is not 28×28. */
    public static String description(int side) {
        return description(side, Width.STANDARD);
    }

    /** One line for the model card: the width's description, with the input size when it is not 28×28. */
    public static String description(int side, Width width) {
        return side == DigitImage.MNIST_SIZE ? width.description() : "input1x" + side + "x" + side + " > " + width.description();
    }

    /**
     * The configuration for MNIST's 28×28 pictures, with Adam whose learning rate decays by {@code decay} each epoch.
     *
     * @param seed         fixes the initial weights
     * @param learningRate the first epoch's learning rate
     * @param decay        factor applied to the learning rate after each epoch
     */
    public static MultiLayerConfiguration configuration(long seed, double learningRate, double decay) {
        return configuration(DigitImage.MNIST_SIZE, seed, learningRate, decay, 10);
    }

    /**
     * The configuration for {@code side}×{@code side} single-channel pictures (28 for MNIST, 32 for SVHN).
     *
     * @throws IllegalArgumentException when {@code side} is too small for the layers (below 24)
     */
    public static MultiLayerConfiguration configuration(int side, long seed, double learningRate, double decay) {
        return configuration(side, seed, learningRate, decay, 10);
    }

    /**
     * The configuration with {@code outputs} outputs: 10 for digits, 11 for digits and "not a digit"
     * ({@link RejectionTrainer}).
     *
     * @throws IllegalArgumentException when {@code side} is too small for the layers (below 24)
     */
    public static MultiLayerConfiguration configuration(int side, long seed, double learningRate, double decay,
                                                        int outputs) {
        return configuration(side, Width.STANDARD, seed, learningRate, decay, outputs);
    }

    /**
     * The configuration of a width ({@link Width}) with {@code outputs} outputs.
     *
     * @throws IllegalArgumentException when {@code side} is too small for the layers (below 24)
     */
    public static MultiLayerConfiguration configuration(int side, Width width, long seed, double learningRate,
                                                        double decay, int outputs) {
        if (side < 24) {
            throw new IllegalArgumentException("The classifier's layers need pictures of at least 24x24, got " + side);
        }
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, decay)))
                .l2(1e-5)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(width.secondChannels).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(width.thirdChannels).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(width.denseUnits).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                // DL4J applies a layer's dropout to its input and takes the probability to keep.
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(outputs).activation(Activation.SOFTMAX)
                        .dropOut(0.6).build())
                .setInputType(InputType.convolutional(side, side, 1))
                .build();
    }
}
