package dev.digits.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test help: batch-norm statistics far from their initial 0 and 1, so that a mistake in using them shows. */
final class TrainedLikeStatistics {
    private TrainedLikeStatistics() {
    }

    /** Gives every batch normalisation of {@code network} random means, deviations, gammas and betas from {@code seed}. */
    static void randomise(MultiLayerNetwork network, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayerWiseConfigurations().getConf(i).getLayer() instanceof BatchNormalization) {
                for (Map.Entry<String, INDArray> p : network.getLayer(i).paramTable().entrySet()) {
                    INDArray random = Nd4j.rand(p.getValue().dataType(), p.getValue().shape());
                    p.getValue().assign(p.getKey().equals("mean") || p.getKey().equals("beta") ? random.subi(0.5)
                            : p.getKey().equals("log10stdev") ? random.subi(0.5).muli(0.6) : random.addi(0.5));
                }
            }
        }
    }
}
