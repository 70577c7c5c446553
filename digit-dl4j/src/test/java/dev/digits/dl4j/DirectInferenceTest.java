package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.ModelSource;
import dev.digits.dl4j.train.ClassifierArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Running a network as ND4J operations on NHWC activations gives DL4J's own answers, or is not done. */
class DirectInferenceTest {
    private static final InputType MNIST = InputType.convolutional(28, 28, 1);

    @BeforeAll
    static void nativeCode() {
        assertTrue(Dl4jRuntime.initialize(), "ND4J must load on the machines this project builds on");
    }

    @Test
    void theBundledClassifiersNetworksRunDirectly() {
        for (MultiLayerNetwork member : bundledMembers()) {
            MultiLayerNetwork folded = BatchNormFolding.fold(member, MNIST);
            Optional<DirectInference> direct = DirectInference.of(folded, MNIST);
            assertTrue(direct.isPresent(), "the bundled classifier must not fall back to DL4J's slow path");
            assertSameOutputs(folded, direct.get(), 28, 1, 256, 7);
        }
    }

    /** The bundled classifier's two networks, taken out of its graph. */
    private static List<MultiLayerNetwork> bundledMembers() {
        List<MultiLayerNetwork> members = ClassifierEnsemble.memberNetworks(Dl4jModels.loadGraph(ModelSource.CLASSIFIER).graph());
        assertEquals(2, members.size());
        return members;
    }

    @Test
    void theClassifierArchitectureWithTrainedLikeStatisticsGivesTheTrainedNetworksOutputs() {
        MultiLayerNetwork trained = new MultiLayerNetwork(ClassifierArchitecture.configuration(3, 1e-3, 0.9));
        trained.init();
        TrainedLikeStatistics.randomise(trained, 11);
        DirectInference direct = DirectInference.of(BatchNormFolding.fold(trained, MNIST), MNIST).orElseThrow();
        assertSameOutputs(trained, direct, 28, 16, 3);
    }

    @Test
    void samePaddingStridesPaddedPoolingAndOtherActivationsGiveDl4jsOutputs() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).hasBias(false).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new DenseLayer.Builder().nOut(20).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(MNIST).build());
        network.init();
        DirectInference direct = DirectInference.of(network, MNIST).orElseThrow();
        assertSameOutputs(network, direct, 28, 5);
    }

    @Test
    void networksWithOtherLayersRunThroughDl4j() {
        MultiLayerNetwork unfolded = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(MNIST).build());
        unfolded.init();
        assertTrue(DirectInference.of(unfolded, MNIST).isEmpty(), "a batch norm after an activation is not folded");
        MultiLayerNetwork globalPooling = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(MNIST).build());
        globalPooling.init();
        assertTrue(DirectInference.of(globalPooling, MNIST).isEmpty());
    }

    @Test
    void concurrentCallsGetTheirOwnAnswers() throws Exception {
        MultiLayerNetwork folded = BatchNormFolding.fold(bundledMembers().get(1), MNIST);
        DirectInference direct = DirectInference.of(folded, MNIST).orElseThrow();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int count = 1 + 40 * t;
                calls.add(threads.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        assertSameOutputs(folded, direct, 28, count);
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Direct outputs equal DL4J's for random pictures, at each batch size in turn (the workspace is reused). */
    private static void assertSameOutputs(MultiLayerNetwork network, DirectInference direct, int side, int... counts) {
        for (int count : counts) {
            INDArray input = Nd4j.rand(DataType.FLOAT, count, 1, side, side);
            float[][] expected = network.output(input, false).toFloatMatrix();
            float[][] actual = direct.output(input.dup('c').data().asFloat(), count);
            assertEquals(count, actual.length);
            double worst = 0;
            for (int i = 0; i < count; i++) {
                assertEquals(expected[i].length, actual[i].length);
                for (int j = 0; j < expected[i].length; j++) {
                    worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
                }
            }
            assertTrue(worst < 1e-5, "batch of " + count + ": largest probability difference " + worst);
        }
    }
}
