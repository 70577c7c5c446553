package dev.digits.data;

import dev.digits.DigitsException;
import dev.digits.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes IDX files of unsigned bytes, the format of MNIST, raw or gzip-compressed (recognised by
 * content, not by name).
 *
 * <p>Layout: two zero bytes, the type byte {@code 0x08} (unsigned byte), the number of dimensions, each
 * dimension as a big-endian 32-bit integer, then the data.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;
    /** The most bytes a gzip IDX file may unpack to (MNIST's largest is 47 MB): a small bomb must not fill memory. */
    static final int MAX_BYTES = 1 << 30;

    private Idx() {
    }

    /**
     * Reads an IDX file.
     *
     * @throws BadDataException when the file is missing, truncated, longer than announced, or not IDX
     */
    public static IdxData read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadDataException("IDX file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadDataException("Cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Reads IDX content, raw or gzip, from bytes.
     *
     * @param what names the source in error messages
     */
    public static IdxData parse(byte[] bytes, String what) {
        return parse(bytes, what, MAX_BYTES);
    }

    /** {@link #parse(byte[], String)} with another bound on the unpacked size. */
    static IdxData parse(byte[] bytes, String what, int maxBytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new BadDataException("IDX file " + what + " unpacks to more than " + maxBytes
                            + " bytes, more than any data set Digits reads; it is damaged or not what it claims");
                }
            } catch (IOException e) {
                throw new BadDataException("IDX file " + what + " is a damaged gzip file (" + e.getMessage()
                        + "); delete it and fetch it again", e);
            }
        }
        if (bytes.length < 4) {
            throw new BadDataException("IDX file " + what + " is truncated: " + bytes.length
                    + " bytes, not even the 4-byte magic number; delete it and fetch it again");
        }
        if (bytes[0] != 0 || bytes[1] != 0) {
            throw new BadDataException(String.format("%s is not an IDX file: its magic number starts with %02x %02x, not 00 00",
                    what, bytes[0] & 0xff, bytes[1] & 0xff));
        }
        int type = bytes[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new BadDataException(String.format("IDX file %s holds type 0x%02x; only unsigned bytes (0x08) are supported",
                    what, type));
        }
        int rank = bytes[3] & 0xff;
        if (rank == 0) {
            throw new BadDataException("IDX file " + what + " announces 0 dimensions; its magic number is damaged");
        }
        int headerSize = 4 + 4 * rank;
        if (bytes.length < headerSize) {
            throw new BadDataException("IDX file " + what + " is truncated inside its header (" + bytes.length
                    + " of " + headerSize + " bytes); delete it and fetch it again");
        }
        int[] dimensions = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            int offset = 4 + 4 * i;
            dimensions[i] = ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                    | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
            if (dimensions[i] < 0) {
                throw new BadDataException("IDX file " + what + " announces a negative dimension " + dimensions[i]);
            }
            try {
                size = Math.multiplyExact(size, dimensions[i]);
            } catch (ArithmeticException e) {
                // Wrapped arithmetic once let a 16-byte header claim 2^30 x 2^30 x 16 values and hold none.
                size = Long.MAX_VALUE;
            }
        }
        long available = bytes.length - (long) headerSize;
        if (size > Integer.MAX_VALUE - 8) {
            throw new BadDataException("IDX file " + what + " announces dimensions " + java.util.Arrays.toString(dimensions)
                    + ", more values than any IDX file can hold; its header is damaged");
        }
        if (available < size) {
            throw new BadDataException("IDX file " + what + " is truncated: its header announces " + size
                    + " bytes of data but it holds " + available + "; delete it and fetch it again");
        }
        if (available > size) {
            throw new BadDataException("IDX file " + what + " holds " + (available - size)
                    + " bytes more than its header announces (" + size + "); the counts in its header are wrong");
        }
        byte[] data = new byte[(int) size];
        System.arraycopy(bytes, headerSize, data, 0, data.length);
        return new IdxData(dimensions, data);
    }

    /**
     * Writes an IDX file atomically; gzip-compressed when {@code gzip} is true.
     *
     * @throws DigitsException when the file cannot be written
     */
    public static void write(Path file, IdxData idx, boolean gzip) {
        try {
            AtomicFiles.write(file, temporary -> {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    write(out, idx, gzip);
                }
            });
        } catch (IOException e) {
            throw new DigitsException(e.getMessage(), e);
        }
    }

    /** Writes IDX content to a stream (not closed). */
    public static void write(OutputStream target, IdxData idx, boolean gzip) throws IOException {
        OutputStream sink = gzip ? new GZIPOutputStream(nonClosing(target)) : nonClosing(target);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink))) {
            out.writeShort(0);
            out.writeByte(UNSIGNED_BYTE);
            out.writeByte(idx.dimensions().length);
            for (int d : idx.dimensions()) {
                out.writeInt(d);
            }
            out.write(idx.data());
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
