package dev.digits.dl4j.export;

import static dev.digits.dl4j.export.OnnxGraph.integer;
import static dev.digits.dl4j.export.OnnxGraph.ints;
import static dev.digits.dl4j.export.OnnxGraph.real;
import static dev.digits.dl4j.export.OnnxGraph.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Converts DL4J layers, preprocessors, graph vertices and activations into ONNX nodes (opset 13), all in
 * NCHW. Shapes are tracked with DL4J's own {@link InputType}s. Package-private: {@link OnnxExporter} is the
 * public face.
 */
final class Dl4jToOnnx {
    /** What the exporter writes, for error messages. */
    static final String SUPPORTED = "ConvolutionLayer/Convolution2D (Truncate, Strict, Same), Deconvolution2D,"
            + " SubsamplingLayer (max, avg), BatchNormalization, DenseLayer, OutputLayer, LossLayer, CnnLossLayer, ActivationLayer,"
            + " DropoutLayer, Upsampling2D, ZeroPaddingLayer, GlobalPoolingLayer (max, avg); preprocessors"
            + " CnnToFeedForward and FeedForwardToCnn; vertices Layer, Merge, ElementWise, Preprocessor; activations"
            + " identity, relu, relu6, leakyrelu, elu, selu, sigmoid, hardsigmoid, tanh, hardtanh, softmax, softplus,"
            + " softsign, swish, cube, thresholdedrelu; NCHW data only";

    /** A value of the graph and its DL4J type (shape without the batch dimension). */
    record Value(String name, InputType type) {
    }

    private final OnnxGraph graph;
    /**
     * Values written by a nearest ×2 upsampling, by name, with the value they enlarge: a 3×3 convolution that reads
     * one is written as a single transposed convolution of the smaller value instead (see {@link #upsampledConvolution}).
     */
    private final Map<String, Value> upsampledFrom = new java.util.HashMap<>();

    Dl4jToOnnx(OnnxGraph graph) {
        this.graph = graph;
    }

