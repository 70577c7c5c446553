package dev.digits.dl4j;

import dev.digits.BadImageException;
import dev.digits.DigitImage;
import dev.digits.ModelSource;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bundled classifier's penultimate-layer features of MNIST-form pictures: the 128 values after the last
 * hidden layer's batch normalisation and ReLU (before the dropout and the 10-way output). The generator's FID
 * and diversity are measured on them. Calls take turns on the one network (a lock); each batch's layer outputs
 * are freed before the next batch runs.
 */
public final class ClassifierFeatures {
    private static final int BATCH = 500;

    private final MultiLayerNetwork network;

    private ClassifierFeatures(MultiLayerNetwork network) {
        this.network = network;
    }

    /** The features of the bundled classifier. */
    public static ClassifierFeatures bundled() {
        return new ClassifierFeatures(Dl4jModels.load(ModelSource.CLASSIFIER).network());
    }

    /** How many values each picture gets. */
    public long width() {
        return network.getLayer(network.getnLayers() - 1).getParam("W").size(0);
    }

    /**
     * One row of features per picture.
     *
     * @throws BadImageException when a picture is not in MNIST form
     */
    public float[][] of(List<DigitImage> pictures) {
        float[][] rows = new float[pictures.size()][];
        int penultimate = network.getnLayers() - 2;
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
            synchronized (network) {
                INDArray input = Nd4j.create(pixels, new long[]{n, 1, 28, 28}, 'c');
                List<INDArray> activations = network.feedForwardToLayer(penultimate, input, false);
                try {
                    float[][] batch = activations.get(activations.size() - 1).toFloatMatrix();
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
