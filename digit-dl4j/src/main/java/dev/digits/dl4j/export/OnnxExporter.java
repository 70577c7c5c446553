package dev.digits.dl4j.export;

import dev.digits.dl4j.ClassifierEnsemble;
import dev.digits.dl4j.Dl4jFormat;
import dev.digits.BadModelFileException;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.dl4j.Dl4jBackend;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.io.AtomicFiles;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes DL4J networks as ONNX models (IR version 8, opset 13), with the ONNX protobuf classes that
 * nd4j-api already contains. Deeplearning4j itself can only import ONNX.
 *
 * <p>Everything is NCHW, float32, with a free batch dimension named {@code batch}. A
 * {@link MultiLayerNetwork} gets one input, {@value #INPUT_NAME}, and one output, {@value #OUTPUT_NAME}; a
 * {@link ComputationGraph} keeps its own input and output names (several outputs for a multi-head model).
 * Inference-only parts become what they compute at inference: dropout is the identity, batch normalisation
 * uses the running mean and variance (DL4J's log10 standard deviation is converted to a variance).
 *
 * <p>Supported: convolution (Truncate, Strict and Same modes, with stride, dilation, padding), transposed
 * convolution ({@code Deconvolution2D}), max and average pooling, batch normalisation, dense and output
 * layers, activation and dropout layers, 2-D upsampling, zero padding, global pooling, the reshape
 * preprocessors between feed-forward and convolutional data, merge / element-wise / preprocessor vertices,
 * and the common activations. Anything else fails with an {@link UnsupportedLayerException} that names the
 * layer.
 *
 * <pre>{@code
 * ModelCard card = OnnxExporter.write(ModelSource.CLASSIFIER, Path.of("classifier.onnx"));
 * }</pre>
 *
 * <p>Stateless and thread-safe; the networks themselves are only read.
 */
public final class OnnxExporter {
    /** The ONNX operator set the models use. */
    public static final int OPSET = 13;
    /** The ONNX IR version the models declare. */
    public static final long IR_VERSION = 8;
    /** The input of an exported {@link MultiLayerNetwork}. */
    public static final String INPUT_NAME = "input";
    /** The output of an exported {@link MultiLayerNetwork}. */
    public static final String OUTPUT_NAME = "output";
    /** Card entry: SHA-256 of the DL4J model the ONNX file was exported from. */
    public static final String CARD_SOURCE_SHA256 = "source.model.sha256";
    /** Card entry: the format of the DL4J model the ONNX file was exported from. */
    public static final String CARD_SOURCE_FORMAT = "source.format";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);
    private static final String PRODUCER = "digits OnnxExporter";
    private static final String PRODUCER_VERSION = "1";

    private OnnxExporter() {
    }

    /**
     * The ONNX model of a network, as bytes.
     *
     * @param inputType what the network takes, e.g. {@code InputType.convolutional(28, 28, 1)} (becomes an
     *                  NCHW input {@code [batch, 1, 28, 28]}) or {@code InputType.feedForward(784)}
     * @throws UnsupportedLayerException when a layer cannot be exported
     */
    public static byte[] export(MultiLayerNetwork network, InputType inputType) {
        return exportNetwork(network, inputType).model().toByteArray();
    }

    /**
     * The ONNX model of a computation graph, as bytes: one input per network input (in order, with the types
     * given), one output per network output, named as in the graph.
     *
     * @throws UnsupportedLayerException when a vertex cannot be exported
     */
    public static byte[] export(ComputationGraph graph, InputType... inputTypes) {
        return exportGraph(graph, inputTypes).model().toByteArray();
    }

    /**
     * Exports a network and writes it atomically to {@code onnxFile}, with its card both inside the file (ONNX
     * metadata properties, with the graph's SHA-256) and beside it ({@code FILE.properties}, with the file's
     * SHA-256): {@code sourceCard}'s entries plus the ONNX format and the inputs and outputs by their ONNX names.
     *
     * @return the side card as written
     */
    public static ModelCard write(MultiLayerNetwork network, InputType inputType, ModelCard sourceCard, Path onnxFile) {
        return write(exportNetwork(network, inputType), new InputType[]{inputType}, sourceCard, onnxFile);
    }

    /** Like {@link #write(MultiLayerNetwork, InputType, ModelCard, Path)}, for a computation graph. */
    public static ModelCard write(ComputationGraph graph, ModelCard sourceCard, Path onnxFile, InputType... inputTypes) {
        return write(exportGraph(graph, inputTypes), inputTypes, sourceCard, onnxFile);
    }

    /**
     * Exports a saved DL4J model (bundled or a file with its card; the SHA-256 is checked) to {@code onnxFile},
     * taking the input from the card's first input's shape and layout.
     *
     * @return the card written beside {@code onnxFile}
     */
    public static ModelCard write(ModelSource dl4jModel, Path onnxFile) {
        return write(dl4jModel, Task.CLASSIFY, onnxFile);
    }

    /**
     * Exports a saved DL4J model for {@code task}: a classifier ({@code MultiLayerNetwork}) or a generator
     * ({@code ComputationGraph}, one ONNX input per input its card lists, typed by their shapes).
     *
     * @return the card written beside {@code onnxFile}
     */
    public static ModelCard write(ModelSource dl4jModel, Task task, Path onnxFile) {
        Dl4jRuntime.require("DL4J models cannot be read or exported here");
        LoadedModel model = LoadedModel.resolve(dl4jModel, task, new Dl4jBackend());
        if (Dl4jFormat.COMPUTATION_GRAPH.equals(model.format())) {
            return write(Dl4jModels.graph(model), model.card(), onnxFile, inputTypes(model.card()));
        }
        return write(Dl4jModels.network(model), inputType(model.card()), model.card(), onnxFile);
    }

    /**
     * An exported model's card and how closely the export gives the source model's answers.
     *
     * @param card   the card written beside the ONNX file, with the parity figures ({@code onnx.parity.*})
     * @param parity the check; the files are written whether or not it {@link ParityReport#agrees()}, for inspection
     */
    public record CheckedExport(ModelCard card, ParityReport parity) {
    }

    /**
     * Exports like {@link #write(ModelSource, Task, Path)}, then runs the file in the ONNX backend against the DL4J
     * model on the task's default material ({@link ExportParity}) and adds the figures to the side card. Needs
     * the ONNX backend (digit-onnx) on the class path; the MNIST test set for a classifier or a number reader.
     *
     * @return the card as finally written and the check, which the caller must look at: a failing check does not
     *         throw, so that the figures can be reported
     */
    public static CheckedExport exportAndCheck(ModelSource dl4jModel, Task task, Path onnxFile) {
        ModelCard written = write(dl4jModel, task, onnxFile);
        return ExportParity.check(dl4jModel, task, onnxFile, written);
    }

    /** The input types of every input a card lists: a single size is feed-forward, {@code CxHxW} convolutional. */
    static InputType[] inputTypes(ModelCard card) {
        List<TensorSpec> inputs = card.inputs();
        InputType[] types = new InputType[inputs.size()];
        for (int i = 0; i < types.length; i++) {
            String entry = card.entryFor(true, i, TensorSpec.SHAPE);
            long[] shape = inputs.get(i).shape().orElseThrow(() -> new BadModelFileException("The model card gives no"
                    + " shape for its input " + entry));
            if (shape.length == 1) {
                types[i] = InputType.feedForward(shape[0]);
            } else if (shape.length == 3) {
                types[i] = InputType.convolutional(shape[1], shape[2], shape[0]);
            } else {
                throw new BadModelFileException("The model card's input shape " + java.util.Arrays.toString(shape)
                        + " is neither one size nor CxHxW");
            }
        }
        return types;
    }

    /**
     * The input a card describes: its first input's layout NCHW with shape {@code CxHxW}, or FLAT with a single
     * size; a card without them means MNIST form, {@code 1x28x28} NCHW.
     *
     * @throws BadModelFileException when the card's input is not one a DL4J network takes
     */
    public static InputType inputType(ModelCard card) {
        TensorSpec input = card.inputs().get(0);
        String layout = input.attribute(TensorSpec.LAYOUT).orElse("NCHW").toUpperCase(Locale.ROOT);
        String shape = input.attribute(TensorSpec.SHAPE).orElse(layout.equals("NCHW") ? "1x28x28" : "784");
        long[] dims;
        try {
            String[] parts = shape.split("\\s*[x×,]\\s*");
            dims = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Long.parseLong(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new BadModelFileException("The model card's input shape '" + shape + "' is not a list of sizes like 1x28x28");
        }
        if (layout.equals("NCHW") && dims.length == 3) {
            return InputType.convolutional(dims[1], dims[2], dims[0]);
        }
        if (layout.equals("FLAT") && dims.length == 1) {
            return InputType.feedForward(dims[0]);
        }
        throw new BadModelFileException("Model card input " + layout + " " + shape + " does not describe a DL4J network's"
                + " input; use the layout NCHW with the shape CxHxW (e.g. 1x28x28), or the layout FLAT with one size");
    }

    // ------------------------------------------------------------------------------------------------

    /** An exported model and what its outputs hold. */
    private record Exported(Onnx.ModelProto model, List<String> inputs, List<String> outputs, List<String> outputKinds) {
    }

    private static Exported exportNetwork(MultiLayerNetwork network, InputType inputType) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        OnnxGraph graph = new OnnxGraph();
        Dl4jToOnnx converter = new Dl4jToOnnx(graph);
        graph.input(INPUT_NAME, Dl4jToOnnx.dims(inputType, "the network's input"));
        Dl4jToOnnx.Value value = new Dl4jToOnnx.Value(INPUT_NAME, inputType);
        int layers = network.getnLayers();
        for (int i = 0; i < layers; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String where = "layer " + i + " (" + layer.getClass().getSimpleName()
                    + (layer.getLayerName() == null ? "" : " '" + layer.getLayerName() + "'") + ")";
            value = converter.preprocess(conf.getInputPreProcess(i), value, where);
            value = converter.layer(layer, network.getLayer(i).paramTable(), value, "l" + i, where);
        }
        graph.output(value.name(), OUTPUT_NAME, Dl4jToOnnx.dims(value.type(), "the network's output"));
        String kind = layers == 0 ? "values" : outputKind(conf.getConf(layers - 1).getLayer());
        return new Exported(model(graph.build("digits")), List.of(INPUT_NAME), List.of(OUTPUT_NAME), List.of(kind));
    }

    private static Exported exportGraph(ComputationGraph network, InputType... inputTypes) {
        ComputationGraphConfiguration conf = network.getConfiguration();
        List<String> inputNames = conf.getNetworkInputs();
        if (inputTypes == null || inputTypes.length != inputNames.size()) {
            throw new IllegalArgumentException("The graph has " + inputNames.size() + " inputs " + inputNames + " but "
                    + (inputTypes == null ? 0 : inputTypes.length) + " input types were given");
        }
        OnnxGraph graph = new OnnxGraph();
        Dl4jToOnnx converter = new Dl4jToOnnx(graph);
        Map<String, Dl4jToOnnx.Value> values = new HashMap<>();
        for (int i = 0; i < inputNames.size(); i++) {
            String name = inputNames.get(i);
            graph.input(name, Dl4jToOnnx.dims(inputTypes[i], "input '" + name + "'"));
            values.put(name, new Dl4jToOnnx.Value(name, inputTypes[i]));
        }
        Map<String, GraphVertex> vertices = conf.getVertices();
        for (String name : conf.getTopologicalOrderStr()) {
            if (values.containsKey(name)) {
                continue;
            }
            GraphVertex vertex = vertices.get(name);
            List<Dl4jToOnnx.Value> inputs = new ArrayList<>();
            for (String input : conf.getVertexInputs().get(name)) {
                inputs.add(values.get(input));
            }
            String where = "vertex '" + name + "' (" + (vertex instanceof LayerVertex lv
                    ? lv.getLayerConf().getLayer().getClass().getSimpleName() : vertex.getClass().getSimpleName()) + ")";
            Map<String, INDArray> params = vertex instanceof LayerVertex ? network.getLayer(name).paramTable() : Map.of();
            values.put(name, converter.vertex(vertex, inputs, params, name, where));
        }
        List<String> outputs = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (String name : conf.getNetworkOutputs()) {
            Dl4jToOnnx.Value value = values.get(name);
            graph.output(value.name(), name, Dl4jToOnnx.dims(value.type(), "output '" + name + "'"));
            outputs.add(name);
            kinds.add(vertexKind(conf, name));
        }
        return new Exported(model(graph.build("digits")), inputNames, outputs, kinds);
    }

    private static Onnx.ModelProto model(Onnx.GraphProto graph) {
        return Onnx.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(PRODUCER_VERSION)
                .setGraph(graph)
                .build();
    }

    /**
     * What a graph vertex gives: a layer's kind, or for the average of several vertices (an ensemble's mean) or the
     * one-input sum that passes a single member through, the kind its inputs share; a guarded ensemble's output is
     * probabilities ({@link ClassifierEnsemble#guarded}).
     */
    private static String vertexKind(ComputationGraphConfiguration conf, String name) {
        GraphVertex vertex = conf.getVertices().get(name);
        if (vertex instanceof LayerVertex lv) {
            return outputKind(lv.getLayerConf().getLayer());
        }
        if (name.equals(ClassifierEnsemble.OUTPUT) && ClassifierEnsemble.isGuarded(conf)) {
            return "probabilities";
        }
        List<String> inputs = conf.getVertexInputs().get(name);
        boolean mean = vertex instanceof ElementWiseVertex e && (e.getOp() == ElementWiseVertex.Op.Average
                || (e.getOp() == ElementWiseVertex.Op.Add && inputs != null && inputs.size() == 1));
        if (mean && !inputs.isEmpty()) {
            String first = vertexKind(conf, inputs.get(0));
            // The mean of probabilities is probabilities; the mean of logits is not the logits of anything.
            if (first.equals("probabilities") && inputs.stream().allMatch(i -> vertexKind(conf, i).equals(first))) {
                return first;
            }
        }
        return "values";
    }

    private static String outputKind(Layer layer) {
        IActivation activation = layer instanceof BaseLayer base ? base.getActivationFn() : null;
        if (activation instanceof ActivationSoftmax) {
            return "probabilities";
        }
        if (activation == null || activation instanceof ActivationIdentity) {
            return "logits";
        }
        return "values";
    }

    /** The shape and layout attributes of an input type, or none for a type without a fixed shape. */
    private static TensorSpec describe(TensorSpec tensor, InputType type) {
        if (type instanceof InputType.InputTypeConvolutional cnn) {
            return tensor.with(TensorSpec.SHAPE, cnn.getChannels() + "x" + cnn.getHeight() + "x" + cnn.getWidth())
                    .with(TensorSpec.LAYOUT, "NCHW");
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat flat) {
            return tensor.with(TensorSpec.SHAPE, flat.getFlattenedSize()).with(TensorSpec.LAYOUT, "FLAT");
        }
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return tensor.with(TensorSpec.SHAPE, ff.getSize()).with(TensorSpec.LAYOUT, "FLAT");
        }
        return tensor;
    }

    /**
     * The card of an exported model: the source card's entries, its tensors renamed to the ONNX names (their
     * attributes kept by position), shapes from the input types and output kinds from the last layers.
     */
    private static ModelCard card(Exported exported, InputType[] inputTypes, ModelCard sourceCard) {
        ModelCard source = sourceCard == null ? ModelCard.builder().build() : sourceCard;
        List<TensorSpec> sourceInputs = sourceCard == null ? List.of() : source.inputs();
        List<TensorSpec> sourceOutputs = sourceCard == null ? List.of() : source.outputs();
        TensorSpec[] inputs = new TensorSpec[exported.inputs().size()];
        for (int i = 0; i < inputs.length; i++) {
            TensorSpec tensor = renamed(i < sourceInputs.size() ? sourceInputs.get(i) : null, exported.inputs().get(i));
            inputs[i] = describe(tensor, inputTypes[i]);
        }
        TensorSpec[] outputs = new TensorSpec[exported.outputs().size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = renamed(i < sourceOutputs.size() ? sourceOutputs.get(i) : null, exported.outputs().get(i))
                    .with(TensorSpec.KIND, exported.outputKinds().get(i));
        }
        return source.toBuilder()
                .put(ModelCard.FORMAT, "onnx")
                .put("onnx.opset", OPSET)
                .put("onnx.ir.version", IR_VERSION)
                .put(CARD_SOURCE_FORMAT, source.get(ModelCard.FORMAT).orElse(null))
                .put(CARD_SOURCE_SHA256, source.get(ModelCard.MODEL_SHA256).orElse(null))
                .put(ModelCard.MODEL_SHA256, null)
                .inputs(inputs)
                .outputs(outputs)
                .build();
    }

    private static TensorSpec renamed(TensorSpec tensor, String name) {
        return new TensorSpec(name, tensor == null ? Map.of() : tensor.attributes());
    }

    /**
     * The model with {@code card} in its metadata properties, and the graph's SHA-256 added to that card, then the
     * SHA-256 of the card's own entries (the graph's does not cover them).
     */
    private static Onnx.ModelProto withCard(Onnx.ModelProto model, ModelCard card) {
        Onnx.ModelProto.Builder builder = model.toBuilder().clearMetadataProps();
        ModelCard withGraph = card.toBuilder().put(ModelCard.GRAPH_SHA256, Sha256.hex(model.getGraph().toByteArray()))
                .put(ModelCard.CARD_SHA256, null).build();
        ModelCard embedded = withGraph.toBuilder().put(ModelCard.CARD_SHA256, withGraph.entriesSha256()).build();
        embedded.asMap().forEach((key, value) ->
                builder.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return builder.build();
    }

    private static ModelCard write(Exported exported, InputType[] inputTypes, ModelCard sourceCard, Path onnxFile) {
        ModelCard card = card(exported, inputTypes, sourceCard);
        byte[] bytes = withCard(exported.model(), card).toByteArray();
        ModelCard written = CardFiles.writeWithModel(card, onnxFile, temporary -> java.nio.file.Files.write(temporary, bytes));
        LOG.info("Wrote ONNX model {} ({} bytes, opset {}) with its card inside and beside it", onnxFile, bytes.length, OPSET);
        return written;
    }
}
