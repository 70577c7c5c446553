package dev.digits.onnx;

/**
 * A cursor over protobuf wire format, enough to read ONNX files without a protobuf library; throws
 * {@link IllegalStateException} on malformed input.
 */
final class ProtobufReader {
    final byte[] bytes;
    int position;
    final int end;

    ProtobufReader(byte[] bytes, int position, int end) {
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
