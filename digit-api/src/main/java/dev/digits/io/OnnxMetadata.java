package dev.digits.io;

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
public final class OnnxMetadata {
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
            Reader reader = new Reader(model, 0, model.length);
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
                        entry(new Reader(model, reader.position, reader.position + length), properties);
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

    private static void entry(Reader reader, Map<String, String> properties) {
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

    /** A cursor over protobuf wire format; throws IllegalStateException on malformed input. */
    private static final class Reader {
        final byte[] bytes;
        int position;
        final int end;

        Reader(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IllegalStateException("truncated varint");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint too long");
        }

        int length() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw new IllegalStateException("length past the end");
            }
            return (int) length;
        }

        void skip(int count) {
            position += count;
        }

        void skipValue(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> skipFixed(8);
                case 5 -> skipFixed(4);
                default -> throw new IllegalStateException("unsupported wire type " + wire);
            }
        }

        private void skipFixed(int count) {
            if (end - position < count) {
                throw new IllegalStateException("truncated");
            }
            position += count;
        }
    }
}
