package dev.digits.preprocess;

import java.io.IOException;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a JPEG's frame marker without decoding: progressive JPEGs keep every DCT coefficient of the whole
 * picture in native memory until the last scan (about 2 bytes per pixel and colour component, whatever the
 * subsampling asked for), so they get a lower megapixel limit than baseline ones, which decode row by row.
 */
final class JpegFrames {
    /** Segments read before giving up on finding the frame marker. */
    private static final int MAX_SEGMENTS = 256;

    private JpegFrames() {
    }

    /**
     * What a JPEG's frame header says.
     *
     * @param progressive whether the coefficients come in several scans (kept whole in memory while decoding)
     * @param components  colour components: 1 gray, 3 YCbCr or RGB, 4 CMYK or YCCK
     */
    record Frame(boolean progressive, int components) {
        /** What is assumed when no frame header is found: the decoder will then report the damage itself. */
        static final Frame UNKNOWN = new Frame(false, 0);
    }

    /** The frame header of the JPEG at the stream's position; the stream's position is restored. */
    static Frame frame(ImageInputStream in) throws IOException {
        in.mark();
        try {
            if (in.read() != 0xFF || in.read() != 0xD8) {
                return Frame.UNKNOWN;
            }
            for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
                int marker = nextMarker(in);
                if (marker < 0 || marker == 0xDA || marker == 0xD9) {
                    return Frame.UNKNOWN;
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue;
                }
                int length = (in.read() << 8) | in.read();
                if (length < 2) {
                    return Frame.UNKNOWN;
                }
                if (isFrame(marker)) {
                    in.skipBytes(5); // precision (1), height (2), width (2)
                    int components = in.read();
                    return new Frame(marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE, components);
                }
                in.skipBytes(length - 2);
            }
            return Frame.UNKNOWN;
        } finally {
            in.reset();
        }
    }

    private static int nextMarker(ImageInputStream in) throws IOException {
        int b = in.read();
        if (b != 0xFF) {
            return -1;
        }
        do {
            b = in.read();
        } while (b == 0xFF);
        return b;
    }

    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }
}
