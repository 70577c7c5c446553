package dev.digits.dl4j.train;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
            total += multiplyAdds(layers[i], activations.get(i + 1).length());
        }
        return total;
    }

    /**
     * Multiply-adds of a graph (an ensemble) for one 28×28 picture: every member's, and the few of the layers that
     * join their answers; see {@link #multiplyAdds(MultiLayerNetwork)}.
     */
    public static long multiplyAdds(ComputationGraph graph) {
        Map<String, INDArray> activations = graph.feedForward(Nd4j.zeros(1, 1, 28, 28), false);
        long total = 0;
        for (Layer layer : graph.getLayers()) {
            total += multiplyAdds(layer, activations.get(layer.conf().getLayer().getLayerName()).length());
        }
        return total;
    }

    private static long multiplyAdds(Layer layer, long outputs) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer conv) {
            int[] kernel = conv.getKernelSize();
            return outputs * kernel[0] * kernel[1] * conv.getNIn();
        } else if (conf instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer dense
                && !(conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) {
            return dense.getNIn() * dense.getNOut();
        }
        return 0;
    }
}
