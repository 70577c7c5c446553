package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.dl4j.train.ClassifierArchitecture;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Folding batch norms gives the trained network's answers with fewer layers. */
class BatchNormFoldingTest {
    @BeforeAll
    static void nativeCode() {
        assertTrue(Dl4jRuntime.initialize(), "ND4J must load on the machines this project builds on");
    }

    @Test
    void theClassifierArchitectureWithTrainedLikeStatisticsGivesTheSameOutputs() {
        MultiLayerNetwork trained = new MultiLayerNetwork(ClassifierArchitecture.configuration(3, 1e-3, 0.9));
        trained.init();
        // Statistics far from the initial 0 and 1, so that a folding mistake shows.
        TrainedLikeStatistics.randomise(trained, 11);
        MultiLayerNetwork folded = BatchNormFolding.fold(trained, InputType.convolutional(28, 28, 1));
        assertEquals(trained.getnLayers() - 8, folded.getnLayers(), "4 batch norms and 4 activation layers folded");
        INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 1, 28, 28);
        INDArray expected = trained.output(input, false);
        INDArray actual = folded.output(input, false);
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst < 1e-5, "largest probability difference " + worst);
    }

    @Test
    void aNetworkWithoutBatchNormsIsLeftAsItIs() {
        MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(784).nOut(10)
                        .activation(Activation.SOFTMAX).build()).build());
        plain.init();
        assertSame(plain, BatchNormFolding.fold(plain, InputType.feedForward(784)));
    }
}
