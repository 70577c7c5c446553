package dev.digits.dl4j;

import dev.digits.BadImageException;
import dev.digits.DigitImage;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bundled classifier's penultimate-layer features of MNIST-form pictures: the 128 values after the last
 * hidden layer's batch normalisation and ReLU (before the dropout and the output layer). When the classifier is
 * an ensemble ({@link ClassifierEnsemble}), they are its first member's, an unchanged ten-digit classifier in the
 * bundled one. The generator's FID and diversity are measured on them. Calls take turns on the one network (a
 * lock); each batch's layer outputs are freed before the next batch runs.
 */
public final class ClassifierFeatures {
    private static final int BATCH = 500;

    private final MultiLayerNetwork network;
    private final ComputationGraph graph;
    private final String[] graphLayers;

    private ClassifierFeatures(MultiLayerNetwork network, ComputationGraph graph) {
        this.network = network;
        this.graph = graph;
        this.graphLayers = graph == null ? null : ClassifierEnsemble.firstMemberLastLayers(graph);
    }

    /** The features of the bundled classifier. */
    public static ClassifierFeatures bundled() {
        LoadedModel model = LoadedModel.resolve(ModelSource.CLASSIFIER, Task.CLASSIFY, new Dl4jBackend());
        return Dl4jFormat.COMPUTATION_GRAPH.equals(model.format()) ? new ClassifierFeatures(null, Dl4jModels.graph(model))
                : new ClassifierFeatures(Dl4jModels.network(model), null);
    }

    /** How many values each picture gets. */
    public long width() {
        return (graph == null ? network.getLayer(network.getnLayers() - 1) : graph.getLayer(graphLayers[1]))
                .getParam("W").size(0);
    }

    /**
     * One row of features per picture.
     *
     * @throws BadImageException when a picture is not in MNIST form
     */
    public float[][] of(List<DigitImage> pictures) {
        float[][] rows = new float[pictures.size()][];
        int penultimate = network == null ? -1 : network.getnLayers() - 2;
        for (int from = 0; from < pictures.size(); from += BATCH) {
            int n = Math.min(BATCH, pictures.size() - from);
            float[] pixels = new float[n * 784];
            for (int i = 0; i < n; i++) {
                DigitImage picture = pictures.get(from + i);
                if (!picture.isMnistForm()) {
                    throw new BadImageException("Picture " + (from + i) + " is " + picture + "; features need MNIST form");
                }
                picture.copyPixelsTo(pixels, i * 784);
            }
            synchronized (this) {
                INDArray input = Nd4j.create(pixels, new long[]{n, 1, 28, 28}, 'c');
                List<INDArray> activations;
                INDArray features;
                if (graph == null) {
                    activations = network.feedForwardToLayer(penultimate, input, false);
                    features = activations.get(activations.size() - 1);
                } else {
                    Map<String, INDArray> byLayer = graph.feedForward(input, false);
                    activations = List.copyOf(byLayer.values());
                    features = byLayer.get(graphLayers[0]);
                }
                try {
                    float[][] batch = features.toFloatMatrix();
                    System.arraycopy(batch, 0, rows, from, n);
                } finally {
                    // Every layer's output of the batch, freed now rather than when the collector gets to them:
                    // left to it, 10,000 pictures' worth piled up to gigabytes of native memory.
                    for (INDArray activation : activations) {
                        if (activation != input && !activation.wasClosed()) {
                            activation.close();
                        }
                    }
                    input.close();
                }
            }
        }
        return rows;
    }
}
