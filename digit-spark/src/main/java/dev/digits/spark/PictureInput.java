package dev.digits.spark;

import dev.digits.BadImageException;
import dev.digits.preprocess.Pictures;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * How a transformer's input column holds pictures: a picture file's bytes (the {@code content} column of Spark's
 * {@code binaryFile} source), decoded as {@code digits predict} decodes files, or an image struct of Spark's
 * {@code image} source (already decoded, BGR rows as OpenCV keeps them), or a picture file's path or URI, which the
 * executor reads itself: a local file as {@code digits predict} reads it, any other through Hadoop's file systems.
 * Paths are what the batch job gives: Spark's {@code binaryFile} source drops empty files, which would then get no row.
 */
enum PictureInput implements Serializable {
    FILE_BYTES,
    IMAGE_STRUCT,
    FILE_PATH;

    private static final List<String> IMAGE_FIELDS = List.of("origin", "height", "width", "nChannels", "mode", "data");

    /**
     * The kind of the column {@code name} in {@code schema}.
     *
     * @throws IllegalArgumentException when there is no such column or it holds neither bytes nor images
     */
    static PictureInput of(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("There is no input column '" + name + "' (the columns are "
                    + String.join(", ", schema.fieldNames()) + "); set inputCol to the column of picture bytes ("
                    + "content, from spark.read().format(\"binaryFile\")) or of images (image, from format(\"image\"))");
        }
        DataType type = schema.apply(name).dataType();
        if (type instanceof BinaryType) {
            return FILE_BYTES;
        }
        if (type instanceof StringType) {
            return FILE_PATH;
        }
        if (type instanceof StructType struct && Arrays.asList(struct.fieldNames()).containsAll(IMAGE_FIELDS)) {
            return IMAGE_STRUCT;
        }
        throw new IllegalArgumentException("The input column '" + name + "' is " + type.simpleString() + "; it must hold"
                + " a picture file's bytes (binary, as binaryFile's content), an image struct (as the image source's"
                + " image) or a picture file's path (string)");
    }

    /**
     * The picture in {@code row}'s field {@code index}, decoded with its file's size.
     *
     * @param fallbackName what to call the picture in messages when the row names none (its path, usually)
     * @throws BadImageException when the value is missing or is not a picture Digits reads
     */
    Pictures.Sized decode(Row row, int index, String fallbackName, HadoopFiles files) {
        if (row.isNullAt(index)) {
            throw new BadImageException(fallbackName + " has no picture (the input value is null)");
        }
        if (this == FILE_BYTES) {
            return Pictures.readSized((byte[]) row.get(index), fallbackName);
        }
        if (this == FILE_PATH) {
            return files.read(row.getString(index));
        }
        Row image = row.getStruct(index);
        BufferedImage picture = fromImageStruct(image, fallbackName);
        return new Pictures.Sized(picture, picture.getWidth(), picture.getHeight());
    }

    /** The name a row gives its picture: the image struct's origin, or {@code path} when the row has that column. */
    String name(Row row, int index, int pathIndex) {
        if (this == FILE_PATH && !row.isNullAt(index)) {
            return row.getString(index);
        }
        if (this == IMAGE_STRUCT && !row.isNullAt(index)) {
            String origin = row.getStruct(index).getAs("origin");
            if (origin != null && !origin.isEmpty()) {
                return origin;
            }
        }
        return pathIndex >= 0 && !row.isNullAt(pathIndex) ? row.getString(pathIndex) : "the picture in row " + row;
    }

    private static BufferedImage fromImageStruct(Row image, String name) {
        int height = image.<Integer>getAs("height");
        int width = image.<Integer>getAs("width");
        int channels = image.<Integer>getAs("nChannels");
        byte[] data = image.getAs("data");
        if (width <= 0 || height <= 0 || data == null) {
            throw new BadImageException(name + " is an empty or undecodable image (Spark's image source could not read"
                    + " it); read such files with the binaryFile source for a precise reason");
        }
        if ((long) width * height > Pictures.MAX_PIXELS_PNG || (long) width * height * channels != data.length) {
            throw new BadImageException(name + " is an image struct of " + width + "x" + height + "x" + channels
                    + " with " + data.length + " bytes of data, which do not agree or exceed "
                    + Pictures.MAX_PIXELS_PNG / 1_000_000 + " megapixels");
        }
        int type = switch (channels) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_3BYTE_BGR;
            case 4 -> BufferedImage.TYPE_4BYTE_ABGR;
            default -> throw new BadImageException(name + " has " + channels + " channels; images of 1, 3 or 4 are read");
        };
        BufferedImage picture = new BufferedImage(width, height, type);
        byte[] target = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
        if (channels == 4) {
            // Spark keeps BGRA; Java's 4-byte type is ABGR.
            for (int i = 0; i < data.length; i += 4) {
                target[i] = data[i + 3];
                target[i + 1] = data[i];
                target[i + 2] = data[i + 1];
                target[i + 3] = data[i + 2];
            }
        } else {
            System.arraycopy(data, 0, target, 0, data.length);
        }
        return picture;
    }
}
