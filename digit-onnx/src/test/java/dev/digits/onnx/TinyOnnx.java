package dev.digits.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models byte by byte, with a minimal protobuf encoder, so that digit-onnx's tests can make
 * models of any convention without DL4J or a protobuf library. Field numbers are those of onnx.proto.
 */
final class TinyOnnx {
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int inputType = FLOAT;

    /** A float input; a dimension of -1 is the free dimension {@code batch}. */
    TinyOnnx input(String name, long... dims) {
        inputs.add(valueInfo(name, inputType, dims));
        return this;
    }

    /** An int64 input (digit models must refuse it). */
    TinyOnnx int64Input(String name, long... dims) {
        inputs.add(valueInfo(name, INT64, dims));
        return this;
    }

    TinyOnnx output(String name, long... dims) {
        outputs.add(valueInfo(name, FLOAT, dims));
        return this;
    }

    /** A float constant, row-major. */
    TinyOnnx floats(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, FLOAT, raw.array(), dims));
        return this;
    }

    /**
     * A float constant kept outside the model, in the side file {@code location} (ONNX external data); the
     * caller writes {@link #raw(float[])} of the values there.
     */
    TinyOnnx externalFloats(String name, String location, int count, long... dims) {
        Message tensor = new Message();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, FLOAT).string(8, name)
                .message(13, new Message().string(1, "location").string(2, location).bytes())
                .message(13, new Message().string(1, "offset").string(2, "0").bytes())
                .message(13, new Message().string(1, "length").string(2, Integer.toString(count * 4)).bytes())
                .varint(14, 1);
        initializers.add(tensor.bytes());
        return this;
    }

    /** Floats as ONNX stores them: little-endian. */
    static byte[] raw(float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return raw.array();
    }

    /** An int64 constant (shapes, axes). */
    TinyOnnx longs(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, INT64, raw.array(), values.length));
        return this;
    }

    /** A node; attributes are {@code name, value} pairs with long, float or long[] values. */
    TinyOnnx node(String op, List<String> in, String out, Object... attributes) {
        Message node = new Message();
        for (String i : in) {
            node.string(1, i);
        }
        node.string(2, out).string(3, "n" + nodes.size()).string(4, op);
        for (int a = 0; a < attributes.length; a += 2) {
            Message attribute = new Message().string(1, (String) attributes[a]);
            Object value = attributes[a + 1];
            if (value instanceof Long l) {
                attribute.varint(3, l).varint(20, 2);
            } else if (value instanceof Float f) {
                attribute.fixed32(2, Float.floatToIntBits(f)).varint(20, 1);
            } else if (value instanceof long[] ints) {
                for (long v : ints) {
                    attribute.varint(8, v);
                }
                attribute.varint(20, 7);
            } else {
                throw new IllegalArgumentException("attribute value " + value);
            }
            node.message(5, attribute.bytes());
        }
        nodes.add(node.bytes());
        return this;
    }

    /** The model: IR 8, opset 13. */
    byte[] bytes() {
        Message graph = new Message();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "tiny");
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        return new Message()
                .varint(1, 8)
                .message(8, new Message().string(1, "").varint(2, 13).bytes())
                .message(7, graph.bytes())
                .bytes();
    }

    private static byte[] tensor(String name, int type, byte[] raw, long... dims) {
        Message tensor = new Message();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        return tensor.varint(2, type).string(8, name).bytes(9, raw).bytes();
    }

    private static byte[] valueInfo(String name, int type, long... dims) {
        Message shape = new Message();
        for (long d : dims) {
            shape.message(1, d < 0 ? new Message().string(2, "batch").bytes() : new Message().varint(1, d).bytes());
        }
        Message tensorType = new Message().varint(1, type).message(2, shape.bytes());
        return new Message().string(1, name).message(2, new Message().message(1, tensorType.bytes()).bytes()).bytes();
    }

    /** A protobuf message being written. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            tag(field, 0);
            raw(value);
            return this;
        }

        Message fixed32(int field, int value) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write((value >>> (8 * i)) & 0xff);
            }
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, byte[] value) {
            return bytes(field, value);
        }

        Message bytes(int field, byte[] value) {
            tag(field, 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
