package dev.digits.dl4j.train;

import dev.digits.ModelCard.TensorSpec;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The conditional GAN: a generator that draws a digit of a chosen class from noise, and a discriminator that
 * tells real digits from generated ones and names their digit, both convolutional (as keras.io's conditional
 * GAN, scaled to train seven epochs in about an hour on two cores).
 *
 * <pre>
 * generator:     latent (64) ++ one-hot label (10) → dense 7·7·128 → BN → ReLU → reshape 128×7×7
 *                → upsample ×2 (nearest) → conv 3×3 ×64 → BN → ReLU → 64×14×14
 *                → upsample ×2 (nearest) → conv 3×3 ×1 → sigmoid → 1×28×28
 * discriminator: picture 1×28×28 → conv 4×4 /2 ×32 → LReLU
 *                → conv 4×4 /2 ×64 → LReLU → 64×7×7 → dense 1 → sigmoid (real or not)
 *                                                   ↘ dense 10 → softmax (which digit)
 * </pre>
 * Nearest upsampling followed by a convolution replaces the transposed convolutions of the first version: every
 * output pixel sees the same number of weights, which avoids the checkerboard pattern transposed convolutions
 * are prone to, and the wider start (128 channels at 7×7 instead of 64) gives the strokes more to draw with.
 * The discriminator does not see the label (the first version was given it as ten extra planes): its class head
 * could then read the digit off those planes instead of the picture, which leaves the generator no reason to draw
 * the asked digit; with the planes, label agreement fell from 0.62 after a third of an epoch to 0.54 after one
 * (moving average; 0.40 for the last step's weights).
 * The second head makes it an auxiliary-classifier GAN (AC-GAN): the discriminator learns to name the digit of
 * real and generated pictures alike (the full AC-GAN loss of Odena et al.), and the generator is trained to draw
 * pictures it names as the digit asked for. Conditioning on
 * the label alone (label planes for the discriminator, one-hot for the generator) gave a label agreement of
 * 0.60 after five epochs, measured by the bundled classifier; the auxiliary head is what
 * makes the asked-for digit the one drawn.
 * The combined network that trains the generator is the generator followed by the discriminator's layers,
 * frozen ({@link FrozenLayerWithBackprop}: gradients flow through them to the generator, their weights stay);
 * its layers have the same names as in the two networks, so parameters are copied by name.
 */
public final class GanArchitecture {
    /** Length of the latent vector. */
    public static final int LATENT = 64;
    /** The generator's inputs and output, as its card describes them. */
    public static final TensorSpec LATENT_INPUT = TensorSpec.named("latent").with(TensorSpec.SHAPE, LATENT)
            .with(TensorSpec.KIND, "noise").with(TensorSpec.MEANING, "independent standard normal values");
    /** The label input of the generator. */
    public static final TensorSpec LABEL_INPUT = TensorSpec.named("label").with(TensorSpec.SHAPE, 10)
            .with(TensorSpec.KIND, "one-hot").with(TensorSpec.MEANING, "the digit to draw, one-hot");
    /** The generator's output. */
    public static final TensorSpec PICTURE_OUTPUT = TensorSpec.named("picture").with(TensorSpec.SHAPE, "1x28x28")
            .with(TensorSpec.LAYOUT, "NCHW").with(TensorSpec.RANGE, "0..1").with(TensorSpec.INK, "light-on-dark")
            .with(TensorSpec.KIND, "picture").with(TensorSpec.MEANING, "a digit in MNIST form");
    /** One line for the model card. */
    public static final String DESCRIPTION = "generator: latent64+onehot10 > dense6272-bn-relu > up2-conv3x3x64-bn-relu"
            + " > up2-conv3x3x1-sigmoid; discriminator: picture > conv4x4s2x32-lrelu > conv4x4s2x64-lrelu"
            + " > dense1-sigmoid, dense10-softmax (auxiliary classifier)";

    /** Names of the generator's layers, in order; the combined network uses the same. */
    static final String[] GENERATOR_LAYERS = {"g_dense", "g_bn1", "g_relu1", "g_up1", "g_conv1", "g_bn2", "g_relu2",
        "g_up2", "picture"};
    /** Names of the discriminator's layers, in order. */
    static final String[] DISCRIMINATOR_LAYERS = {"d_conv1", "d_conv2", "d_out", "d_class"};

    /** Channels of the generator's first picture (7×7); the next has half as many. */
    private static final int WIDTH = 128;
    /** Adam's rate for both networks until the trainer lowers it late in training. */
    static final double LEARNING_RATE = 2e-4;
    private static final double BETA1 = 0.5;

    private GanArchitecture() {
    }

    /** The generator alone: inputs {@code latent} and {@code label}, output {@code picture}. */
    public static ComputationGraphConfiguration generator(long seed) {
        ComputationGraphConfiguration.GraphBuilder graph = base(seed).graphBuilder().addInputs("latent", "label");
        addGenerator(graph);
        return graph.setOutputs("picture")
                .setInputTypes(InputType.feedForward(LATENT), InputType.feedForward(10))
                .build();
    }

    /** The discriminator alone: input {@code picture}; outputs real-or-not and which digit. */
    public static ComputationGraphConfiguration discriminator(long seed) {
        ComputationGraphConfiguration.GraphBuilder graph = base(seed).graphBuilder().addInputs("picture");
        addDiscriminator(graph, false);
        return graph.setOutputs("d_out", "d_class")
                .setInputTypes(InputType.convolutional(28, 28, 1))
                .build();
    }

    /** The generator followed by the frozen discriminator: inputs {@code latent} and {@code label}. */
    public static ComputationGraphConfiguration combined(long seed) {
        ComputationGraphConfiguration.GraphBuilder graph = base(seed).graphBuilder().addInputs("latent", "label");
        addGenerator(graph);
        addDiscriminator(graph, true);
        return graph.setOutputs("d_out", "d_class")
                .setInputTypes(InputType.feedForward(LATENT), InputType.feedForward(10))
                .build();
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(LEARNING_RATE, BETA1, 0.999, 1e-8))
                .convolutionMode(ConvolutionMode.Same);
    }

    private static void addGenerator(ComputationGraphConfiguration.GraphBuilder graph) {
        graph.addVertex("g_in", new MergeVertex(), "latent", "label")
                .addLayer("g_dense", new DenseLayer.Builder().nOut(7 * 7 * WIDTH).activation(Activation.IDENTITY).build(), "g_in")
                .addLayer("g_bn1", new BatchNormalization.Builder().build(), "g_dense")
                .addLayer("g_relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "g_bn1")
                .addLayer("g_up1", new Upsampling2D.Builder(2).build(), new FeedForwardToCnnPreProcessor(7, 7, WIDTH), "g_relu1")
                .addLayer("g_conv1", new ConvolutionLayer.Builder(3, 3).nOut(WIDTH / 2)
                        .activation(Activation.IDENTITY).build(), "g_up1")
                .addLayer("g_bn2", new BatchNormalization.Builder().build(), "g_conv1")
                .addLayer("g_relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "g_bn2")
                .addLayer("g_up2", new Upsampling2D.Builder(2).build(), "g_relu2")
                .addLayer("picture", new ConvolutionLayer.Builder(3, 3).nOut(1)
                        .activation(Activation.SIGMOID).build(), "g_up2");
    }

    private static void addDiscriminator(ComputationGraphConfiguration.GraphBuilder graph, boolean frozen) {
        graph.addLayer("d_conv1", maybeFrozen(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(32)
                        .activation(new ActivationLReLU(0.2)).build(), frozen), "picture")
                .addLayer("d_conv2", maybeFrozen(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(64)
                        .activation(new ActivationLReLU(0.2)).build(), frozen), "d_conv1")
                .addLayer("d_out", maybeFrozen(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build(), frozen), "d_conv2")
                .addLayer("d_class", maybeFrozen(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), frozen), "d_conv2");
    }

    private static Layer maybeFrozen(Layer layer, boolean frozen) {
        return frozen ? new FrozenLayerWithBackprop(layer) : layer;
    }
}
