package dev.digits.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Several trained classifiers of one input and one set of labels run side by side as one network, their
 * probabilities averaged: a {@link ComputationGraph} with the input {@value #INPUT}, each member's layers (batch
 * normalisations folded in, see {@link BatchNormFolding}) and the output {@value #OUTPUT}, the mean of the
 * members' softmax outputs; or, {@link #guarded}, ten-digit classifiers kept unchanged beside one that says "not a
 * digit". One graph means one DL4J call and, exported, one ONNX session for all members. Inference only: the graph
 * has no loss.
 */
public final class ClassifierEnsemble {
    /** The graph's input. */
    public static final String INPUT = "input";
    /** The graph's output: the members' mean probabilities. */
    public static final String OUTPUT = "output";

    private static final int DIGITS = 10;
    private static final String GUARD_PREFIX = "guard_";
    private static final String GUARD_SHARE = GUARD_PREFIX + "share";
    private static final String GUARD_OWN = GUARD_PREFIX + "own";
    private static final String GUARD_DIGITS = GUARD_PREFIX + "digits";
    private static final String GUARD_NOT_DIGIT = GUARD_PREFIX + "not_digit";

    private ClassifierEnsemble() {
    }

    /**
     * The members as one graph; the members are not changed.
     *
     * @param members   trained networks that take {@code inputType} and end in a softmax output layer of the same
     *                  size
     * @throws IllegalArgumentException when there are no members, or their outputs differ
     */
    public static ComputationGraph of(List<MultiLayerNetwork> members, InputType inputType) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("An ensemble needs at least one member");
        }
        Members added = new Members(inputType);
        for (MultiLayerNetwork member : members) {
            added.add(member, added.classes); // -1 until the first member sets it
        }
        if (added.outputs.size() == 1) {
            added.builder.addVertex(OUTPUT, new ElementWiseVertex(ElementWiseVertex.Op.Add), added.outputs.get(0));
        } else {
            added.builder.addVertex(OUTPUT, new ElementWiseVertex(ElementWiseVertex.Op.Average),
                    added.outputs.toArray(String[]::new));
        }
        return added.build(Map.of());
    }

    /**
     * Ten-digit classifiers kept unchanged beside a classifier that also says "not a digit" (a rejector, e.g. one
     * that {@code train-rejection} fine-tuned from another ten-digit classifier), as one graph. The probability
     * that the picture is not a digit, r, is the rejector's; each digit's is (1 − r) times the mean of the unchanged
     * classifiers' probabilities and the rejector's own (renormalised over the digits). So the digits are read by
     * networks that learning "not a digit" never changed, with the rejector's vote added, and the eleven
     * probabilities still sum to 1.
     *
     * @param digitMembers trained networks that take {@code inputType} and end in ten softmax outputs
     * @param rejector     a trained network that takes {@code inputType} and ends in eleven softmax outputs, the
     *                     last "not a digit"
     * @throws IllegalArgumentException when there is no ten-digit member or an output has the wrong size
     */
    public static ComputationGraph guarded(List<MultiLayerNetwork> digitMembers, MultiLayerNetwork rejector,
                                           InputType inputType) {
        if (digitMembers.isEmpty()) {
            throw new IllegalArgumentException("A guarded ensemble needs at least one ten-digit classifier");
        }
        Members added = new Members(inputType);
        for (MultiLayerNetwork member : digitMembers) {
            added.add(member, DIGITS);
        }
        String rejecting = added.add(rejector, DIGITS + 1);
        int votes = digitMembers.size() + 1;
        FeedForward feedForward = new FeedForward(added.builder, rejecting);
        // (1 − r) / votes, once per digit, to scale each unchanged member's probabilities. It is the sum of the
        // rejector's ten digit probabilities, not 1 − r: where r is near 1, 1 − r in float32 keeps only a few
        // digits, and the two backends' last bits of r then differ by 1e-4 of the digits' share.
        String share = feedForward.dense(GUARD_SHARE, DIGITS);
        List<String> digitVotes = new ArrayList<>();
        for (int k = 0; k < digitMembers.size(); k++) {
            String scaled = GUARD_PREFIX + "scaled" + k;
            added.builder.addVertex(scaled, new ElementWiseVertex(ElementWiseVertex.Op.Product), added.outputs.get(k),
                    share);
            digitVotes.add(scaled);
        }
        // The rejector's digit probabilities are already (1 − r) times its renormalised ones.
        digitVotes.add(feedForward.dense(GUARD_OWN, DIGITS));
        added.builder.addVertex(GUARD_DIGITS, new ElementWiseVertex(ElementWiseVertex.Op.Add),
                digitVotes.toArray(String[]::new));
        String notDigit = feedForward.dense(GUARD_NOT_DIGIT, 1);
        added.builder.addVertex(OUTPUT, new MergeVertex(), GUARD_DIGITS, notDigit);

        INDArray shareWeights = Nd4j.valueArrayOf(new long[]{DIGITS + 1, DIGITS}, 1.0 / votes, DataType.FLOAT);
        shareWeights.getRow(DIGITS).assign(0);
        INDArray ownWeights = Nd4j.zeros(DataType.FLOAT, DIGITS + 1, DIGITS);
        for (int k = 0; k < DIGITS; k++) {
            ownWeights.putScalar(k, k, 1.0 / votes);
        }
        INDArray notDigitWeights = Nd4j.zeros(DataType.FLOAT, DIGITS + 1, 1);
        notDigitWeights.putScalar(DIGITS, 0, 1.0);
        return added.build(Map.of(
                GUARD_SHARE, new INDArray[]{shareWeights, Nd4j.zeros(DataType.FLOAT, 1, DIGITS)},
                GUARD_OWN, new INDArray[]{ownWeights, Nd4j.zeros(DataType.FLOAT, 1, DIGITS)},
                GUARD_NOT_DIGIT, new INDArray[]{notDigitWeights, Nd4j.zeros(DataType.FLOAT, 1, 1)}));
    }

    /**
     * Whether a graph is a {@link #guarded} ensemble, whose output is probabilities although its last vertex joins
     * the digits' and "not a digit"'s.
     */
    public static boolean isGuarded(ComputationGraphConfiguration configuration) {
        return configuration.getVertices().containsKey(GUARD_NOT_DIGIT);
    }

    /** How many members a graph made by {@link #of} or {@link #guarded} has (a guarded graph's rejector counts). */
    public static int members(ComputationGraph graph) {
        int count = 0;
        while (graph.getConfiguration().getVertices().containsKey(layerName(count, 0))) {
            count++;
        }
        return count;
    }

    /**
     * The members of a graph made by {@link #of} or {@link #guarded}, each as a network of its own (its layers,
     * batch normalisations folded in, and weights copied), so that each can run on the fast path
     * ({@link DirectInference}); a guarded graph's rejector is last.
     *
     * @throws IllegalArgumentException when the graph was not made by {@link #of} or {@link #guarded}
     */
    public static List<MultiLayerNetwork> memberNetworks(ComputationGraph graph) {
        int count = members(graph);
        if (count == 0) {
            throw new IllegalArgumentException("The graph is not an ensemble of classifiers (no member layers)");
        }
        Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
        List<MultiLayerNetwork> networks = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list();
            List<String> names = new ArrayList<>();
            for (int i = 0; vertices.containsKey(layerName(k, i)); i++) {
                names.add(layerName(k, i));
            }
            for (int i = 0; i < names.size(); i++) {
                LayerVertex vertex = (LayerVertex) vertices.get(names.get(i));
                Layer layer = vertex.getLayerConf().getLayer().clone();
                if (i == names.size() - 1 && layer instanceof DenseLayer dense) {
                    layer = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(dense.getNIn())
                            .nOut(dense.getNOut()).activation(dense.getActivationFn()).build();
                }
                list.layer(i, layer);
                if (vertex.getPreProcessor() != null) {
                    list.inputPreProcessor(i, vertex.getPreProcessor().clone());
                }
            }
            MultiLayerNetwork network = new MultiLayerNetwork(list.build());
            network.init();
            for (int i = 0; i < names.size(); i++) {
                if (network.getLayer(i).numParams() > 0) {
                    network.getLayer(i).setParams(graph.getLayer(names.get(i)).params().dup());
                }
            }
            networks.add(network);
        }
        return networks;
    }

    /**
     * The names of the first member's last two layers, its last hidden layer and its output layer: the features
     * of an ensemble are its first member's, which in a {@link #guarded} graph is an unchanged ten-digit classifier.
     *
     * @throws IllegalArgumentException when the graph was not made by {@link #of} or {@link #guarded}
     */
    static String[] firstMemberLastLayers(ComputationGraph graph) {
        int layers = 0;
        while (graph.getConfiguration().getVertices().containsKey(layerName(0, layers))) {
            layers++;
        }
        if (layers < 2) {
            throw new IllegalArgumentException("The graph is not an ensemble of classifiers (no member layers)");
        }
        return new String[]{layerName(0, layers - 2), layerName(0, layers - 1)};
    }

    /** The members' layers added to one graph builder, each member's output recorded. */
    private static final class Members {
        final ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs(INPUT);
        final List<MultiLayerNetwork> folded = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        final InputType inputType;
        long classes = -1;

        Members(InputType inputType) {
            this.inputType = inputType;
        }

        /** Adds a member's layers; its output must have {@code expectedClasses} values unless that is -1. */
        String add(MultiLayerNetwork original, long expectedClasses) {
            int k = folded.size();
            MultiLayerNetwork member = BatchNormFolding.fold(original, inputType);
            folded.add(member);
            MultiLayerConfiguration configuration = member.getLayerWiseConfigurations();
            String previous = INPUT;
            for (int i = 0; i < member.getnLayers(); i++) {
                Layer layer = configuration.getConf(i).getLayer().clone();
                if (layer instanceof BaseOutputLayer output) {
                    long size = output.getNOut();
                    if (expectedClasses >= 0 && size != expectedClasses) {
                        throw new IllegalArgumentException("Member " + k + " has " + size + " outputs where "
                                + expectedClasses + " are needed");
                    }
                    classes = size;
                    // The same weights as a plain softmax layer: inside a graph an output layer's loss is not wanted.
                    layer = new DenseLayer.Builder().nIn(output.getNIn()).nOut(size).activation(output.getActivationFn())
                            .build();
                }
                String name = layerName(k, i);
                layer.setLayerName(name);
                builder.addLayer(name, layer, configuration.getInputPreProcess(i), previous);
                previous = name;
            }
            outputs.add(previous);
            return previous;
        }

        /** The graph with the members' weights and {@code fixed} weights (W, b) for the named dense layers. */
        ComputationGraph build(Map<String, INDArray[]> fixed) {
            builder.setOutputs(OUTPUT);
            ComputationGraph graph = new ComputationGraph(builder.build());
            graph.init();
            for (int k = 0; k < folded.size(); k++) {
                MultiLayerNetwork member = folded.get(k);
                for (int i = 0; i < member.getnLayers(); i++) {
                    if (member.getLayer(i).numParams() > 0) {
                        graph.getLayer(layerName(k, i)).setParams(member.getLayer(i).params().dup());
                    }
                }
            }
            fixed.forEach((name, weights) -> {
                graph.getLayer(name).setParam("W", weights[0]);
                graph.getLayer(name).setParam("b", weights[1]);
            });
            return graph;
        }
    }

    /** Fixed linear maps of one eleven-value output, added as identity dense layers. */
    private record FeedForward(ComputationGraphConfiguration.GraphBuilder builder, String source) {
        String dense(String name, int size) {
            builder.addLayer(name, new DenseLayer.Builder().nIn(DIGITS + 1).nOut(size).activation(Activation.IDENTITY)
                    .build(), source);
            return name;
        }
    }

    private static String layerName(int member, int layer) {
        return "m" + member + "_" + layer;
    }
}
