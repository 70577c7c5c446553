package dev.digits.dl4j.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.ChecksumMismatchException;
import dev.digits.LoadedModel;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.ModelSource;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Round trips: small random networks of every supported layer type, exported to ONNX and run in ONNX
 * Runtime, must give DL4J's outputs. Parameters, including batch-normalisation statistics, are random
 * so that nothing is tested only at its initial value.
 */
class OnnxExporterTest {
    /** |onnx - dl4j| must stay within ABS + REL * |dl4j|. */
    private static final double ABS = 1e-5;
    private static final double REL = 1e-4;

    @TempDir
    Path folder;

    @BeforeAll
    static void nd4j() {
        assertTrue(Dl4jRuntime.initialize(), "ND4J must load");
    }

    // ---------------------------------------------------------------- convolution

    @Test
    void convolutionTruncateWithPaddingStrideAndDilation() throws Exception {
        assertRoundTrip(network(InputType.convolutional(13, 11, 2), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                new ConvolutionLayer.Builder(3, 2).stride(2, 1).padding(1, 2).nOut(5).activation(Activation.RELU).build(),
                new ConvolutionLayer.Builder(2, 2).dilation(2, 2).nOut(3).hasBias(false).activation(Activation.TANH).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(6).activation(Activation.SOFTMAX).build()));
    }

    @Test
    void convolutionSameModeWithOddSizesAndStrides() throws Exception {
        assertRoundTrip(network(InputType.convolutional(13, 10, 1), ConvolutionMode.Same,
                new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                new ConvolutionLayer.Builder(4, 5).stride(2, 2).nOut(5).activation(Activation.IDENTITY).build(),
                new ConvolutionLayer.Builder(3, 3).stride(3, 2).dilation(1, 2).nOut(3).activation(Activation.SIGMOID).build(),
                new DenseLayer.Builder().nOut(7).activation(Activation.IDENTITY).build()));
    }

