package dev.digits.dl4j.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Size and cost of a network, measured on its real layer shapes. */
public final class NetworkStats {
    private NetworkStats() {
    }

    /**
     * Multiply-adds for one 28×28 picture, counting convolutions and dense layers (the rest is a rounding
     * error): a convolution costs {@code outputs × kernel area × input channels}, a dense layer
     * {@code inputs × outputs}.
     */
    public static long multiplyAdds(MultiLayerNetwork network) {
        return multiplyAdds(network, 28);
    }

    /** Multiply-adds for one {@code side}×{@code side} single-channel picture; see {@link #multiplyAdds(MultiLayerNetwork)}. */
    public static long multiplyAdds(MultiLayerNetwork network, int side) {
        INDArray input = Nd4j.zeros(1, 1, side, side);
        java.util.List<INDArray> activations = network.feedForward(input, false);
        long total = 0;
        Layer[] layers = network.getLayers();
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            long outputs = activations.get(i + 1).length();
            if (conf instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer conv) {
                int[] kernel = conv.getKernelSize();
                total += outputs * kernel[0] * kernel[1] * conv.getNIn();
            } else if (conf instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer dense
                    && !(conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) {
                total += dense.getNIn() * dense.getNOut();
            }
        }
        return total;
    }
}
