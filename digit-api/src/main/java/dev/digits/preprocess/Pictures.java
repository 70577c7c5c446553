package dev.digits.preprocess;

import dev.digits.Box;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import dev.digits.BadImageException;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads picture files for digit reading: checks the dimensions before decoding, decodes large pictures
 * at reduced size, and turns phone photos upright by their EXIF orientation.
 */
public final class Pictures {
    /** Pictures with more pixels than this are refused before decoding, whatever their format. */
    public static final long MAX_PIXELS = 250_000_000L;
    /** PNG pictures with more pixels than this are refused before decoding. */
    public static final long MAX_PIXELS_PNG = 50_000_000L;
    /** Baseline JPEG pictures with more pixels than this are refused before decoding. */
    public static final long MAX_PIXELS_JPEG = 100_000_000L;
    /**
     * Progressive JPEG pictures with more pixels than this are refused before decoding: the decoder keeps all
     * their coefficients in native memory (about 2 bytes per pixel and component), beyond {@code -Xmx}.
     */
    public static final long MAX_PIXELS_PROGRESSIVE_JPEG = 16_000_000L;
    /**
     * Pictures whose pixel data, uncompressed at full size, would exceed this many bytes are refused before
     * decoding: the decoders still inflate every byte even when they keep only a subsample, and time grows with it.
     */
    public static final long MAX_DECODED_BYTES = 200_000_000L;
    /** GIF pictures with more pixels than this are refused before decoding. */
    public static final long MAX_PIXELS_GIF = 25_000_000L;
    /** BMP pictures with more pixels than this are refused before decoding. */
    public static final long MAX_PIXELS_BMP = 50_000_000L;
    /** Pictures with a longer side than this are refused before decoding. */
    public static final int MAX_SIDE = 50_000;
    /**
     * Pictures are decoded with subsampling so that they keep about this squared pixels (at most four times as
     * many): by area, so that a long thin line of digits keeps its height.
     */
    public static final int DECODE_SIDE = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Pictures.class);

    private Pictures() {
    }

    /**
     * Decodes a PNG, JPEG, GIF or BMP file, upright, reduced by subsampling (an integer step in both directions)
     * to about {@link #DECODE_SIDE} squared pixels when it has at least four times as many; smaller pictures
     * are decoded whole. Use {@link #readSized(Path)} to map positions back onto the file's pixels.
     *
     * <p><b>Memory.</b> The limits are checked from the file's header, before any pixel is decoded: the format's
     * megapixel limit ({@link #MAX_PIXELS_PNG}, {@link #MAX_PIXELS_JPEG}, {@link #MAX_PIXELS_PROGRESSIVE_JPEG},
     * {@link #MAX_PIXELS_GIF}, {@link #MAX_PIXELS_BMP}) and {@link #MAX_DECODED_BYTES}. Decoding then holds the
     * subsampled picture (under 4 × {@link #DECODE_SIDE} squared pixels, under 17 MB at 4 bytes each) and
     * the decoder's row buffers; a progressive JPEG also holds its coefficients in native memory, which
     * {@code -Xmx} does not bound: at most 2 bytes per pixel and colour component, 96 MB at the 16-megapixel
     * limit. Measured peak resident memory of a whole {@code digits predict} run with {@code -Xmx1g}, on the
     * worst files of each kind: under 300 MB (see docs/reliability.md).
     *
     * @throws BadImageException when the file is missing, unreadable, not a picture Java can decode, or
     *                           absurdly large
     */
    public static BufferedImage read(Path file) {
        return read(file, DECODE_SIDE);
    }

    /**
     * Like {@link #read(Path)}, with the decoding size chosen by the caller; 0 decodes at full size.
     */
    public static BufferedImage read(Path file, int decodeSide) {
        if (!Files.isRegularFile(file)) {
            throw new BadImageException(java.nio.file.Files.isDirectory(file)
                    ? file + " is a folder, not a picture; give the pictures in it (digits predict and read take a folder"
                    + " of pictures), or a labelled folder with its manifest to evaluate --images"
                    : "Picture " + file + " does not exist or is not a file");
        }
        BufferedImage picture = PictureDecoder.decode(file, decodeSide);
        return upright(picture, exifOrientation(file));
    }

    /**
     * Decodes a picture file's bytes exactly as {@link #read(Path)} decodes the file (same limits, same
     * subsampling, same EXIF orientation, so the same answers), for programs that hold pictures in memory: a web
     * upload, the {@code content} column of Spark's {@code binaryFile} source.
     *
     * @param bytes the whole file
     * @param name  what to call the picture in messages (its path or URL)
     * @throws BadImageException as {@link #read(Path)} does; also for empty bytes
     */
    public static BufferedImage read(byte[] bytes, String name) {
        return readSized(bytes, name).picture();
    }

    /**
     * Decodes a picture file's bytes as {@link #read(byte[], String)} does and says the file's own size, as
     * {@link #readSized(Path)} does.
     *
     * @throws BadImageException as {@link #read(byte[], String)} does
     */
    public static Sized readSized(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new BadImageException(name + " is empty (0 bytes), not a picture; give a PNG, JPEG, GIF or BMP picture");
        }
        PictureDecoder.Decoded decoded = PictureDecoder.decodeWithSize(bytes, name, DECODE_SIDE);
        return sized(decoded, exifOrientation(bytes, name));
    }

    private static Sized sized(PictureDecoder.Decoded decoded, int orientation) {
        boolean swap = orientation >= 5 && orientation <= 8;
        return new Sized(upright(decoded.picture(), orientation), swap ? decoded.height() : decoded.width(),
                swap ? decoded.width() : decoded.height());
    }

    /**
     * A picture decoded as {@link #read(Path)} does, with the size of the file's own (upright) picture: what a
     * position in the decoded picture is in the file's pixels.
     *
     * @param picture    the decoded picture, upright
     * @param fileWidth  the file's picture width, upright
     * @param fileHeight the file's picture height, upright
     */
    public record Sized(BufferedImage picture, int fileWidth, int fileHeight) {
        /** A box in the decoded picture, in the file's pixels. */
        public Box toFile(Box box) {
            double sx = (double) fileWidth / picture.getWidth();
            double sy = (double) fileHeight / picture.getHeight();
            if (sx == 1 && sy == 1) {
                return box;
            }
            int x = (int) Math.round(box.x() * sx);
            int y = (int) Math.round(box.y() * sy);
            return new Box(x, y, Math.max(1, (int) Math.round(box.right() * sx) - x),
                    Math.max(1, (int) Math.round(box.bottom() * sy) - y));
        }
    }

    /**
     * Decodes as {@link #read(Path)} does (the same picture, so the same answers) and says the file's own size.
     *
     * @throws BadImageException as {@link #read(Path)} does
     */
    public static Sized readSized(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadImageException(java.nio.file.Files.isDirectory(file)
                    ? file + " is a folder, not a picture; give the pictures in it (digits predict and read take a folder"
                    + " of pictures), or a labelled folder with its manifest to evaluate --images"
                    : "Picture " + file + " does not exist or is not a file");
        }
        return sized(PictureDecoder.decodeWithSize(file, DECODE_SIDE), exifOrientation(file));
    }

    /** The EXIF orientation (1 to 8), 1 when there is none. */
    static int exifOrientation(Path file) {
        try {
            return exifOrientation(isJpeg(file)
                    ? JpegSegmentReader.readSegments(file.toFile(), List.of(JpegSegmentType.APP1)) : null,
                    () -> ImageMetadataReader.readMetadata(file.toFile()));
        } catch (Exception e) {
            LOG.debug("No EXIF orientation in {}: {}", file, e.toString());
            return 1;
        }
    }

    private static int exifOrientation(byte[] bytes, String name) {
        try {
            boolean jpeg = bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
            return exifOrientation(jpeg
                    ? JpegSegmentReader.readSegments(new SequentialByteArrayReader(bytes), List.of(JpegSegmentType.APP1))
                    : null, () -> ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length));
        } catch (Exception e) {
            LOG.debug("No EXIF orientation in {}: {}", name, e.toString());
            return 1;
        }
    }

    private interface MetadataSource {
        Metadata read() throws Exception;
    }

    /** The orientation in a JPEG's APP1 segments when given, else in the metadata the general reader finds. */
    private static int exifOrientation(JpegSegmentData jpegSegments, MetadataSource general) throws Exception {
        // A JPEG's orientation is in its EXIF segment: reading only that skips the other readers' classes, which
        // cost a cold start about 80 ms. Other formats rarely carry EXIF; they get the general reader.
        Metadata metadata;
        if (jpegSegments != null) {
            metadata = new Metadata();
            new ExifReader().readJpegSegments(jpegSegments.getSegments(JpegSegmentType.APP1), metadata, JpegSegmentType.APP1);
        } else {
            metadata = general.read();
        }
        ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return orientation >= 1 && orientation <= 8 ? orientation : 1;
        }
        return 1;
    }

    private static boolean isJpeg(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0xFF && in.read() == 0xD8;
        }
    }

    /**
     * Turns a picture upright according to an EXIF orientation: 1 as is, 2 mirrored, 3 rotated 180°,
     * 4 flipped, 5 transposed, 6 rotated 90° clockwise, 7 transversed, 8 rotated 90° anticlockwise.
     * Works on the raster, so gray values are not passed through a colour conversion.
     */
    public static BufferedImage upright(BufferedImage picture, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return picture;
        }
        int w = picture.getWidth();
        int h = picture.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            default -> t.setTransform(0, -1, 1, 0, 0, w);
        }
        boolean swap = orientation >= 5;
        WritableRaster source = picture.getRaster();
        WritableRaster target = source.createCompatibleWritableRaster(swap ? h : w, swap ? w : h);
        double[] point = new double[2];
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                point[0] = x + 0.5;
                point[1] = y + 0.5;
                t.transform(point, 0, point, 0, 1);
                pixel = source.getDataElements(x, y, pixel);
                target.setDataElements((int) point[0], (int) point[1], pixel);
            }
        }
        return new BufferedImage(picture.getColorModel(), target, picture.isAlphaPremultiplied(), null);
    }
}