    /** The shape of a value without its batch dimension, as ONNX (NCHW) sees it. */
    static long[] dims(InputType type, String where) {
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return new long[]{ff.getSize()};
        }
        if (type instanceof InputType.InputTypeConvolutional cnn) {
            if (cnn.getFormat() != CNN2DFormat.NCHW) {
                throw unsupported(where, "uses " + cnn.getFormat() + " data; the exporter writes NCHW networks only");
            }
            return new long[]{cnn.getChannels(), cnn.getHeight(), cnn.getWidth()};
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat flat) {
            return new long[]{flat.getFlattenedSize()};
        }
        throw unsupported(where, "has " + type + " activations; only feed-forward and 2-D convolutional data export");
    }

    // ---------------------------------------------------------------- preprocessors

    Value preprocess(InputPreProcessor preprocessor, Value in, String where) {
        if (preprocessor == null) {
            return in;
        }
        InputType outType = preprocessor.getOutputType(in.type());
        if (preprocessor instanceof ComposableInputPreProcessor composable) {
            Value value = in;
            for (InputPreProcessor part : composable.getInputPreProcessors()) {
                value = preprocess(part, value, where);
            }
            return value;
        }
        if (preprocessor instanceof CnnToFeedForwardPreProcessor cnnToFf) {
            if (cnnToFf.getFormat() != CNN2DFormat.NCHW) {
                throw unsupported(where, "flattens " + cnnToFf.getFormat() + " data; the exporter writes NCHW networks only");
            }
            if (in.type() instanceof InputType.InputTypeFeedForward) {
                return new Value(in.name(), outType); // already flat: DL4J passes it through
            }
            return new Value(graph.node("Flatten", in.name() + "_flat", List.of(in.name()), integer("axis", 1)), outType);
        }
        if (preprocessor instanceof FeedForwardToCnnPreProcessor ffToCnn) {
            if (in.type() instanceof InputType.InputTypeConvolutional) {
                return new Value(in.name(), outType);
            }
            String shape = graph.longs(in.name() + "_shape", -1, ffToCnn.getNumChannels(), ffToCnn.getInputHeight(),
                    ffToCnn.getInputWidth());
            return new Value(graph.node("Reshape", in.name() + "_cnn", List.of(in.name(), shape)), outType);
        }
        throw unsupported(where, "needs the input preprocessor " + preprocessor.getClass().getSimpleName());
    }

    // ---------------------------------------------------------------- layers

    /**
     * Writes one layer.
     *
     * @param params the layer's parameters by DL4J key ({@code W}, {@code b}, {@code gamma}, ...)
     */
    Value layer(Layer conf, Map<String, INDArray> params, Value in, String hint, String where) {
        InputType outType = conf.getOutputType(-1, in.type());
        Class<?> kind = conf.getClass();
        if (kind == ConvolutionLayer.class || kind == Convolution2D.class) {
            return activation(((BaseLayer) conf).getActivationFn(), convolution((ConvolutionLayer) conf, params, in, outType, hint, where),
                    hint, where);
        }
        if (kind == Deconvolution2D.class) {
            return activation(((BaseLayer) conf).getActivationFn(),
                    deconvolution((Deconvolution2D) conf, params, in, outType, hint, where), hint, where);
        }
        if (kind == SubsamplingLayer.class) {
            return pooling((SubsamplingLayer) conf, in, outType, hint, where);
        }
        if (kind == BatchNormalization.class) {
            return batchNormalization((BatchNormalization) conf, params, in, outType, hint, where);
        }
        if (kind == DenseLayer.class || kind == OutputLayer.class) {
            return activation(((BaseLayer) conf).getActivationFn(), dense((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf,
                    params, in, outType, hint, where), hint, where);
        }
        if (kind == LossLayer.class || kind == org.deeplearning4j.nn.conf.layers.CnnLossLayer.class) {
            return activation(((BaseLayer) conf).getActivationFn(), new Value(in.name(), outType), hint, where);
        }
        if (kind == ActivationLayer.class) {
            return activation(((ActivationLayer) conf).getActivationFn(), new Value(in.name(), outType), hint, where);
        }
        if (kind == DropoutLayer.class) {
            // Dropout only acts in training: at inference the layer is the identity.
            return new Value(graph.node("Identity", hint + "_dropout", List.of(in.name())), outType);
        }
        if (kind == Upsampling2D.class) {
            return upsampling((Upsampling2D) conf, in, outType, hint, where);
        }
        if (kind == ZeroPaddingLayer.class) {
            return zeroPadding((ZeroPaddingLayer) conf, in, outType, hint, where);
        }
        if (kind == GlobalPoolingLayer.class) {
            return globalPooling((GlobalPoolingLayer) conf, in, outType, hint, where);
        }
        throw unsupported(where, "is a " + kind.getSimpleName() + ", which the ONNX exporter does not support");
    }

    private Value convolution(ConvolutionLayer conf, Map<String, INDArray> params, Value in, InputType outType, String hint,
                              String where) {
        requireNchw(conf.getCnn2dDataFormat(), where);
        InputType.InputTypeConvolutional input = convolutional(in, where);
        InputType.InputTypeConvolutional output = (InputType.InputTypeConvolutional) outType;
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        long[] pads = forwardPads(conf.getConvolutionMode(), conf.getPadding(), kernel, stride, dilation, input, output, where);
        INDArray w = params.get("W");
        Value small = upsampledFrom.get(in.name());
        if (small != null && java.util.Arrays.equals(kernel, new int[]{3, 3}) && java.util.Arrays.equals(stride, new int[]{1, 1})
                && java.util.Arrays.equals(dilation, new int[]{1, 1}) && java.util.Arrays.equals(pads, new long[]{1, 1, 1, 1})) {
            return upsampledConvolution(conf, w, params.get("b"), small, outType, hint);
        }
        List<String> inputs = new ArrayList<>(List.of(in.name(), graph.floats(hint + "_W", floats(w), w.shape())));
        if (conf.hasBias()) {
            inputs.add(graph.floats(hint + "_b", floats(params.get("b")), conf.getNOut()));
        }
        String out = graph.node("Conv", hint + "_conv", inputs, ints("kernel_shape", kernel), ints("strides", stride),
                ints("dilations", dilation), ints("pads", pads));
        return new Value(out, outType);
    }

    /**
     * A nearest ×2 upsampling followed by a 3×3 convolution padded by 1, written as one transposed convolution
     * (kernel 4×4, stride 2, pads 1) of the small input. Each output pixel of the pair reads a 2×2 block of the
     * small input, so the pair is exactly this transposed convolution, whose 4 taps per axis are sums of the
     * 3×3 kernel's: tap 0 = w2, tap 1 = w1 + w2, tap 2 = w0 + w1, tap 3 = w0. It computes 4 instead of 9
     * products per output pixel and input channel, and skips the enlarged copy (the upsampling node, left
     * unused, is dropped when the graph is built).
     */
    private Value upsampledConvolution(ConvolutionLayer conf, INDArray w, INDArray bias, Value small, InputType outType,
                                       String hint) {
        float[] conv = floats(w); // [nOut, nIn, 3, 3]
        int nOut = (int) w.size(0);
        int nIn = (int) w.size(1);
        // taps[k] lists the rows (or columns) of the 3×3 kernel that tap k of the 4-tap kernel sums.
        int[][] taps = {{2}, {1, 2}, {0, 1}, {0}};
        float[] deconv = new float[nIn * nOut * 16]; // [nIn, nOut, 4, 4]: ConvTranspose's layout
        for (int o = 0; o < nOut; o++) {
            for (int i = 0; i < nIn; i++) {
                int from = (o * nIn + i) * 9;
                int to = (i * nOut + o) * 16;
                for (int ky = 0; ky < 4; ky++) {
                    for (int kx = 0; kx < 4; kx++) {
                        float sum = 0;
                        for (int u : taps[ky]) {
                            for (int v : taps[kx]) {
                                sum += conv[from + u * 3 + v];
                            }
                        }
                        deconv[to + ky * 4 + kx] = sum;
                    }
                }
            }
        }
        List<String> inputs = new ArrayList<>(List.of(small.name(), graph.floats(hint + "_W", deconv, nIn, nOut, 4, 4)));
        if (conf.hasBias()) {
            inputs.add(graph.floats(hint + "_b", floats(bias), conf.getNOut()));
        }
        String out = graph.node("ConvTranspose", hint + "_upconv", inputs, ints("kernel_shape", 4, 4), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1));
        return new Value(out, outType);
    }

    private Value deconvolution(Deconvolution2D conf, Map<String, INDArray> params, Value in, InputType outType, String hint,
                                String where) {
        requireNchw(conf.getCnn2dDataFormat(), where);
        InputType.InputTypeConvolutional input = convolutional(in, where);
        InputType.InputTypeConvolutional output = (InputType.InputTypeConvolutional) outType;
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        long[] pads;
        ConvolutionMode mode = conf.getConvolutionMode();
        if (mode == ConvolutionMode.Same) {
            long[] in2 = {input.getHeight(), input.getWidth()};
            long[] out2 = {output.getHeight(), output.getWidth()};
            pads = new long[4];
            for (int d = 0; d < 2; d++) {
                long effectiveKernel = (long) (kernel[d] - 1) * dilation[d] + 1;
                long total = (in2[d] - 1) * stride[d] + effectiveKernel - out2[d];
                if (total < 0) {
                    throw unsupported(where, "is a Same-mode Deconvolution2D whose stride exceeds its kernel; the exporter"
                            + " cannot express its padding");
                }
                pads[d] = total / 2;
                pads[d + 2] = total - total / 2;
            }
        } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            int[] p = conf.getPadding();
            pads = new long[]{p[0], p[1], p[0], p[1]};
        } else {
            throw unsupported(where, "uses ConvolutionMode." + mode + "; the exporter supports Truncate, Strict and Same");
        }
        INDArray w = params.get("W"); // [nIn, nOut, kH, kW], which is ONNX ConvTranspose's layout
        List<String> inputs = new ArrayList<>(List.of(in.name(), graph.floats(hint + "_W", floats(w), w.shape())));
        if (conf.hasBias()) {
            inputs.add(graph.floats(hint + "_b", floats(params.get("b")), conf.getNOut()));
        }
        String out = graph.node("ConvTranspose", hint + "_deconv", inputs, ints("kernel_shape", kernel),
                ints("strides", stride), ints("dilations", dilation), ints("pads", pads));
        return new Value(out, outType);
    }

    private Value pooling(SubsamplingLayer conf, Value in, InputType outType, String hint, String where) {
        requireNchw(conf.getCnn2dDataFormat(), where);
        InputType.InputTypeConvolutional input = convolutional(in, where);
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation() == null ? new int[]{1, 1} : conf.getDilation();
        long[] pads = forwardPads(conf.getConvolutionMode(), conf.getPadding(), kernel, stride, dilation, input,
                (InputType.InputTypeConvolutional) outType, where);
        PoolingType type = conf.getPoolingType();
        String out;
        if (type == PoolingType.MAX) {
            out = graph.node("MaxPool", hint + "_maxpool", List.of(in.name()), ints("kernel_shape", kernel),
                    ints("strides", stride), ints("dilations", dilation), ints("pads", pads));
        } else if (type == PoolingType.AVG) {
            if (dilation[0] != 1 || dilation[1] != 1) {
                throw unsupported(where, "is a dilated average pooling, which ONNX opset 13 cannot express");
            }
            out = graph.node("AveragePool", hint + "_avgpool", List.of(in.name()), ints("kernel_shape", kernel),
                    ints("strides", stride), ints("pads", pads),
                    integer("count_include_pad", conf.isAvgPoolIncludePadInDivisor() ? 1 : 0));
        } else {
            throw unsupported(where, "uses " + type + " pooling; the exporter supports MAX and AVG");
        }
        return new Value(out, outType);
    }

    /** ONNX pads {@code [top, left, bottom, right]} of a convolution or pooling in DL4J's convolution mode. */
    private static long[] forwardPads(ConvolutionMode mode, int[] padding, int[] kernel, int[] stride, int[] dilation,
                                      InputType.InputTypeConvolutional input, InputType.InputTypeConvolutional output,
                                      String where) {
        if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            return new long[]{padding[0], padding[1], padding[0], padding[1]};
        }
        if (mode == ConvolutionMode.Same) {
            // DL4J pads (total / 2) before and the rest after, as ONNX's SAME_UPPER does.
            long[] in = {input.getHeight(), input.getWidth()};
            long[] out = {output.getHeight(), output.getWidth()};
            long[] pads = new long[4];
            for (int d = 0; d < 2; d++) {
                long effectiveKernel = (long) (kernel[d] - 1) * dilation[d] + 1;
                long total = Math.max(0, (out[d] - 1) * stride[d] + effectiveKernel - in[d]);
                pads[d] = total / 2;
                pads[d + 2] = total - total / 2;
            }
            return pads;
        }
        throw unsupported(where, "uses ConvolutionMode." + mode + "; the exporter supports Truncate, Strict and Same");
    }

    private Value batchNormalization(BatchNormalization conf, Map<String, INDArray> params, Value in, InputType outType,
                                     String hint, String where) {
        if (in.type() instanceof InputType.InputTypeConvolutional) {
            requireNchw(conf.getCnn2DFormat(), where);
        } else if (!(in.type() instanceof InputType.InputTypeFeedForward)) {
            throw unsupported(where, "normalises " + in.type() + " data; the exporter supports feed-forward and NCHW data");
        }
        int channels = (int) conf.getNOut();
        float[] gamma;
        float[] beta;
        if (conf.isLockGammaBeta()) {
            gamma = new float[channels];
            beta = new float[channels];
            Arrays.fill(gamma, (float) conf.getGamma());
            Arrays.fill(beta, (float) conf.getBeta());
        } else {
            gamma = floats(params.get("gamma"));
            beta = floats(params.get("beta"));
        }
        float[] mean = floats(params.get("mean"));
        float[] variance;
        if (conf.isUseLogStd()) {
            // DL4J stores log10 of the standard deviation; ONNX wants the variance (epsilon is added by both).
            float[] log10std = floats(params.get("log10stdev"));
            variance = new float[channels];
            for (int c = 0; c < channels; c++) {
                double std = Math.pow(10, log10std[c]);
                variance[c] = (float) (std * std);
            }
        } else {
            variance = floats(params.get("var"));
        }
        String out = graph.node("BatchNormalization", hint + "_bn",
                List.of(in.name(), graph.floats(hint + "_gamma", gamma, channels), graph.floats(hint + "_beta", beta, channels),
                        graph.floats(hint + "_mean", mean, channels), graph.floats(hint + "_var", variance, channels)),
                real("epsilon", conf.getEps()));
        // DL4J ignores a BatchNormalization layer's activation (it defaults to sigmoid): so does the export.
        return new Value(out, outType);
    }

    private Value dense(org.deeplearning4j.nn.conf.layers.FeedForwardLayer conf, Map<String, INDArray> params, Value in,
                        InputType outType, String hint, String where) {
        if (!(in.type() instanceof InputType.InputTypeFeedForward)) {
            throw unsupported(where, "receives " + in.type() + " data without a preprocessor that flattens it");
        }
        INDArray w = params.get("W"); // [nIn, nOut]: Gemm with transB = 0
        String weights = graph.floats(hint + "_W", floats(w), w.shape());
        boolean hasBias = conf instanceof DenseLayer d ? d.hasBias() : ((BaseOutputLayer) conf).hasBias();
        String out;
        if (hasBias) {
            out = graph.node("Gemm", hint + "_gemm", List.of(in.name(), weights, graph.floats(hint + "_b", floats(params.get("b")),
                    conf.getNOut())));
        } else {
            out = graph.node("MatMul", hint + "_matmul", List.of(in.name(), weights));
        }
        return new Value(out, outType);
    }

    private Value upsampling(Upsampling2D conf, Value in, InputType outType, String hint, String where) {
        requireNchw(conf.getFormat(), where);
        convolutional(in, where);
        int[] size = conf.getSize();
        float sh = size[0];
        float sw = size.length > 1 ? size[1] : size[0];
        String roi = graph.floats(hint + "_roi", new float[0], 0);
        String scales = graph.floats(hint + "_scales", new float[]{1f, 1f, sh, sw}, 4);
        String out = graph.node("Resize", hint + "_upsample", List.of(in.name(), roi, scales), text("mode", "nearest"),
                text("coordinate_transformation_mode", "asymmetric"), text("nearest_mode", "floor"));
        if (sh == 2 && sw == 2) {
            upsampledFrom.put(out, in);
        }
        return new Value(out, outType);
    }

    private Value zeroPadding(ZeroPaddingLayer conf, Value in, InputType outType, String hint, String where) {
        requireNchw(conf.getDataFormat(), where);
        convolutional(in, where);
        int[] p = conf.getPadding(); // top, bottom, left, right
        String pads = graph.longs(hint + "_pads", 0, 0, p[0], p[2], 0, 0, p[1], p[3]);
        return new Value(graph.node("Pad", hint + "_pad", List.of(in.name(), pads), text("mode", "constant")), outType);
    }

    private Value globalPooling(GlobalPoolingLayer conf, Value in, InputType outType, String hint, String where) {
        convolutional(in, where);
        int[] dimensions = conf.getPoolingDimensions();
        if (dimensions != null && !(dimensions.length == 2 && dimensions[0] == 2 && dimensions[1] == 3)) {
            throw unsupported(where, "pools over dimensions " + Arrays.toString(dimensions) + "; the exporter supports [2, 3]");
        }
        String op = switch (conf.getPoolingType()) {
            case MAX -> "GlobalMaxPool";
            case AVG -> "GlobalAveragePool";
            default -> throw unsupported(where, "uses " + conf.getPoolingType() + " global pooling; the exporter supports MAX and AVG");
        };
        String out = graph.node(op, hint + "_gpool", List.of(in.name()));
        if (outType instanceof InputType.InputTypeFeedForward) {
            out = graph.node("Flatten", hint + "_gpool_flat", List.of(out), integer("axis", 1));
        }
        return new Value(out, outType);
    }

    // ---------------------------------------------------------------- activations

    Value activation(IActivation activation, Value in, String hint, String where) {
        if (activation == null || activation instanceof ActivationIdentity) {
            return in;
        }
        List<String> x = List.of(in.name());
        String out;
        if (activation instanceof ActivationReLU relu) {
            double threshold = relu.getThreshold() == null ? 0 : relu.getThreshold();
            double slope = relu.getNegativeSlope() == null ? 0 : relu.getNegativeSlope();
            if (threshold != 0) {
                throw unsupported(where, "uses a ReLU with threshold " + threshold + ", which the exporter does not support");
            }
            out = slope == 0 ? graph.node("Relu", hint + "_relu", x)
                    : graph.node("LeakyRelu", hint + "_lrelu", x, real("alpha", slope));
            if (relu.getMax() != null) {
                out = clip(out, null, relu.getMax(), hint);
            }
        } else if (activation instanceof ActivationReLU6) {
            out = clip(in.name(), 0.0, 6.0, hint);
        } else if (activation instanceof ActivationLReLU leaky) {
            out = graph.node("LeakyRelu", hint + "_lrelu", x, real("alpha", leaky.getAlpha()));
        } else if (activation instanceof ActivationELU elu) {
            out = graph.node("Elu", hint + "_elu", x, real("alpha", elu.getAlpha()));
        } else if (activation instanceof ActivationSELU) {
            out = graph.node("Selu", hint + "_selu", x);
        } else if (activation instanceof ActivationSigmoid) {
            out = graph.node("Sigmoid", hint + "_sigmoid", x);
        } else if (activation instanceof ActivationHardSigmoid) {
            out = graph.node("HardSigmoid", hint + "_hardsigmoid", x, real("alpha", 0.2), real("beta", 0.5));
        } else if (activation instanceof ActivationTanH) {
            out = graph.node("Tanh", hint + "_tanh", x);
        } else if (activation instanceof ActivationHardTanH) {
            out = clip(in.name(), -1.0, 1.0, hint);
        } else if (activation instanceof ActivationSoftmax) {
            if (!(in.type() instanceof InputType.InputTypeFeedForward)) {
                throw unsupported(where, "applies softmax to " + in.type() + " data; the exporter supports it on feed-forward data");
            }
            out = graph.node("Softmax", hint + "_softmax", x, integer("axis", 1));
        } else if (activation instanceof ActivationSoftPlus) {
            out = graph.node("Softplus", hint + "_softplus", x);
        } else if (activation instanceof ActivationSoftSign) {
            out = graph.node("Softsign", hint + "_softsign", x);
        } else if (activation instanceof ActivationSwish) {
            String sigmoid = graph.node("Sigmoid", hint + "_swish_sigmoid", x);
            out = graph.node("Mul", hint + "_swish", List.of(in.name(), sigmoid));
        } else if (activation instanceof ActivationCube) {
            String square = graph.node("Mul", hint + "_square", List.of(in.name(), in.name()));
            out = graph.node("Mul", hint + "_cube", List.of(square, in.name()));
        } else if (activation instanceof ActivationThresholdedReLU thresholded) {
            out = graph.node("ThresholdedRelu", hint + "_trelu", x, real("alpha", thresholded.getTheta()));
        } else {
            throw unsupported(where, "uses the activation " + activation + ", which the exporter does not support");
        }
        return new Value(out, in.type());
    }

    private String clip(String in, Double min, Double max, String hint) {
        List<String> inputs = new ArrayList<>(List.of(in));
        inputs.add(min == null ? "" : graph.floats(hint + "_min", new float[]{min.floatValue()}));
        inputs.add(graph.floats(hint + "_max", new float[]{max.floatValue()}));
        return graph.node("Clip", hint + "_clip", inputs);
    }

    // ---------------------------------------------------------------- graph vertices

    /** Writes a vertex of a ComputationGraph other than an input. */
    Value vertex(GraphVertex vertex, List<Value> inputs, Map<String, INDArray> params, String hint, String where) {
        InputType[] inputTypes = inputs.stream().map(Value::type).toArray(InputType[]::new);
        if (vertex instanceof LayerVertex layerVertex) {
            Value in = preprocess(layerVertex.getPreProcessor(), single(inputs, where), where);
            return layer(layerVertex.getLayerConf().getLayer(), params, in, hint, where);
        }
        InputType outType = vertex.getOutputType(-1, inputTypes);
        List<String> names = inputs.stream().map(Value::name).toList();
        if (vertex instanceof PreprocessorVertex preprocessorVertex) {
            return preprocess(preprocessorVertex.getPreProcessor(), single(inputs, where), where);
        }
        if (vertex instanceof MergeVertex merge) {
            if (inputs.size() == 1) {
                return inputs.get(0);
            }
            for (Value v : inputs) {
                dims(v.type(), where);
            }
            return new Value(graph.node("Concat", hint + "_concat", names, integer("axis", merge.getMergeAxis())), outType);
        }
        if (vertex instanceof ElementWiseVertex elementWise) {
            ElementWiseVertex.Op op = elementWise.getOp();
            String out = switch (op) {
                case Add -> graph.node("Sum", hint + "_sum", names);
                case Average -> graph.node("Mean", hint + "_mean", names);
                case Max -> graph.node("Max", hint + "_max", names);
                case Subtract -> graph.node("Sub", hint + "_sub", names);
                case Product -> {
                    String product = names.get(0);
                    for (int i = 1; i < names.size(); i++) {
                        product = graph.node("Mul", hint + "_mul", List.of(product, names.get(i)));
                    }
                    yield product;
                }
            };
            return new Value(out, outType);
        }
        throw unsupported(where, "is a " + vertex.getClass().getSimpleName() + ", which the ONNX exporter does not support");
    }

    private static Value single(List<Value> inputs, String where) {
        if (inputs.size() != 1) {
            throw unsupported(where, "has " + inputs.size() + " inputs; a layer takes one");
        }
        return inputs.get(0);
    }

    // ---------------------------------------------------------------- helpers

    private static InputType.InputTypeConvolutional convolutional(Value in, String where) {
        if (in.type() instanceof InputType.InputTypeConvolutional cnn) {
            if (cnn.getFormat() != CNN2DFormat.NCHW) {
                throw unsupported(where, "uses " + cnn.getFormat() + " data; the exporter writes NCHW networks only");
            }
            return cnn;
        }
        throw unsupported(where, "receives " + in.type() + " data where 2-D convolutional data is needed");
    }

    private static void requireNchw(CNN2DFormat format, String where) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw unsupported(where, "uses " + format + " data; the exporter writes NCHW networks only");
        }
    }

    /** The values of an array as float32, row-major. Parameter views may be 'f'-ordered: copy to 'c' first. */
    static float[] floats(INDArray array) {
        if (array == null) {
            throw new IllegalStateException("Missing parameter array");
        }
        INDArray c = array.castTo(DataType.FLOAT).dup('c');
        return c.reshape(new long[]{c.length()}).toFloatVector();
    }

    static UnsupportedLayerException unsupported(String where, String what) {
        return new UnsupportedLayerException("Cannot export to ONNX: " + where + " " + what + ". Supported: " + SUPPORTED + ".");
    }
}
