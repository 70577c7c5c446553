package dev.digits.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the tar format to find one regular file in an npm package. A library would add a
 * dependency to digit-api for some forty lines.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /** Skips entries until the regular file named {@code path}; returns its size, or -1 when there is none. */
    static long seek(InputStream in, String path) throws IOException {
        byte[] header = new byte[BLOCK];
        while (readFully(in, header)) {
            if (header[0] == 0) {
                return -1;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            String fullName = prefix.isEmpty() ? name : prefix + "/" + name;
            String sizeField = field(header, 124, 12).trim();
            long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            char type = (char) header[156];
            if ((type == '0' || type == 0) && fullName.equals(path)) {
                return size;
            }
            in.skipNBytes((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        return -1;
    }

    /** A stream over the next {@code size} bytes of {@code in}: the content of the entry {@link #seek} found. */
    static InputStream entry(InputStream in, long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new IOException("tar archive is truncated");
        }
        return true;
    }
}