    @Test
    void convolutionStrictMode() throws Exception {
        assertRoundTrip(network(InputType.convolutional(9, 9, 3), ConvolutionMode.Strict,
                new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).activation(Activation.RELU).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build()));
    }

    // ---------------------------------------------------------------- batch normalisation

    @Test
    void batchNormalisationWithLog10StandardDeviationOnConvolutionalAndDenseData() throws Exception {
        // The default: DL4J stores log10 of the standard deviation, the trap the exporter must convert.
        assertRoundTrip(network(InputType.convolutional(8, 8, 3), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                new BatchNormalization.Builder().build(),
                new ActivationLayer.Builder().activation(Activation.RELU).build(),
                new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).build(),
                new BatchNormalization.Builder().eps(1e-3).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build()));
    }

    @Test
    void batchNormalisationWithVarianceAndLockedGammaBeta() throws Exception {
        assertRoundTrip(network(InputType.convolutional(6, 6, 2), ConvolutionMode.Truncate,
                new BatchNormalization.Builder().useLogStd(false).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.IDENTITY).build(),
                new BatchNormalization.Builder().lockGammaBeta(true).gamma(1.5).beta(-0.25).build(),
                new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(),
                new BatchNormalization.Builder().useLogStd(false).build()));
    }

    // ---------------------------------------------------------------- activations

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("relu", Activation.RELU.getActivationFunction()),
                Arguments.of("identity", Activation.IDENTITY.getActivationFunction()),
                Arguments.of("softmax", Activation.SOFTMAX.getActivationFunction()),
                Arguments.of("sigmoid", Activation.SIGMOID.getActivationFunction()),
                Arguments.of("tanh", Activation.TANH.getActivationFunction()),
                Arguments.of("leakyrelu", Activation.LEAKYRELU.getActivationFunction()),
                Arguments.of("leakyrelu alpha 0.2", new ActivationLReLU(0.2)),
                Arguments.of("relu with max and negative slope", new ActivationReLU(4.0, 0.0, 0.1)),
                Arguments.of("relu6", Activation.RELU6.getActivationFunction()),
                Arguments.of("elu", Activation.ELU.getActivationFunction()),
                Arguments.of("selu", Activation.SELU.getActivationFunction()),
                Arguments.of("hardsigmoid", Activation.HARDSIGMOID.getActivationFunction()),
                Arguments.of("hardtanh", Activation.HARDTANH.getActivationFunction()),
                Arguments.of("softplus", Activation.SOFTPLUS.getActivationFunction()),
                Arguments.of("softsign", Activation.SOFTSIGN.getActivationFunction()),
                Arguments.of("swish", Activation.SWISH.getActivationFunction()),
                Arguments.of("cube", Activation.CUBE.getActivationFunction()),
                Arguments.of("thresholdedrelu", Activation.THRESHOLDEDRELU.getActivationFunction()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationsOnDenseLayersAndActivationLayers(String name, org.nd4j.linalg.activations.IActivation activation)
            throws Exception {
        assertRoundTrip(network(InputType.feedForward(9), ConvolutionMode.Truncate,
                new DenseLayer.Builder().nOut(8).activation(activation).build(),
                new ActivationLayer.Builder().activation(activation).build(),
                new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(),
                new ActivationLayer.Builder().activation(activation).build()));
    }

    @Test
    void reluOnConvolutionalData() throws Exception {
        assertRoundTrip(network(InputType.convolutional(5, 5, 2), ConvolutionMode.Truncate,
                new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build(),
                new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.ELU).build(),
                new ActivationLayer.Builder().activation(Activation.RELU).build()));
    }

    // ---------------------------------------------------------------- pooling

    @Test
    void maxAndAveragePoolingInTruncateMode() throws Exception {
        assertRoundTrip(network(InputType.convolutional(15, 12, 2), ConvolutionMode.Truncate,
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 2).stride(1, 2).build(),
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).padding(1, 1).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build()));
    }

    @Test
    void averagePoolingWithPaddingCountsPaddingAsDl4jSays() throws Exception {
        for (boolean include : new boolean[]{true, false}) {
            assertRoundTrip(network(InputType.convolutional(7, 7, 2), ConvolutionMode.Truncate,
                    new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(2, 2).padding(1, 1)
                            .avgPoolIncludePadInDivisor(include).build()));
        }
    }

    @Test
    void maxAndAveragePoolingInSameMode() throws Exception {
        assertRoundTrip(network(InputType.convolutional(11, 9, 2), ConvolutionMode.Same,
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build(),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(1, 1).build(),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(2, 2).build()));
    }

    @Test
    void globalPooling() throws Exception {
        assertRoundTrip(network(InputType.convolutional(6, 5, 3), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(2, 2).nOut(4).activation(Activation.RELU).build(),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build()));
        assertRoundTrip(network(InputType.convolutional(6, 5, 3), ConvolutionMode.Truncate,
                new GlobalPoolingLayer.Builder(PoolingType.MAX).build()));
    }

    // ---------------------------------------------------------------- dense, output, dropout

    @Test
    void denseAndOutputLayersWithAndWithoutBias() throws Exception {
        assertRoundTrip(network(InputType.feedForward(12), ConvolutionMode.Truncate,
                new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build(),
                new DenseLayer.Builder().nOut(6).hasBias(false).activation(Activation.IDENTITY).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(4).hasBias(false).activation(Activation.IDENTITY).build()));
        assertRoundTrip(network(InputType.feedForward(12), ConvolutionMode.Truncate,
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5).activation(Activation.SOFTMAX).build()));
    }

    @Test
    void dropoutIsTheIdentityAtInference() throws Exception {
        assertRoundTrip(network(InputType.convolutional(6, 6, 1), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(3, 3).nOut(2).dropOut(0.5).activation(Activation.RELU).build(),
                new DropoutLayer.Builder(0.7).build(),
                new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(),
                new DropoutLayer.Builder(0.5).build(),
                new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build()));
    }

    // ---------------------------------------------------------------- generator parts

    @Test
    void transposedConvolutionInTruncateAndSameModes() throws Exception {
        assertRoundTrip(network(InputType.convolutional(5, 6, 3), ConvolutionMode.Truncate,
                new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(4).activation(Activation.RELU).build(),
                new Deconvolution2D.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(2).hasBias(false).activation(Activation.IDENTITY).build(),
                new Deconvolution2D.Builder(3, 2).stride(2, 1).nOut(3).activation(Activation.TANH).build()));
        for (int k : new int[]{3, 4, 5}) {
            assertRoundTrip(network(InputType.convolutional(7, 6, 3), ConvolutionMode.Same,
                    new Deconvolution2D.Builder(k, k).stride(2, 2).nOut(4).activation(Activation.IDENTITY).build(),
                    new Deconvolution2D.Builder(3, 3).stride(1, 1).nOut(2).activation(Activation.SIGMOID).build()));
        }
    }

    @Test
    void upsamplingAndZeroPadding() throws Exception {
        assertRoundTrip(network(InputType.convolutional(4, 5, 2), ConvolutionMode.Truncate,
                new Upsampling2D.Builder(2).build(),
                new ZeroPaddingLayer.Builder(1, 2, 0, 3).build(),
                new Upsampling2D.Builder().size(new int[]{3, 1}).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build()));
    }

    @Test
    void upsamplingThenThreeByThreeConvolutionIsOneTransposedConvolution() throws Exception {
        Net same = network(InputType.convolutional(5, 7, 3), ConvolutionMode.Same,
                new Upsampling2D.Builder(2).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                new Upsampling2D.Builder(2).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(2).hasBias(false).activation(Activation.SIGMOID).build());
        assertRoundTrip(same);
        assertEquals(List.of("ConvTranspose", "Relu", "ConvTranspose", "Sigmoid"), opTypes(same),
                "each pair is written as one transposed convolution, without the enlarged copy");
        Net truncate = network(InputType.convolutional(4, 4, 2), ConvolutionMode.Truncate,
                new Upsampling2D.Builder(2).build(),
                new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(3).activation(Activation.IDENTITY).build());
        assertRoundTrip(truncate);
        assertEquals(List.of("ConvTranspose"), opTypes(truncate));
        // Other kernels, strides or paddings keep the upsampling and the convolution.
        Net other = network(InputType.convolutional(4, 4, 2), ConvolutionMode.Truncate,
                new Upsampling2D.Builder(2).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.IDENTITY).build());
        assertRoundTrip(other);
        assertEquals(List.of("Resize", "Conv"), opTypes(other));
    }

    private static List<String> opTypes(Net net) throws Exception {
        return onnx.Onnx.ModelProto.parseFrom(OnnxExporter.export(net.network(), net.inputType())).getGraph().getNodeList()
                .stream().map(onnx.Onnx.NodeProto::getOpType).toList();
    }

    @Test
    void ganGeneratorWithReshapesBetweenFeedForwardAndConvolutionalData() throws Exception {
        // latent 16 → dense 7·7·8 → reshape → deconv ×2 → BN → ReLU → upsample → conv → tanh, then flatten → dense.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same).list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(7 * 7 * 8).activation(Activation.LEAKYRELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new Upsampling2D.Builder(2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(1).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(3).activation(Activation.SIGMOID).build())
                .inputPreProcessor(2, new FeedForwardToCnnPreProcessor(7, 7, 8))
                .inputPreProcessor(7, new CnnToFeedForwardPreProcessor(14, 14, 1))
                .setInputType(InputType.feedForward(16))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        randomise(network.getLayers(), 3);
        assertRoundTrip(network, InputType.feedForward(16));
    }

    @Test
    void flatInputReshapedToImages() throws Exception {
        // InputType.convolutionalFlat: the network takes flat 784-value rows and reshapes them itself.
        assertRoundTrip(network(InputType.convolutionalFlat(28, 28, 1), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(5, 5).stride(3, 3).nOut(2).activation(Activation.RELU).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build()),
                InputType.feedForward(784));
    }

    // ---------------------------------------------------------------- computation graphs

    @Test
    void multiHeadComputationGraphWithMergeAndElementWiseVertices() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("image", "extra")
                .setInputTypes(InputType.convolutional(10, 10, 1), InputType.feedForward(5))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "image")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "bn")
                .addLayer("features", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "pool")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "features", "extra")
                .addVertex("product", new ElementWiseVertex(ElementWiseVertex.Op.Product), "features", "extra", "sum")
                .addVertex("average", new ElementWiseVertex(ElementWiseVertex.Op.Average), "features", "extra")
                .addVertex("max", new ElementWiseVertex(ElementWiseVertex.Op.Max), "features", "extra")
                .addVertex("difference", new ElementWiseVertex(ElementWiseVertex.Op.Subtract), "features", "extra")
                .addVertex("merged", new MergeVertex(), "sum", "product", "average", "max", "difference")
                .addLayer("digit", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "merged")
                .addLayer("length", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(6)
                        .activation(Activation.SOFTMAX).build(), "features")
                .addLayer("box", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(4)
                        .activation(Activation.IDENTITY).build(), "merged")
                .setOutputs("digit", "length", "box")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        randomise(graph.getLayers(), 5);
        INDArray image = Nd4j.rand(DataType.FLOAT, 4, 1, 10, 10);
        INDArray extra = Nd4j.rand(DataType.FLOAT, 4, 5).subi(0.5);
        INDArray[] expected = graph.output(false, image.dup(), extra.dup());
        byte[] model = OnnxExporter.export(graph, InputType.convolutional(10, 10, 1), InputType.feedForward(5));
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        inputs.put("image", image);
        inputs.put("extra", extra);
        List<INDArray> actual = OnnxRuntimeRunner.run(model, inputs);
        assertEquals(3, actual.size());
        for (int i = 0; i < 3; i++) {
            assertClose(expected[i], actual.get(i), "output " + i);
        }

        Path file = folder.resolve("graph.onnx");
        ModelCard card = OnnxExporter.write(graph, ModelCard.builder().put(ModelCard.NAME, "heads").build(), file,
                InputType.convolutional(10, 10, 1), InputType.feedForward(5));
        assertEquals(List.of("image", "extra"), card.inputs().stream().map(TensorSpec::name).toList());
        assertEquals("1x10x10", card.inputs().get(0).attribute(TensorSpec.SHAPE).orElseThrow());
        assertEquals("5", card.inputs().get(1).attribute(TensorSpec.SHAPE).orElseThrow());
        assertEquals(List.of("digit", "length", "box"), card.outputs().stream().map(TensorSpec::name).toList());
        assertEquals(List.of("probabilities", "probabilities", "logits"),
                card.outputs().stream().map(t -> t.attribute(TensorSpec.KIND).orElseThrow()).toList());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void anUnsupportedLayerIsAClearErrorNamingIt() {
        MultiLayerNetwork separable = network(InputType.convolutional(8, 8, 2), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build(),
                new SeparableConvolution2D.Builder(3, 3).nOut(2).name("sep").build()).network();
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> OnnxExporter.export(separable, InputType.convolutional(8, 8, 2)));
        assertTrue(e.getMessage().contains("layer 1 (SeparableConvolution2D 'sep')"), e.getMessage());
        assertTrue(e.getMessage().contains("Supported:"), e.getMessage());

        MultiLayerNetwork recurrent = network(InputType.recurrent(3), ConvolutionMode.Truncate,
                new LSTM.Builder().nOut(4).build()).network();
        UnsupportedLayerException lstm = assertThrows(UnsupportedLayerException.class,
                () -> OnnxExporter.export(recurrent, InputType.recurrent(3)));
        assertTrue(lstm.getMessage().contains("input"), lstm.getMessage());
    }

    @Test
    void nhwcNetworksAreRefused() {
        MultiLayerNetwork nhwc = network(InputType.convolutional(6, 6, 1, CNN2DFormat.NHWC), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(3, 3).nOut(2).dataFormat(CNN2DFormat.NHWC).build()).network();
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> OnnxExporter.export(nhwc, InputType.convolutional(6, 6, 1, CNN2DFormat.NHWC)));
        assertTrue(e.getMessage().contains("NHWC"), e.getMessage());
    }

    @Test
    void aCardInputThatIsNoNetworkInputIsRefused() {
        ModelCard card = ModelCard.builder().put(ModelCard.FirstVersion.INPUT_LAYOUT, "NHWC").put(ModelCard.FirstVersion.INPUT_SHAPE, "28x28x1").build();
        assertThrows(dev.digits.BadModelFileException.class, () -> OnnxExporter.inputType(card));
        assertEquals(InputType.convolutional(28, 28, 1), OnnxExporter.inputType(ModelCard.builder().build()));
        assertEquals(InputType.feedForward(784), OnnxExporter.inputType(ModelCard.builder()
                .put(ModelCard.FirstVersion.INPUT_LAYOUT, "FLAT").put(ModelCard.FirstVersion.INPUT_SHAPE, "784").build()));
    }

    // ---------------------------------------------------------------- files

    @Test
    void writesTheModelAtomicallyWithACardThatDescribesIt() throws Exception {
        MultiLayerNetwork network = network(InputType.convolutional(28, 28, 1), ConvolutionMode.Truncate,
                new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(3).activation(Activation.RELU).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build()).network();
        Path zip = folder.resolve("tiny.zip");
        ModelCard source = Dl4jModels.save(network, zip, ModelCard.builder().put(ModelCard.NAME, "tiny")
                .put(ModelCard.FirstVersion.INPUT_SHAPE, "1x28x28").put(ModelCard.FirstVersion.INPUT_LAYOUT, "NCHW")
                .put(ModelCard.TEST_ACCURACY, "0.5").put(ModelCard.FORMAT, "dl4j-multilayernetwork").build(), false);

        Path onnx = folder.resolve("out/tiny.onnx");
        ModelCard card = OnnxExporter.write(ModelSource.file(zip), onnx);
        byte[] bytes = Files.readAllBytes(onnx);
        assertEquals(Sha256.hex(bytes), card.require(ModelCard.MODEL_SHA256));
        assertEquals(card, CardFiles.read(CardFiles.cardPathFor(onnx)), "the card on disk is the one returned");
        assertEquals("onnx", card.require(ModelCard.FORMAT));
        TensorSpec described = card.inputs().get(0);
        assertEquals("input", described.name());
        assertEquals("1x28x28", described.attribute(TensorSpec.SHAPE).orElseThrow());
        assertEquals("NCHW", described.attribute(TensorSpec.LAYOUT).orElseThrow());
        assertEquals("output", card.outputs().get(0).name());
        assertEquals("probabilities", card.outputs().get(0).attribute(TensorSpec.KIND).orElseThrow());
        assertEquals("0.5", card.require(ModelCard.TEST_ACCURACY), "the source card's entries are kept");
        assertEquals(source.require(ModelCard.MODEL_SHA256), card.require(OnnxExporter.CARD_SOURCE_SHA256));
        assertEquals("dl4j-multilayernetwork", card.require("source.format"));
        try (Stream<Path> files = Files.list(onnx.getParent())) {
            assertEquals(List.of("tiny.onnx", "tiny.onnx.properties"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files are left behind");
        }
        Path again = folder.resolve("again/tiny.onnx");
        OnnxExporter.write(ModelSource.file(zip), again);
        assertArrayEquals(bytes, Files.readAllBytes(again), "exporting is deterministic");

        // That a lone exported file carries its card, checked against its graph, is the ONNX format's to test
        // (digit-onnx's OnnxFormatTest); here the card inside must be the card beside.
        assertTrue(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains(ModelCard.GRAPH_SHA256),
                "the card travels inside the file too");
        INDArray input = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        assertClose(network.output(input.dup(), false), OnnxRuntimeRunner.run(bytes, "input", input), "written file");
    }

    @Test
    void aFailedExportWritesNothing() {
        MultiLayerNetwork network = network(InputType.convolutional(8, 8, 2), ConvolutionMode.Truncate,
                new SeparableConvolution2D.Builder(3, 3).nOut(2).build()).network();
        Path onnx = folder.resolve("bad.onnx");
        assertThrows(UnsupportedLayerException.class,
                () -> OnnxExporter.write(network, InputType.convolutional(8, 8, 2), ModelCard.builder().build(), onnx));
        assertFalse(Files.exists(onnx));
        assertFalse(Files.exists(CardFiles.cardPathFor(onnx)));
    }

    // ---------------------------------------------------------------- helpers

    private static Net network(InputType inputType, ConvolutionMode mode,
                                             org.deeplearning4j.nn.conf.layers.Layer... layers) {
        NeuralNetConfiguration.ListBuilder builder = new NeuralNetConfiguration.Builder().seed(42)
                .weightInit(WeightInit.XAVIER).convolutionMode(mode).list();
        for (org.deeplearning4j.nn.conf.layers.Layer layer : layers) {
            builder.layer(layer);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(builder.setInputType(inputType).build());
        network.init();
        randomise(network.getLayers(), 1000 + layers.length);
        return new Net(network, inputType);
    }

    /**
     * Random parameters everywhere, with batch-normalisation statistics far from their initial 0 and 1: means
     * in [-1, 1], standard deviations in [0.3, 3] (log10 in [-0.5, 0.5]), gammas in [0.5, 1.5].
     */
    private static void randomise(Layer[] layers, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (Layer layer : layers) {
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                INDArray current = param.getValue();
                INDArray value = Nd4j.rand(current.dataType(), current.shape());
                switch (param.getKey()) {
                    case "mean" -> value.subi(0.5).muli(2);
                    case "var" -> value.muli(2.9).addi(0.1);
                    case "log10stdev" -> value.subi(0.5);
                    case "gamma" -> value.addi(0.5);
                    default -> value.subi(0.5).muli(Math.sqrt(6.0 / Math.max(1, current.length() / Math.max(1, current.size(0)))));
                }
                layer.setParam(param.getKey(), value);
            }
        }
    }

    /** A network with the input type it was built for. */
    private record Net(MultiLayerNetwork network, InputType inputType) {
    }

    private static void assertRoundTrip(Net net) throws Exception {
        assertRoundTrip(net.network(), net.inputType());
    }

    private static void assertRoundTrip(Net net, InputType inputType) throws Exception {
        assertRoundTrip(net.network(), inputType);
    }

    private static void assertRoundTrip(MultiLayerNetwork network, InputType inputType) throws Exception {
        long[] dims = Dl4jToOnnx.dims(inputType, "test");
        long[] shape = new long[dims.length + 1];
        shape[0] = 5;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        INDArray input = Nd4j.rand(DataType.FLOAT, shape).muli(2).subi(0.5);
        // DL4J may activate in place: give it a copy so that ONNX Runtime sees the same input.
        INDArray expected = network.output(input.dup(), false);
        INDArray actual = OnnxRuntimeRunner.run(OnnxExporter.export(network, inputType), OnnxExporter.INPUT_NAME, input);
        assertClose(expected, actual, network.getLayerWiseConfigurations().getConfs().stream()
                .map(c -> c.getLayer().getClass().getSimpleName()).toList().toString());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shapes");
        float[] want = Dl4jToOnnx.floats(expected);
        float[] got = Dl4jToOnnx.floats(actual);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            assertTrue(Float.isFinite(want[i]), what + ": DL4J gave " + want[i]);
            double excess = Math.abs(want[i] - got[i]) - (ABS + REL * Math.abs(want[i]));
            worst = Math.max(worst, excess);
            assertTrue(excess <= 0, what + ": value " + i + " is " + got[i] + " in ONNX Runtime, " + want[i] + " in DL4J");
        }
        assertTrue(worst <= 0);
    }
}
