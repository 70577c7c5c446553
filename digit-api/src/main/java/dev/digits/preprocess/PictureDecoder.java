package dev.digits.preprocess;

import dev.digits.BadImageException;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one picture file with memory bounded before anything large is allocated: only the listed formats,
 * dimensions checked against a per-format limit from the header, source subsampling so that the decoded
 * picture stays near {@link Pictures#DECODE_SIDE}, and any decoder warning (damaged or incomplete data)
 * turned into a refusal instead of a half-grey picture.
 */
final class PictureDecoder {
    private PictureDecoder() {
    }

    /** The formats Digits reads, with the most megapixels each may claim (see {@link Pictures} for why). */
    enum Format {
        PNG(Pictures.MAX_PIXELS_PNG),
        JPEG(Pictures.MAX_PIXELS_JPEG),
        GIF(Pictures.MAX_PIXELS_GIF),
        BMP(Pictures.MAX_PIXELS_BMP);

        final long maxPixels;

        Format(long maxPixels) {
            this.maxPixels = maxPixels;
        }

        static Format of(ImageReader reader) throws IOException {
            String name = reader.getFormatName().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "png" -> PNG;
                case "jpeg", "jpg" -> JPEG;
                case "gif" -> GIF;
                case "bmp" -> BMP;
                default -> null;
            };
        }
    }

    static BufferedImage decode(Path file, int decodeSide) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new BadImageException(file + " is not a picture Digits can decode; give a PNG, JPEG, GIF or BMP picture");
            }
            ImageReader reader = readers.next();
            try {
                Format format = Format.of(reader);
                if (format == null) {
                    throw new BadImageException(file + " is a " + reader.getFormatName().toUpperCase(Locale.ROOT)
                            + " picture, which Digits does not read; convert it to PNG, JPEG, GIF or BMP");
                }
                JpegFrames.Frame frame = format == Format.JPEG ? JpegFrames.frame(in) : JpegFrames.Frame.UNKNOWN;
                if (frame.components() == 4) {
                    // Java's decoder reads CMYK/YCCK ink wrongly (black-only ink came out blank): refuse, never guess.
                    throw new BadImageException(file + " is a CMYK JPEG (print colours), which Digits does not read;"
                            + " save it as an RGB or grayscale picture (PNG or JPEG) first");
                }
                long limit = frame.progressive() ? Pictures.MAX_PIXELS_PROGRESSIVE_JPEG : format.maxPixels;
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > Pictures.MAX_SIDE || height > Pictures.MAX_SIDE
                        || (long) width * height > limit) {
                    throw new BadImageException(file + " claims to be " + width + "x" + height + " pixels, beyond the "
                            + Pictures.MAX_SIDE + "-pixel side or the " + megapixels(limit) + "-megapixel limit for "
                            + describe(format, limit) + "; scale it down first");
                }
                long decodedBytes = (long) width * height * bitsPerPixel(reader) / 8;
                if (decodedBytes > Pictures.MAX_DECODED_BYTES) {
                    throw new BadImageException(file + " is " + width + "x" + height + " pixels of " + bitsPerPixel(reader)
                            + " bits, " + decodedBytes / 1_000_000 + " MB uncompressed, beyond the "
                            + Pictures.MAX_DECODED_BYTES / 1_000_000 + " MB Digits decodes; scale it down first");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = decodeSide > 0 ? Math.max(width, height) / decodeSide : 1;
                if (step >= 2) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(warningsInto(warnings));
                BufferedImage picture = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new BadImageException(file + " is damaged or incomplete (" + String.join("; ", warnings)
                            + "); it was not read, since a half-decoded picture gives a wrong answer. Give the whole file");
                }
                return picture;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadImageException bad) {
                throw bad;
            }
            String why = e instanceof EOFException ? "the file ends before its picture data does"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new BadImageException("Cannot decode " + file + " (" + why + "); it is damaged or not a PNG, JPEG,"
                    + " GIF or BMP picture", e);
        }
    }

    /** Bits per pixel of the file's own pixel layout; 32 when the decoder does not say. */
    private static int bitsPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw == null) {
            return 32;
        }
        int bits = 0;
        for (int size : raw.getSampleModel(1, 1).getSampleSize()) {
            bits += size;
        }
        return bits > 0 ? bits : 32;
    }

    private static String describe(Format format, long limit) {
        return format == Format.JPEG && limit == Pictures.MAX_PIXELS_PROGRESSIVE_JPEG ? "progressive JPEG" : format.name();
    }

    private static String megapixels(long pixels) {
        return Long.toString(pixels / 1_000_000);
    }

    private static IIOReadWarningListener warningsInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning == null ? "a decoder warning" : warning);
    }
}
