package dev.digits.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.BadImageException;
import dev.digits.BadModelFileException;
import dev.digits.CardSchema;
import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import java.io.ByteArrayOutputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A classifier's penultimate features on ONNX Runtime: the input of its last dense layer (for the bundled
 * classifier, the 128 values after the hidden layer's batch normalisation and ReLU), the same values the DL4J
 * backend's {@code ClassifierFeatures} gives. The generator's FID and diversity are measured on them. The verified
 * model's graph is given that tensor as a second output in memory; the file is not changed. Pictures run in
 * batches of {@value #BATCH}, each batch's tensors freed before the next, so memory stays bounded. Safe for
 * concurrent use (ONNX Runtime sessions are); {@link #close()} frees the session.
 */
public final class OnnxFeatures implements AutoCloseable {
    private static final int BATCH = 500;

    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final String input;
    private final String features;
    private final CardSchema.PictureInput mapping;

    private OnnxFeatures(OrtSession.SessionOptions options, OrtSession session, String input, String features,
                         CardSchema.PictureInput mapping) {
        this.options = options;
        this.session = session;
        this.input = input;
        this.features = features;
        this.mapping = mapping;
    }

    /**
     * The features of a classifier in ONNX form, e.g. {@link ModelSource#CLASSIFIER}.
     *
     * @throws BadModelFileException when the model is not an ONNX classifier with a dense layer
     */
    public static OnnxFeatures of(ModelSource classifier) {
        LoadedModel model = LoadedModel.resolve(classifier, Task.CLASSIFY, new OnnxBackend());
        OnnxSessions.requireVerifiedSideFiles(model);
        byte[] bytes = model.bytes();
        OnnxGraph graph = OnnxGraph.read(bytes, model.description());
        String tensor = graph.featureTensor();
        OrtEnvironment environment = OnnxBackend.environment();
        OrtSession.SessionOptions options = OnnxClassifier.sessionOptions(OnnxOptions.fromSystemProperties());
        try {
            OrtSession session = environment.createSession(graph.withOutput(tensor), options);
            return new OnnxFeatures(options, session, session.getInputNames().iterator().next(), tensor,
                    CardSchema.PictureInput.of(model.card()));
        } catch (OrtException e) {
            options.close();
            throw new BadModelFileException(model.description() + " does not give its features (" + e.getMessage() + ")", e);
        }
    }

    /** The name of the tensor taken as features. */
    public String featureTensor() {
        return features;
    }

    /**
     * One row of features per picture.
     *
     * @throws BadImageException when a picture is not in MNIST form
     */
    public float[][] of(List<DigitImage> pictures) {
        float[][] rows = new float[pictures.size()][];
        int values = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;
        OrtEnvironment environment = OnnxBackend.environment();
        for (int from = 0; from < pictures.size(); from += BATCH) {
            int n = Math.min(BATCH, pictures.size() - from);
            float[] pixels = new float[n * values];
            for (int i = 0; i < n; i++) {
                DigitImage picture = pictures.get(from + i);
                if (!picture.isMnistForm()) {
                    throw new BadImageException("Picture " + (from + i) + " is " + picture + "; features need MNIST form");
                }
                picture.copyPixelsTo(pixels, i * values);
                if (!mapping.isIdentity()) {
                    mapping.transform(pixels, i * values);
                }
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
                    new long[]{n, 1, DigitImage.MNIST_SIZE, DigitImage.MNIST_SIZE});
                 OrtSession.Result result = session.run(Map.of(input, tensor), java.util.Set.of(features))) {
                float[][] batch = (float[][]) result.get(0).getValue();
                System.arraycopy(batch, 0, rows, from, n);
            } catch (OrtException e) {
                throw new DigitsException("ONNX Runtime failed on the features of pictures " + from + " to "
                        + (from + n - 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new DigitsException("Cannot close the features' ONNX session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }

    /** The parts of an ONNX model's protobuf this class reads and extends. */
    static final class OnnxGraph {
        private static final int MODEL_GRAPH = 7;
        private static final int GRAPH_NODE = 1;
        private static final int GRAPH_OUTPUT = 12;
        private static final int NODE_INPUT = 1;
        private static final int NODE_OUTPUT = 2;
        private static final int NODE_OP_TYPE = 4;

        private final byte[] model;
        private final String description;
        private final int graphKey;
        private final int graphStart;
        private final int graphEnd;

        private OnnxGraph(byte[] model, String description, int graphKey, int graphStart, int graphEnd) {
            this.model = model;
            this.description = description;
            this.graphKey = graphKey;
            this.graphStart = graphStart;
            this.graphEnd = graphEnd;
        }

        static OnnxGraph read(byte[] model, String description) {
            try {
                ProtobufReader reader = new ProtobufReader(model, 0, model.length);
                while (reader.more()) {
                    int key = reader.position;
                    long tag = reader.varint();
                    int wire = (int) (tag & 7);
                    if (wire == 2) {
                        int length = reader.length();
                        if (tag >>> 3 == MODEL_GRAPH) {
                            return new OnnxGraph(model, description, key, reader.position, reader.position + length);
                        }
                        reader.skip(length);
                    } else {
                        reader.skipValue(wire);
                    }
                }
            } catch (IllegalStateException e) {
                throw new BadModelFileException(description + " is not a valid ONNX model (" + e.getMessage() + ")", e);
            }
            throw new BadModelFileException(description + " has no graph");
        }

        /**
         * The features a classifier's output layer weighs: the first input of the Gemm or MatMul node whose output
         * the first Softmax takes (in an ensemble, its first member's; in a guarded one, an unchanged ten-digit
         * classifier's), else of the last Gemm or MatMul node.
         */
        String featureTensor() {
            List<Node> nodes = new ArrayList<>();
            try {
                ProtobufReader graph = new ProtobufReader(model, graphStart, graphEnd);
                while (graph.more()) {
                    long tag = graph.varint();
                    int wire = (int) (tag & 7);
                    if (wire != 2) {
                        graph.skipValue(wire);
                        continue;
                    }
                    int length = graph.length();
                    if (tag >>> 3 == GRAPH_NODE) {
                        nodes.add(node(new ProtobufReader(model, graph.position, graph.position + length)));
                    }
                    graph.skip(length);
                }
            } catch (IllegalStateException e) {
                throw new BadModelFileException(description + " is not a valid ONNX model (" + e.getMessage() + ")", e);
            }
            Node softmax = nodes.stream().filter(n -> "Softmax".equals(n.op())).findFirst().orElse(null);
            if (softmax != null) {
                for (Node node : nodes) {
                    if (node.dense() && node.output() != null && node.output().equals(softmax.input())) {
                        return node.input();
                    }
                }
            }
            String last = null;
            for (Node node : nodes) {
                last = node.dense() ? node.input() : last;
            }
            if (last == null) {
                throw new BadModelFileException(description + " has no dense layer (Gemm or MatMul) to take features from");
            }
            return last;
        }

        /** A node's operator, first input and first output. */
        private record Node(String op, String input, String output) {
            boolean dense() {
                return "Gemm".equals(op) || "MatMul".equals(op);
            }
        }

        private static Node node(ProtobufReader node) {
            String input = null;
            String output = null;
            String op = null;
            while (node.more()) {
                long tag = node.varint();
                int wire = (int) (tag & 7);
                if (wire != 2) {
                    node.skipValue(wire);
                    continue;
                }
                int length = node.length();
                String text = new String(node.bytes, node.position, length, StandardCharsets.UTF_8);
                if (tag >>> 3 == NODE_INPUT && input == null) {
                    input = text;
                } else if (tag >>> 3 == NODE_OUTPUT && output == null) {
                    output = text;
                } else if (tag >>> 3 == NODE_OP_TYPE) {
                    op = text;
                }
                node.skip(length);
            }
            return new Node(op, input, output);
        }

        /** The model with {@code tensor} added to its graph's outputs (its type is inferred by ONNX Runtime). */
        byte[] withOutput(String tensor) {
            byte[] name = tensor.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream valueInfo = new ByteArrayOutputStream();
            valueInfo.write(1 << 3 | 2);
            varint(valueInfo, name.length);
            valueInfo.writeBytes(name);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            output.write(GRAPH_OUTPUT << 3 | 2);
            varint(output, valueInfo.size());
            output.writeBytes(valueInfo.toByteArray());
            ByteArrayOutputStream extended = new ByteArrayOutputStream(model.length + 64);
            extended.write(model, 0, graphKey);
            extended.write(MODEL_GRAPH << 3 | 2);
            varint(extended, graphEnd - graphStart + output.size());
            extended.write(model, graphStart, graphEnd - graphStart);
            extended.writeBytes(output.toByteArray());
            extended.write(model, graphEnd, model.length - graphEnd);
            return extended.toByteArray();
        }

        private static void varint(ByteArrayOutputStream out, long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) ((value & 0x7f) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
