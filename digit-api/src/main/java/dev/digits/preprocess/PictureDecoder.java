package dev.digits.preprocess;

import dev.digits.BadImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import javax.imageio.stream.MemoryCacheImageInputStream;

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

    /**
     * A decoded picture and the size the file gives (before EXIF orientation), to map positions back onto it.
     *
     * @param picture the decoded, possibly subsampled picture
     * @param width   the file's width in pixels
     * @param height  the file's height in pixels
     */
    record Decoded(BufferedImage picture, int width, int height) {
    }

    static BufferedImage decode(Path file, int decodeSide) {
        return decodeWithSize(file, decodeSide).picture();
    }

    /**
     * The subsampling step for a picture of {@code width × height}: the largest that keeps about
     * {@code decodeSide²} pixels. By area, not by the longer side: a long line of digits (2700×140) must keep the
     * height its digits have, or the reader sees smudges; a square photo is reduced as before.
     */
    static int step(int width, int height, int decodeSide) {
        if (decodeSide <= 0) {
            return 1;
        }
        return Math.max(1, (int) (Math.sqrt((double) width * height) / decodeSide));
    }

    static Decoded decodeWithSize(Path file, int decodeSide) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString(), decodeSide);
        } catch (IOException e) {
            throw cannotDecode(file.toString(), e);
        }
    }

    /** Like {@link #decodeWithSize(Path, int)}, on a picture file's bytes; {@code name} says which in messages. */
    static Decoded decodeWithSize(byte[] bytes, String name, int decodeSide) {
        // In memory, not through ImageIO's default stream, which caches in a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return decode(in, name, decodeSide);
        } catch (IOException e) {
            throw cannotDecode(name, e);
        }
    }

    private static Decoded decode(ImageInputStream in, String file, int decodeSide) {
        try {
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
                int step = step(width, height, decodeSide);
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
                return new Decoded(picture, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadImageException bad) {
                throw bad;
            }
            throw cannotDecode(file, e);
        }
    }

    private static BadImageException cannotDecode(String file, Exception e) {
        String why = e instanceof EOFException ? "the file ends before its picture data does"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new BadImageException("Cannot decode " + file + " (" + why + "); it is damaged or not a PNG, JPEG,"
                + " GIF or BMP picture", e);
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
