package dev.digits.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an inference copy of a convolutional {@link MultiLayerNetwork} as a fixed list of ND4J operations (the same
 * {@code conv2d}, {@code maxpool2d}, matrix product and activations DL4J's layers call, so oneDNN still does the
 * convolutions) on channels-last (NHWC) activations, with the same answers to float rounding.
 *
 * <p>Why not {@code MultiLayerNetwork.output}: at batch 256 a call of the bundled classifier took 40 ms and more
 * there (medians on 2 cores), against 12 to 18 ms for ONNX Runtime on the same model. Measured causes:
 * <ul>
 * <li>oneDNN's convolutions compute in NHWC ({@code acdb}) whatever DL4J hands them. With DL4J's NCHW
 *     activations each convolution reordered its input to NHWC, its freshly allocated output to NHWC before running,
 *     and the result back to NCHW, into buffers oneDNN allocated anew on each call: reordering the first
 *     convolution's 4.7 million outputs alone took 8 to 48 ms, mostly page faults, and profiles blamed it on the max
 *     pooling after it. oneDNN's NCHW max pooling is also 5 times slower than its NHWC one.</li>
 * <li>Switching DL4J's layers to NHWC removes the reorders, but DL4J 1.0.0-M2.1's {@code ConvolutionLayer} then
 *     copies each input into NCHW ({@code input.permute(0,3,1,2).dup()}) only to read its sizes, and other layers
 *     copy too (matrix products into temporaries, the flatten out of its workspace): still 17 to 20 ms.</li>
 * </ul>
 * Here the convolutions read and write NHWC arrays as they are, activations are applied in place, and all arrays
 * of a call live in one workspace that is reused from call to call (no allocation, no page faults): about 11 ms for
 * the network, 16 to 18 ms for a whole call of the classifier, as fast as ONNX Runtime.
 *
 * <p>Only the layout changes: convolution weights stay {@code [nOut, nIn, kH, kW]} (OIYX); the first dense layer
 * after the convolutions sees its input flattened in (y, x, channel) order instead of DL4J's (channel, y, x), so its
 * weight rows are permuted to match.
 *
 * <p>Supported: plain convolutions (truncate, strict or same mode), max pooling, dense and output layers (without
 * layer norm), activation and dropout layers (dropout does nothing in inference), with at most DL4J's usual flatten
 * between the convolutional and the dense part, single-channel input. {@link #of} returns nothing for anything else
 * (batch norms not folded away, other layers, other preprocessors), and also when its answers on a small random batch
 * differ from DL4J's; the caller then runs the network through DL4J.
 *
 * <p>Immutable and safe for concurrent use: each thread's calls use that thread's workspace.
 */
final class DirectInference {
    private static final Logger LOG = LoggerFactory.getLogger(DirectInference.class);
    /** One id for all instances, as DL4J's own workspaces: a thread keeps one workspace, sized for its largest call. */
    private static final String WORKSPACE = "DIGITS_DIRECT_INFERENCE";
    /** DL4J's own settings for inference workspaces: learn the size in the first call, then reuse the memory. */
    private static final WorkspaceConfiguration WORKSPACE_CONFIGURATION = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.05).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).build();
    /** Largest probability difference to DL4J's own output accepted in the check of {@link #of}. */
    private static final double TOLERANCE = 1e-4;

    /** One layer's computation: takes the activations (the batch first), returns the next ones. */
    private interface Step {
        INDArray apply(INDArray x);
    }

    private final List<Step> steps;
    private final long height;
    private final long width;

    private DirectInference(List<Step> steps, long height, long width) {
        this.steps = steps;
        this.height = height;
        this.width = width;
    }

    /**
     * Direct inference of {@code network}, or nothing when it has a layer this class does not run or gives other
     * answers than DL4J's own output (checked on a few random pictures).
     *
     * @param network an inference network (see {@link BatchNormFolding}), which is not changed and not kept
     * @param input   its input: one channel, NCHW
     */
    static Optional<DirectInference> of(MultiLayerNetwork network, InputType input) {
        if (!(input instanceof InputType.InputTypeConvolutional picture) || picture.getChannels() != 1
                || picture.getFormat() != CNN2DFormat.NCHW
                || network.getLayerWiseConfigurations().getDataType() != DataType.FLOAT) {
            return Optional.empty();
        }
        try {
            DirectInference direct;
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                List<Step> steps = steps(network, picture);
                if (steps == null) {
                    return Optional.empty();
                }
                direct = new DirectInference(List.copyOf(steps), picture.getHeight(), picture.getWidth());
            }
            double difference = direct.difference(network);
            if (!(difference <= TOLERANCE)) {
                LOG.warn("Running the network through DL4J: direct inference differs from it by {}", difference);
                return Optional.empty();
            }
            return Optional.of(direct);
        } catch (RuntimeException e) {
            LOG.warn("Running the network through DL4J: direct inference fails ({})", e.toString());
            return Optional.empty();
        }
    }

    /**
     * The probabilities (one row per picture) of {@code count} single-channel pictures of the input size, one after
     * another, row by row.
     */
    float[][] output(float[] pixels, int count) {
        try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIGURATION,
                WORKSPACE)) {
            INDArray x = Nd4j.create(pixels, new long[]{count, height, width, 1}, 'c');
            for (Step step : steps) {
                x = step.apply(x);
            }
            // Copied out into Java arrays before the workspace's memory is reused.
            return Dl4jClassifier.rows(x);
        }
    }

    /** The largest difference between these outputs and DL4J's on a few random pictures. */
    private double difference(MultiLayerNetwork network) {
        int count = 3;
        float[] pixels = new float[(int) (count * height * width)];
        Random random = new Random(20240501);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        float[][] expected;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
             INDArray input = Nd4j.create(pixels, new long[]{count, 1, height, width}, 'c');
             INDArray output = network.output(input, false)) {
            expected = Dl4jClassifier.rows(output);
        }
        float[][] actual = output(pixels, count);
        double worst = actual.length == expected.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(actual.length, expected.length); i++) {
            if (actual[i].length != expected[i].length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int j = 0; j < actual[i].length; j++) {
                worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]));
            }
        }
        return worst;
    }

    /** The steps of the network's layers, or null when one of them cannot be run directly. */
    private static List<Step> steps(MultiLayerNetwork network, InputType.InputTypeConvolutional picture) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        List<Step> steps = new ArrayList<>();
        InputType type = picture; // always NCHW, as DL4J sees the network; the arrays here are NHWC
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            Map<String, INDArray> params = network.getLayer(i).paramTable();
            if (!Set.of("W", "b").containsAll(params.keySet())) {
                return unsupported(i, "parameters " + params.keySet());
            }
            InputPreProcessor preprocessor = conf.getInputPreProcess(i);
            InputTypeFlattened flattened = null;
            if (preprocessor != null) {
                if (!(preprocessor instanceof CnnToFeedForwardPreProcessor flatten)
                        || flatten.getFormat() != CNN2DFormat.NCHW
                        || !(type instanceof InputType.InputTypeConvolutional convolutional)) {
                    return unsupported(i, "input preprocessor " + preprocessor);
                }
                flattened = new InputTypeFlattened(convolutional.getHeight(), convolutional.getWidth(),
                        convolutional.getChannels());
                type = preprocessor.getOutputType(type);
                steps.add(x -> x.reshape('c', x.size(0), x.length() / x.size(0)));
            }
            boolean convolutional = type instanceof InputType.InputTypeConvolutional;
            InputType next = layer.getOutputType(i, type);
            Class<?> kind = layer.getClass();
            if (kind == ConvolutionLayer.class && convolutional) {
                ConvolutionLayer c = (ConvolutionLayer) layer;
                if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW || c.getConvolutionMode() == ConvolutionMode.Causal) {
                    return unsupported(i, c.getCnn2dDataFormat() + ", " + c.getConvolutionMode());
                }
                steps.add(convolution(c, params, (InputType.InputTypeConvolutional) next));
            } else if (kind == SubsamplingLayer.class && convolutional) {
                SubsamplingLayer s = (SubsamplingLayer) layer;
                if (s.getCnn2dDataFormat() != CNN2DFormat.NCHW || s.getPoolingType() != PoolingType.MAX
                        || s.getConvolutionMode() == ConvolutionMode.Causal) {
                    return unsupported(i, s.getPoolingType() + " pooling, " + s.getCnn2dDataFormat() + ", "
                            + s.getConvolutionMode());
                }
                steps.add(maxPooling(s, (InputType.InputTypeConvolutional) next));
            } else if ((kind == DenseLayer.class || kind == OutputLayer.class) && !convolutional) {
                if (layer instanceof DenseLayer dense && dense.hasLayerNorm()) {
                    return unsupported(i, "layer norm");
                }
                steps.add(dense((FeedForwardLayer) layer, params, flattened));
            } else if (kind == ActivationLayer.class) {
                IActivation activation = ((ActivationLayer) layer).getActivationFn();
                steps.add(x -> activation.getActivation(x, false));
            } else if (kind != DropoutLayer.class) {
                return unsupported(i, kind.getSimpleName() + " on " + type);
            }
            type = next;
        }
        return steps;
    }

    private static List<Step> unsupported(int layer, String what) {
        LOG.debug("Running the network through DL4J: layer {} has {}", layer, what);
        return null;
    }

    /** A flattened convolutional activation's shape. */
    private record InputTypeFlattened(long height, long width, long channels) {
    }

    private static Step convolution(ConvolutionLayer layer, Map<String, INDArray> params,
                                    InputType.InputTypeConvolutional output) {
        int[] k = layer.getKernelSize();
        int[] s = layer.getStride();
        int[] p = layer.getPadding();
        int[] d = layer.getDilation();
        Conv2DConfig config = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                .dH(d[0]).dW(d[1]).paddingMode(padding(layer.getConvolutionMode())).dataFormat("NHWC")
                .weightsFormat(WeightsFormat.OIYX).build();
        INDArray weights = params.get("W").dup('c');
        INDArray bias = params.containsKey("b") ? params.get("b").dup('c').reshape(output.getChannels()) : null;
        IActivation activation = layer.getActivationFn();
        long h = output.getHeight();
        long w = output.getWidth();
        long channels = output.getChannels();
        return x -> {
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), h, w, channels);
            Nd4j.exec(new Conv2D(x, weights, bias, out, config));
            return activate(activation, out);
        };
    }

    private static Step maxPooling(SubsamplingLayer layer, InputType.InputTypeConvolutional output) {
        int[] k = layer.getKernelSize();
        int[] s = layer.getStride();
        int[] p = layer.getPadding();
        int[] d = layer.getDilation();
        Pooling2DConfig config = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                .dH(d[0]).dW(d[1]).paddingMode(padding(layer.getConvolutionMode()))
                .type(Pooling2D.Pooling2DType.MAX).isNHWC(true).build();
        long h = output.getHeight();
        long w = output.getWidth();
        long channels = output.getChannels();
        return x -> {
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), h, w, channels);
            Nd4j.exec(new MaxPooling2D(x, out, config));
            return out;
        };
    }

    private static Step dense(FeedForwardLayer layer, Map<String, INDArray> params, InputTypeFlattened flattened) {
        INDArray weights = params.get("W");
        long outputs = weights.size(1);
        if (flattened != null) {
            // Row c·HW + p of DL4J's NCHW flattening moves to p·C + c, where NHWC flattening puts that value.
            long channels = flattened.channels();
            long positions = flattened.height() * flattened.width();
            weights = weights.dup('c').reshape('c', channels, positions, outputs).permute(1, 0, 2).dup('c')
                    .reshape('c', channels * positions, outputs);
        }
        INDArray w = weights.dup('c');
        INDArray bias = params.containsKey("b") ? params.get("b").dup('c').reshape(1, outputs) : null;
        IActivation activation = layer.getActivationFn();
        return x -> {
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), outputs);
            Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
            if (bias != null) {
                out.addiRowVector(bias);
            }
            return activate(activation, out);
        };
    }

    /** Same mode pads as DL4J's own layers do (they call the same operations); truncate and strict use the pads. */
    private static PaddingMode padding(ConvolutionMode mode) {
        return mode == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID;
    }

    private static INDArray activate(IActivation activation, INDArray x) {
        return activation instanceof ActivationIdentity ? x : activation.getActivation(x, false);
    }
}
