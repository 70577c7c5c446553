package dev.digits.onnx;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the side files an ONNX model reads its weights from ("external data": tensors whose
 * {@code data_location} is {@code EXTERNAL}, with a {@code location} relative to the model file). A model that
 * names side files is only safe to run when each of them is found beside the model and checked, so the loader
 * must know them before ONNX Runtime does. Walks every place a tensor can sit: initializers, sparse
 * initializers, node attributes (tensors and subgraphs, at any depth) and functions.
 */
final class OnnxExternalData {
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_FUNCTIONS = 25;
    private static final int MODEL_TRAINING_INFO = 20;
    private static final int TRAINING_INFO_INITIALIZATION = 1;
    private static final int TRAINING_INFO_ALGORITHM = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_SPARSE_INITIALIZER = 15;
    private static final int FUNCTION_NODE = 7;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int ATTRIBUTE_GRAPH = 6;
    private static final int ATTRIBUTE_TENSORS = 10;
    private static final int ATTRIBUTE_GRAPHS = 11;
    private static final int ATTRIBUTE_SPARSE_TENSOR = 22;
    private static final int ATTRIBUTE_SPARSE_TENSORS = 23;
    private static final int SPARSE_VALUES = 1;
    private static final int SPARSE_INDICES = 2;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int DATA_LOCATION_EXTERNAL = 1;
    /** Subgraphs deeper than this are refused as hostile rather than walked (protobuf's own default limit). */
    private static final int MAX_DEPTH = 100;

    private OnnxExternalData() {
    }

    /**
     * The side-file locations the model names, as written in the file, in file order without repeats; empty
     * for a model that keeps all its weights inside.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed ONNX model
     */
    public static Set<String> locations(byte[] model) {
        Set<String> locations = new LinkedHashSet<>();
        try {
            ProtobufReader reader = new ProtobufReader(model, 0, model.length);
            while (reader.more()) {
                Field field = Field.next(reader);
                if (field.number == MODEL_GRAPH && field.isMessage()) {
                    graph(field.message(reader), locations, 0);
                } else if (field.number == MODEL_FUNCTIONS && field.isMessage()) {
                    nodes(field.message(reader), FUNCTION_NODE, locations, 0);
                } else if (field.number == MODEL_TRAINING_INFO && field.isMessage()) {
                    trainingInfo(field.message(reader), locations);
                } else {
                    field.skip(reader);
                }
            }
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("not a well-formed ONNX model (" + e.getMessage() + ")", e);
        }
        return locations;
    }

    private static void trainingInfo(ProtobufReader reader, Set<String> locations) {
        while (reader.more()) {
            Field field = Field.next(reader);
            if ((field.number == TRAINING_INFO_INITIALIZATION || field.number == TRAINING_INFO_ALGORITHM) && field.isMessage()) {
                graph(field.message(reader), locations, 1);
            } else {
                field.skip(reader);
            }
        }
    }

    private static void graph(ProtobufReader reader, Set<String> locations, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("subgraphs nested deeper than " + MAX_DEPTH);
        }
        while (reader.more()) {
            Field field = Field.next(reader);
            if (field.number == GRAPH_INITIALIZER && field.isMessage()) {
                tensor(field.message(reader), locations);
            } else if (field.number == GRAPH_SPARSE_INITIALIZER && field.isMessage()) {
                sparseTensor(field.message(reader), locations);
            } else if (field.number == GRAPH_NODE && field.isMessage()) {
                node(field.message(reader), locations, depth);
            } else {
                field.skip(reader);
            }
        }
    }

    private static void nodes(ProtobufReader reader, int nodeField, Set<String> locations, int depth) {
        while (reader.more()) {
            Field field = Field.next(reader);
            if (field.number == nodeField && field.isMessage()) {
                node(field.message(reader), locations, depth);
            } else {
                field.skip(reader);
            }
        }
    }

    private static void node(ProtobufReader reader, Set<String> locations, int depth) {
        while (reader.more()) {
            Field field = Field.next(reader);
            if (field.number == NODE_ATTRIBUTE && field.isMessage()) {
                attribute(field.message(reader), locations, depth);
            } else {
                field.skip(reader);
            }
        }
    }

    private static void attribute(ProtobufReader reader, Set<String> locations, int depth) {
        while (reader.more()) {
            Field field = Field.next(reader);
            if (!field.isMessage()) {
                field.skip(reader);
            } else if (field.number == ATTRIBUTE_TENSOR || field.number == ATTRIBUTE_TENSORS) {
                tensor(field.message(reader), locations);
            } else if (field.number == ATTRIBUTE_SPARSE_TENSOR || field.number == ATTRIBUTE_SPARSE_TENSORS) {
                sparseTensor(field.message(reader), locations);
            } else if (field.number == ATTRIBUTE_GRAPH || field.number == ATTRIBUTE_GRAPHS) {
                graph(field.message(reader), locations, depth + 1);
            } else {
                field.skip(reader);
            }
        }
    }

    private static void sparseTensor(ProtobufReader reader, Set<String> locations) {
        while (reader.more()) {
            Field field = Field.next(reader);
            if ((field.number == SPARSE_VALUES || field.number == SPARSE_INDICES) && field.isMessage()) {
                tensor(field.message(reader), locations);
            } else {
                field.skip(reader);
            }
        }
    }

    private static void tensor(ProtobufReader reader, Set<String> locations) {
        boolean external = false;
        String location = null;
        while (reader.more()) {
            Field field = Field.next(reader);
            if (field.number == TENSOR_DATA_LOCATION && field.wire == 0) {
                external = reader.varint() == DATA_LOCATION_EXTERNAL;
            } else if (field.number == TENSOR_EXTERNAL_DATA && field.isMessage()) {
                String[] entry = keyValue(field.message(reader));
                if ("location".equals(entry[0])) {
                    location = entry[1];
                }
            } else {
                field.skip(reader);
            }
        }
        if (external || location != null) {
            if (location == null) {
                throw new IllegalStateException("a tensor stored outside the file names no location");
            }
            locations.add(location);
        }
    }

    private static String[] keyValue(ProtobufReader reader) {
        String[] entry = new String[2];
        while (reader.more()) {
            Field field = Field.next(reader);
            if ((field.number == 1 || field.number == 2) && field.isMessage()) {
                ProtobufReader text = field.message(reader);
                entry[field.number - 1] = new String(text.bytes, text.position, text.end - text.position, StandardCharsets.UTF_8);
            } else {
                field.skip(reader);
            }
        }
        return entry;
    }

    /** One field's tag; a length-delimited field's body is taken with {@link #message}, others skipped. */
    private record Field(int number, int wire) {
        static Field next(ProtobufReader reader) {
            long tag = reader.varint();
            return new Field((int) (tag >>> 3), (int) (tag & 7));
        }

        boolean isMessage() {
            return wire == 2;
        }

        ProtobufReader message(ProtobufReader reader) {
            int length = reader.length();
            ProtobufReader body = new ProtobufReader(reader.bytes, reader.position, reader.position + length);
            reader.skip(length);
            return body;
        }

        void skip(ProtobufReader reader) {
            if (wire == 2) {
                reader.skip(reader.length());
            } else {
                reader.skipValue(wire);
            }
        }
    }
}
