package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.dl4j.export.OnnxExporter;
import dev.digits.dl4j.export.OnnxRuntimeRunner;
import dev.digits.dl4j.train.ClassifierArchitecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An ensemble runs its members side by side in one graph: its output is the mean of the members' probabilities,
 * the DL4J classifier runs it from a saved file, and its ONNX export gives the same probabilities (issue 25:
 * within 1e-5).
 */
class ClassifierEnsembleTest {
    private static final InputType MNIST = InputType.convolutional(28, 28, 1);

    @TempDir
    Path folder;

    @BeforeAll
    static void nativeCode() {
        assertTrue(Dl4jRuntime.initialize(), "ND4J must load on the machines this project builds on");
    }

    @Test
    void theGraphGivesTheMeanOfItsMembersAndTheOnnxExportTheSame() throws Exception {
        // Two standard members and a wide one: members may differ in width.
        List<MultiLayerNetwork> members = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            members.add(member(seed));
        }
        members.add(member(3, ClassifierArchitecture.Width.WIDE));
        ComputationGraph ensemble = ClassifierEnsemble.of(members, MNIST);
        assertEquals(3, ClassifierEnsemble.members(ensemble));

        Nd4j.getRandom().setSeed(5);
        INDArray input = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray expected = Nd4j.zeros(DataType.FLOAT, 16, 11);
        for (MultiLayerNetwork member : members) {
            expected.addi(member.output(input, false));
        }
        expected.divi(members.size());
        INDArray actual = ensemble.outputSingle(false, input);
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst < 1e-5, "largest difference from the members' mean " + worst);
        assertTrue(expected.sub(members.get(0).output(input, false)).amaxNumber().doubleValue() > 1e-3,
                "the members differ, so the mean is a real test");

        INDArray onnx = OnnxRuntimeRunner.run(OnnxExporter.export(ensemble, MNIST), Map.of(ClassifierEnsemble.INPUT, input))
                .get(0);
        double onnxWorst = actual.sub(onnx.reshape(actual.shape())).amaxNumber().doubleValue();
        assertTrue(onnxWorst <= 1e-5, "largest difference between ONNX Runtime and DL4J " + onnxWorst);
    }

    @Test
    void theDl4jClassifierRunsASavedEnsemble() {
        List<MultiLayerNetwork> members = List.of(member(4), member(5));
        ComputationGraph ensemble = ClassifierEnsemble.of(members, MNIST);
        ModelCard bundled = Dl4jModels.loadGraph(ModelSource.CLASSIFIER).card();
        ModelCard card = bundled.toBuilder().put(ModelCard.CALIBRATION_TEMPERATURE, null).build();
        Path file = folder.resolve("ensemble.zip");
        Dl4jModels.save(ensemble, file, card);

        float[] pixels = new float[28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37 % 101) / 100f;
        }
        INDArray input = Nd4j.create(pixels, new long[]{1, 1, 28, 28}, 'c');
        float[] expected = ensemble.outputSingle(false, input).toFloatVector();
        try (DigitClassifier classifier = new Dl4jBackend().classifier(dev.digits.LoadedModel.resolve(
                ModelSource.file(file), dev.digits.Task.CLASSIFY, new Dl4jBackend()))) {
            Prediction prediction = classifier.classify(DigitImage.mnist(pixels));
            float[] probabilities = prediction.probabilities();
            float notDigit = (float) prediction.notDigitProbability();
            for (int k = 0; k < 10; k++) {
                assertEquals(expected[k], probabilities[k] * (1 - notDigit), 1e-5, "digit " + k);
            }
            assertEquals(expected[10], notDigit, 1e-5);
        }
    }

    /** The ONNX card of an ensemble calls its output probabilities, as the ONNX backend needs to run it. */
    @Test
    void theOnnxCardOfAnEnsembleNamesItsOutputProbabilities() {
        ComputationGraph ensemble = ClassifierEnsemble.of(List.of(member(6), member(7, ClassifierArchitecture.Width.WIDE)),
                MNIST);
        ModelCard bundled = Dl4jModels.loadGraph(ModelSource.CLASSIFIER).card();
        ModelCard card = OnnxExporter.write(ensemble, bundled, folder.resolve("ensemble.onnx"), MNIST);
        assertEquals("probabilities", card.outputs().get(0).attributes().get(dev.digits.ModelCard.TensorSpec.KIND),
                card.toString());
    }

    @Test
    void membersWithDifferentOutputsAreRefused() {
        MultiLayerNetwork ten = new MultiLayerNetwork(ClassifierArchitecture.configuration(28, 1, 1e-3, 0.9, 10));
        ten.init();
        assertThrows(IllegalArgumentException.class, () -> ClassifierEnsemble.of(List.of(member(1), ten), MNIST));
        assertThrows(IllegalArgumentException.class, () -> ClassifierEnsemble.of(List.of(), MNIST));
    }

    /**
     * A guarded ensemble reads the digits with unchanged ten-digit classifiers: "not a digit" is the rejector's,
     * each digit (1 − r) times the mean of the members' and the rejector's renormalised probabilities; the eleven
     * sum to 1, and ONNX gives the same within 1e-5 and calls them probabilities.
     */
    @Test
    void aGuardedEnsembleKeepsTheDigitsOfItsUnchangedMembers() throws Exception {
        List<MultiLayerNetwork> digitMembers = List.of(member(8, 10, ClassifierArchitecture.Width.STANDARD),
                member(9, 10, ClassifierArchitecture.Width.WIDE));
        MultiLayerNetwork rejector = member(10);
        ComputationGraph guarded = ClassifierEnsemble.guarded(digitMembers, rejector, MNIST);
        assertEquals(3, ClassifierEnsemble.members(guarded));
        assertTrue(ClassifierEnsemble.isGuarded(guarded.getConfiguration()));

        Nd4j.getRandom().setSeed(11);
        INDArray input = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray rejecting = rejector.output(input, false);
        INDArray notDigit = rejecting.getColumn(10).reshape(16, 1);
        INDArray ownDigits = rejecting.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 10))
                .divColumnVector(notDigit.rsub(1));
        INDArray digits = ownDigits.dup();
        for (MultiLayerNetwork member : digitMembers) {
            digits.addi(member.output(input, false));
        }
        INDArray expected = Nd4j.hstack(digits.divi(3).muliColumnVector(notDigit.rsub(1)), notDigit);
        INDArray actual = guarded.outputSingle(false, input);
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst < 1e-5, "largest difference from (1 - r) x the mean, then r: " + worst);
        INDArray sums = actual.sum(1);
        assertTrue(sums.sub(1).amaxNumber().doubleValue() < 1e-5, "the eleven sum to 1: " + sums);

        INDArray onnx = OnnxRuntimeRunner.run(OnnxExporter.export(guarded, MNIST), Map.of(ClassifierEnsemble.INPUT, input))
                .get(0);
        double onnxWorst = actual.sub(onnx.reshape(actual.shape())).amaxNumber().doubleValue();
        assertTrue(onnxWorst <= 1e-5, "largest difference between ONNX Runtime and DL4J " + onnxWorst);
        ModelCard card = OnnxExporter.write(guarded, Dl4jModels.loadGraph(ModelSource.CLASSIFIER).card(),
                folder.resolve("guarded.onnx"), MNIST);
        assertEquals("probabilities", card.outputs().get(0).attributes().get(ModelCard.TensorSpec.KIND), card.toString());
    }

    /**
     * A picture the rejector is all but sure is not a digit still gets the digits' shares right on both backends:
     * a prediction renormalises the digits, so a share of 1e-5 must be computed as the sum of the rejector's
     * digit probabilities, not as 1 - r in float32 (which kept only two figures of it, and set the backends 2e-5
     * apart on a few MNIST test pictures).
     */
    @Test
    void aGuardedEnsembleSureOfNotADigitKeepsTheDigitsSharesOnBothBackends() throws Exception {
        MultiLayerNetwork rejector = member(16);
        INDArray bias = rejector.getLayer(rejector.getnLayers() - 1).getParam("b").dup();
        bias.putScalar(10, bias.getDouble(10) + 40);
        rejector.getLayer(rejector.getnLayers() - 1).setParam("b", bias);
        MultiLayerNetwork unchanged = member(17, 10, ClassifierArchitecture.Width.STANDARD);
        ComputationGraph guarded = ClassifierEnsemble.guarded(List.of(unchanged), rejector, MNIST);

        Nd4j.getRandom().setSeed(18);
        INDArray input = Nd4j.rand(DataType.FLOAT, 64, 1, 28, 28);
        double[][] rejecting = rejector.output(input, false).toDoubleMatrix();
        double[][] theirs = unchanged.output(input, false).toDoubleMatrix();
        double[][] actual = guarded.outputSingle(false, input).toDoubleMatrix();
        double[][] onnx = OnnxRuntimeRunner.run(OnnxExporter.export(guarded, MNIST), Map.of(ClassifierEnsemble.INPUT, input))
                .get(0).reshape(64, 11).toDoubleMatrix();
        double worst = 0;
        double worstOnnx = 0;
        for (int i = 0; i < 64; i++) {
            assertTrue(rejecting[i][10] > 0.9999, "the rejector is sure: " + rejecting[i][10]);
            double share = 0;
            for (int d = 0; d < 10; d++) {
                share += rejecting[i][d];
            }
            double[] expected = new double[10];
            for (int d = 0; d < 10; d++) {
                expected[d] = (share * theirs[i][d] + rejecting[i][d]) / 2;
            }
            double[] want = renormalised(expected);
            double[] got = renormalised(actual[i]);
            double[] gotOnnx = renormalised(onnx[i]);
            for (int d = 0; d < 10; d++) {
                worst = Math.max(worst, Math.abs(want[d] - got[d]));
                worstOnnx = Math.max(worstOnnx, Math.abs(got[d] - gotOnnx[d]));
            }
        }
        assertTrue(worst <= 1e-5, "digits' shares, DL4J against the formula in double precision: " + worst);
        assertTrue(worstOnnx <= 1e-5, "digits' shares, ONNX Runtime against DL4J: " + worstOnnx);
    }

    private static double[] renormalised(double[] probabilities) {
        double sum = 0;
        for (int d = 0; d < 10; d++) {
            sum += probabilities[d];
        }
        double[] shares = new double[10];
        for (int d = 0; d < 10; d++) {
            shares[d] = probabilities[d] / sum;
        }
        return shares;
    }

    @Test
    void aGuardedEnsembleRefusesMembersOfTheWrongSize() {
        MultiLayerNetwork ten = member(12, 10, ClassifierArchitecture.Width.STANDARD);
        assertThrows(IllegalArgumentException.class, () -> ClassifierEnsemble.guarded(List.of(member(13)), member(14), MNIST));
        assertThrows(IllegalArgumentException.class, () -> ClassifierEnsemble.guarded(List.of(ten), ten, MNIST));
        assertThrows(IllegalArgumentException.class, () -> ClassifierEnsemble.guarded(List.of(), member(15), MNIST));
    }

    /** A classifier of the bundled architecture with eleven outputs, random weights and statistics. */
    private static MultiLayerNetwork member(long seed) {
        return member(seed, ClassifierArchitecture.Width.STANDARD);
    }

    private static MultiLayerNetwork member(long seed, ClassifierArchitecture.Width width) {
        return member(seed, 11, width);
    }

    private static MultiLayerNetwork member(long seed, int outputs, ClassifierArchitecture.Width width) {
        MultiLayerNetwork network = new MultiLayerNetwork(ClassifierArchitecture.configuration(28, width, seed, 1e-3, 0.9,
                outputs));
        network.init();
        TrainedLikeStatistics.randomise(network, seed);
        return network;
    }
}
