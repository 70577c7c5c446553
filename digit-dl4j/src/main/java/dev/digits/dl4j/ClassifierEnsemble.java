package dev.digits.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Several trained classifiers of one input and one set of labels run side by side as one network, their
 * probabilities averaged: a {@link ComputationGraph} with the input {@value #INPUT}, each member's layers (batch
 * normalisations folded in, see {@link BatchNormFolding}) and the output {@value #OUTPUT}, the mean of the
 * members' softmax outputs. One graph means one DL4J call and, exported, one ONNX session for all members.
 * Inference only: the graph has no loss.
 */
public final class ClassifierEnsemble {
    /** The graph's input. */
    public static final String INPUT = "input";
    /** The graph's output: the members' mean probabilities. */
    public static final String OUTPUT = "output";

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
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs(INPUT);
        List<MultiLayerNetwork> folded = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        long classes = -1;
        for (int k = 0; k < members.size(); k++) {
            MultiLayerNetwork member = BatchNormFolding.fold(members.get(k), inputType);
            folded.add(member);
            MultiLayerConfiguration configuration = member.getLayerWiseConfigurations();
            String previous = INPUT;
            for (int i = 0; i < member.getnLayers(); i++) {
                Layer layer = configuration.getConf(i).getLayer().clone();
                if (layer instanceof BaseOutputLayer output) {
                    long size = output.getNOut();
                    if (classes >= 0 && size != classes) {
                        throw new IllegalArgumentException("Member " + k + " has " + size + " outputs, member 0 " + classes);
                    }
                    classes = size;
                    // The same weights as a plain softmax layer: inside a graph an output layer's loss is not wanted.
                    layer = new DenseLayer.Builder().nIn(output.getNIn()).nOut(size).activation(output.getActivationFn())
                            .build();
                }
                String name = layerName(k, i);
                layer.setLayerName(name);
                InputPreProcessor preprocessor = configuration.getInputPreProcess(i);
                builder.addLayer(name, layer, preprocessor, previous);
                previous = name;
            }
            outputs.add(previous);
        }
        if (outputs.size() == 1) {
            builder.addVertex(OUTPUT, new ElementWiseVertex(ElementWiseVertex.Op.Add), outputs.get(0));
        } else {
            builder.addVertex(OUTPUT, new ElementWiseVertex(ElementWiseVertex.Op.Average), outputs.toArray(String[]::new));
        }
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
        return graph;
    }

    /** How many members a graph made by {@link #of} has. */
    public static int members(ComputationGraph graph) {
        int count = 0;
        while (graph.getConfiguration().getVertices().containsKey(layerName(count, 0))) {
            count++;
        }
        return count;
    }

    private static String layerName(int member, int layer) {
        return "m" + member + "_" + layer;
    }
}
