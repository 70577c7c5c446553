package dev.digits.onnx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what an ONNX file says about itself without a protobuf library: its metadata properties
 * ({@code ModelProto.metadata_props}) and the SHA-256 of its graph ({@code ModelProto.graph}). Enough for an
 * ONNX file exported by Digits to carry its own model card; digit-api stays free of protobuf and native code.
 */
final class OnnxMetadata {
    private static final int GRAPH_FIELD = 7;
    private static final int METADATA_FIELD = 14;

    private final Map<String, String> properties;
    private final String graphSha256;

    private OnnxMetadata(Map<String, String> properties, String graphSha256) {
        this.properties = properties;
        this.graphSha256 = graphSha256;
    }

    /**
     * Parses the top level of an ONNX {@code ModelProto}; empty when the bytes are not one (so the caller can
     * say what it expected).
     */
    public static Optional<OnnxMetadata> read(byte[] model) {
        try {
            ProtobufReader reader = new ProtobufReader(model, 0, model.length);
            Map<String, String> properties = new LinkedHashMap<>();
            String graph = null;
            while (reader.more()) {
                long tag = reader.varint();
                int field = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                if (wire == 2) {
                    int length = reader.length();
                    if (field == GRAPH_FIELD) {
                        graph = sha256(model, reader.position, length);
                    } else if (field == METADATA_FIELD) {
                        entry(new ProtobufReader(model, reader.position, reader.position + length), properties);
                    }
                    reader.skip(length);
                } else {
                    reader.skipValue(wire);
                }
            }
            return graph == null ? Optional.empty() : Optional.of(new OnnxMetadata(properties, graph));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static void entry(ProtobufReader reader, Map<String, String> properties) {
        String key = null;
        String value = "";
        while (reader.more()) {
            long tag = reader.varint();
            if ((tag & 7) != 2) {
                reader.skipValue((int) (tag & 7));
                continue;
            }
            int length = reader.length();
            String text = new String(reader.bytes, reader.position, length, StandardCharsets.UTF_8);
            reader.skip(length);
            if (tag >>> 3 == 1) {
                key = text;
            } else if (tag >>> 3 == 2) {
                value = text;
            }
        }
        if (key != null) {
            properties.put(key, value);
        }
    }

    /** The metadata properties, in file order. */
    public Map<String, String> properties() {
        return properties;
    }

    /** SHA-256 (hex) of the serialised graph. */
    public String graphSha256() {
        return graphSha256;
    }

    private static String sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
