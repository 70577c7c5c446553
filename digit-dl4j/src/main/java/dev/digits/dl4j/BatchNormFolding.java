package dev.digits.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inference copy of a trained network with every batch normalisation folded into the convolution or dense
 * layer before it, and the activation layer after it folded in too: in inference a batch norm is a fixed
 * per-channel scale and shift, so {@code W' = W·s} and {@code b' = (b − mean)·s + beta} with
 * {@code s = gamma / sqrt(var + eps)} give the same answers (to float rounding) in one layer instead of three.
 * DL4J runs each layer as separate passes over the batch's activations, so this removes two of every three
 * passes of the bundled classifier. A network with nothing to fold is returned as it is.
 */
final class BatchNormFolding {
    private static final Logger LOG = LoggerFactory.getLogger(BatchNormFolding.class);

    private BatchNormFolding() {
    }

    /** The folded copy of {@code trained}, whose input is {@code inputType}; the trained network is not changed. */
    static MultiLayerNetwork fold(MultiLayerNetwork trained, InputType inputType) {
        MultiLayerConfiguration conf = trained.getLayerWiseConfigurations();
        int n = trained.getnLayers();
        List<Layer> layers = new ArrayList<>();
        List<float[][]> params = new ArrayList<>(); // per new layer: {W, b} to set, or null to keep the trained ones
        List<Integer> sources = new ArrayList<>();
        int folded = 0;
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer().clone();
            boolean foldable = (layer instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class
                    || layer instanceof DenseLayer) && ((FeedForwardLayer) layer).getActivationFn() instanceof ActivationIdentity
                    && i + 1 < n && conf.getConf(i + 1).getLayer() instanceof BatchNormalization;
            if (!foldable) {
                layers.add(layer);
                params.add(null);
                sources.add(i);
                continue;
            }
            BatchNormalization bn = (BatchNormalization) conf.getConf(i + 1).getLayer();
            float[][] weights = folded(trained.getLayer(i).paramTable(), trained.getLayer(i + 1).paramTable(), bn,
                    layer instanceof ConvolutionLayer);
            if (layer instanceof ConvolutionLayer c) {
                c.setHasBias(true);
            } else {
                ((DenseLayer) layer).setHasBias(true);
            }
            int skip = 1;
            if (i + 2 < n && conf.getConf(i + 2).getLayer() instanceof ActivationLayer activation) {
                ((FeedForwardLayer) layer).setActivationFn(activation.getActivationFn());
                skip = 2;
            }
            layers.add(layer);
            params.add(weights);
            sources.add(i);
            i += skip;
            folded++;
        }
        if (folded == 0) {
            return trained;
        }
        NeuralNetConfiguration.ListBuilder builder = new NeuralNetConfiguration.Builder().list();
        for (Layer layer : layers) {
            builder.layer(layer);
        }
        MultiLayerNetwork inference = new MultiLayerNetwork(builder.setInputType(inputType).build());
        inference.init();
        for (int j = 0; j < layers.size(); j++) {
            Map<String, INDArray> table = trained.getLayer(sources.get(j)).paramTable();
            float[][] weights = params.get(j);
            for (Map.Entry<String, INDArray> entry : inference.getLayer(j).paramTable().entrySet()) {
                INDArray target = entry.getValue();
                if (weights != null) {
                    float[] values = entry.getKey().equals("W") ? weights[0] : weights[1];
                    target.assign(org.nd4j.linalg.factory.Nd4j.create(values, target.shape(), 'c'));
                } else {
                    target.assign(table.get(entry.getKey()));
                }
            }
        }
        LOG.debug("Folded {} batch normalisations: {} layers instead of {}", folded, layers.size(), n);
        return inference;
    }

    /** {W', b'} of a layer followed by a batch norm, in the layer's own parameter order. */
    private static float[][] folded(Map<String, INDArray> layer, Map<String, INDArray> norm, BatchNormalization bn,
                                    boolean convolution) {
        int channels = (int) bn.getNOut();
        float[] gamma = new float[channels];
        float[] beta = new float[channels];
        if (bn.isLockGammaBeta()) {
            java.util.Arrays.fill(gamma, (float) bn.getGamma());
            java.util.Arrays.fill(beta, (float) bn.getBeta());
        } else {
            gamma = norm.get("gamma").dup().data().asFloat();
            beta = norm.get("beta").dup().data().asFloat();
        }
        float[] mean = norm.get("mean").dup().data().asFloat();
        double[] scale = new double[channels];
        float[] log10std = bn.isUseLogStd() ? norm.get("log10stdev").dup().data().asFloat() : null;
        float[] variance = bn.isUseLogStd() ? null : norm.get("var").dup().data().asFloat();
        for (int c = 0; c < channels; c++) {
            double var = log10std != null ? Math.pow(Math.pow(10, log10std[c]), 2) : variance[c];
            scale[c] = gamma[c] / Math.sqrt(var + bn.getEps());
        }
        INDArray w = layer.get("W");
        float[] weights = w.dup('c').data().asFloat();
        if (convolution) {
            // [nOut, nIn, kH, kW]: each output channel's weights are contiguous.
            int perChannel = weights.length / channels;
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) (weights[i] * scale[i / perChannel]);
            }
        } else {
            // [nIn, nOut]: output channels are the columns.
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) (weights[i] * scale[i % channels]);
            }
        }
        float[] bias = layer.containsKey("b") ? layer.get("b").dup().data().asFloat() : new float[channels];
        float[] folded = new float[channels];
        for (int c = 0; c < channels; c++) {
            folded[c] = (float) ((bias[c] - mean[c]) * scale[c] + beta[c]);
        }
        return new float[][]{weights, folded};
    }
}
