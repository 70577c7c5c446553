package dev.digits.dl4j.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Collects the nodes, initialisers, inputs and outputs of one ONNX graph while a network is converted, and
 * hands out unique value names. Not thread-safe; one per export.
 */
final class OnnxGraph {
    /** Name of the free batch dimension of every input and output. */
    static final String BATCH = "batch";

    private final List<Onnx.NodeProto.Builder> nodes = new ArrayList<>();
    private final List<Onnx.TensorProto> initializers = new ArrayList<>();
    private final List<Onnx.ValueInfoProto> inputs = new ArrayList<>();
    private final List<Onnx.ValueInfoProto> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** A value name not used yet, derived from {@code hint}. */
    String fresh(String hint) {
        String base = hint.replaceAll("[^A-Za-z0-9_.:-]", "_");
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Adds a node; returns its (single) output. */
    String node(String op, String outputHint, List<String> nodeInputs, Onnx.AttributeProto... attributes) {
        String output = fresh(outputHint);
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder()
                .setOpType(op)
                .setName(fresh("node_" + output))
                .addAllInput(nodeInputs)
                .addOutput(output);
        for (Onnx.AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        nodes.add(node);
        return output;
    }

    /** A float tensor constant, row-major ('c') values. */
    String floats(String hint, float[] values, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(hint + ": " + values.length + " values for shape " + java.util.Arrays.toString(dims));
        }
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return tensor(hint, Onnx.TensorProto.DataType.FLOAT, bytes.array(), dims);
    }

    /** An int64 tensor constant (shapes, pads, axes). */
    String longs(String hint, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return tensor(hint, Onnx.TensorProto.DataType.INT64, bytes.array(), values.length);
    }

    private String tensor(String hint, Onnx.TensorProto.DataType type, byte[] raw, long... dims) {
        String name = fresh(hint);
        Onnx.TensorProto.Builder tensor = Onnx.TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            tensor.addDims(d);
        }
        initializers.add(tensor.build());
        return name;
    }

    /** Declares a float graph input of shape {@code [batch, dims...]}. */
    void input(String name, long... dims) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("Duplicate input name " + name);
        }
        inputs.add(valueInfo(name, dims));
    }

    /**
     * Declares {@code value} a graph output called {@code name}: the node that makes {@code value} is renamed
     * so that no extra node is needed.
     */
    void output(String value, String name, long... dims) {
        String finalName = value;
        if (!value.equals(name)) {
            Onnx.NodeProto.Builder producer = producerOf(value);
            boolean otherUse = isGraphInputOrOutput(value) || producer == null;
            if (otherUse || names.contains(name)) {
                // Cannot rename: add a copy under the wanted name (a graph input, or already an output).
                finalName = node("Identity", name, List.of(value));
            } else {
                names.add(name);
                rename(value, name);
                finalName = name;
            }
        }
        outputs.add(valueInfo(finalName, dims));
    }

    private boolean isGraphInputOrOutput(String value) {
        return inputs.stream().anyMatch(v -> v.getName().equals(value)) || outputs.stream().anyMatch(v -> v.getName().equals(value));
    }

    private Onnx.NodeProto.Builder producerOf(String value) {
        for (Onnx.NodeProto.Builder node : nodes) {
            if (node.getOutputList().contains(value)) {
                return node;
            }
        }
        return null;
    }

    private void rename(String from, String to) {
        for (Onnx.NodeProto.Builder node : nodes) {
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(from)) {
                    node.setInput(i, to);
                }
            }
            for (int i = 0; i < node.getOutputCount(); i++) {
                if (node.getOutput(i).equals(from)) {
                    node.setOutput(i, to);
                }
            }
        }
    }

    private static Onnx.ValueInfoProto valueInfo(String name, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long d : dims) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        Onnx.TypeProto type = Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /**
     * The graph built so far, without nodes and constants nothing reads (a conversion may write a node and then
     * read its input instead, as a fused upsampling and convolution does).
     */
    Onnx.GraphProto build(String graphName) {
        Set<String> read = new HashSet<>();
        outputs.forEach(o -> read.add(o.getName()));
        List<Onnx.NodeProto.Builder> kept = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) { // nodes are in topological order: readers come after
            Onnx.NodeProto.Builder node = nodes.get(i);
            if (node.getOutputList().stream().anyMatch(read::contains)) {
                kept.add(0, node);
                read.addAll(node.getInputList());
            }
        }
        Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName(graphName);
        for (Onnx.NodeProto.Builder node : kept) {
            graph.addNode(node.build());
        }
        initializers.stream().filter(t -> read.contains(t.getName())).forEach(graph::addInitializer);
        graph.addAllInput(inputs);
        graph.addAllOutput(outputs);
        return graph.build();
    }

    // Attributes.

    static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder attribute = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            attribute.addInts(v);
        }
        return attribute.build();
    }

    static Onnx.AttributeProto ints(String name, int... values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return ints(name, longs);
    }

    static Onnx.AttributeProto integer(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value).build();
    }

    static Onnx.AttributeProto real(String name, double value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    static Onnx.AttributeProto text(String name, String value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
