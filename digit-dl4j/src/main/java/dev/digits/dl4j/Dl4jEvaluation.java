package dev.digits.dl4j;

import dev.digits.data.DigitDataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Accuracy and loss of a network on a data set, in inference mode. Not thread-safe for one network. */
public final class Dl4jEvaluation {
    private static final int BATCH = 500;

    private Dl4jEvaluation() {
    }

    /** Accuracy and mean cross-entropy. */
    public record Score(double accuracy, double loss, int count) {
    }

    public static Score score(MultiLayerNetwork network, DigitDataset data) {
        return score(network, data, InputStandardisation.NONE);
    }

    /** Accuracy and mean cross-entropy of a network whose input is standardised; single-channel pictures. */
    public static Score score(MultiLayerNetwork network, DigitDataset data, InputStandardisation standardisation) {
        int correct = 0;
        double loss = 0;
        for (DigitDataset.Batch batch : data.batches(BATCH)) {
            standardisation.apply(batch.pixels(), 0, batch.pixels().length);
            try (INDArray input = Nd4j.create(batch.pixels(), new long[]{batch.size(), 1, data.height(), data.width()}, 'c');
                 INDArray output = network.output(input, false)) {
                float[][] probabilities = output.toFloatMatrix();
                for (int i = 0; i < batch.size(); i++) {
                    int best = 0;
                    for (int d = 1; d < 10; d++) {
                        if (probabilities[i][d] > probabilities[i][best]) {
                            best = d;
                        }
                    }
                    int label = batch.labels()[i];
                    if (best == label) {
                        correct++;
                    }
                    loss -= Math.log(Math.max(1e-12, probabilities[i][label]));
                }
            }
        }
        return new Score((double) correct / data.size(), loss / data.size(), data.size());
    }
}
