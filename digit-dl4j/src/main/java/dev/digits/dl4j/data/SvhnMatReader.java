package dev.digits.dl4j.data;

import dev.digits.data.BadDataException;
import dev.digits.data.DigitDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Reads SVHN's "cropped digits" files ({@code train_32x32.mat}, {@code test_32x32.mat}, {@code extra_32x32.mat}),
 * MATLAB MAT v5 files read with the MAT File Library ({@code us.hebi.matlab.mat:mfl-core}).
 *
 * <p>Such a file holds two variables: {@code X}, unsigned bytes of shape 32×32×3×N (row, column, colour channel,
 * picture), stored column-major as MATLAB stores every array, so the row index runs fastest; and {@code y}, N×1
 * digit labels where 10 stands for the digit 0. The result is a {@link DigitDataset} of N colour pictures, 32
 * wide and 32 high, stored row by row with red, green and blue side by side, labels 0 to 9; call
 * {@link DigitDataset#grayscale()} for gray pictures. Stateless and thread-safe.
 */
public final class SvhnMatReader {
    /** Side of SVHN's cropped digits. */
    public static final int SIDE = 32;
    /** The pictures' variable. */
    public static final String PICTURES = "X";
    /** The labels' variable. */
    public static final String LABELS = "y";

    private SvhnMatReader() {
    }

    /**
     * Reads one SVHN file as colour pictures.
     *
     * @throws BadDataException when the file is missing, truncated, not a MAT v5 file, or does not hold {@code X}
     *                          and {@code y} of SVHN's shapes and types; the message says what to do
     */
    public static DigitDataset read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadDataException("SVHN file " + file + " does not exist; download it from the SVHN site"
                    + " (see dev.digits.data.Svhn) or name the right file");
        }
        MatFile mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new BadDataException(file + " is not a readable MAT v5 file (" + describe(e) + "); it may be truncated or"
                    + " damaged: delete it and download it again", e);
        }
        try (mat) {
            Matrix pictures = variable(mat, PICTURES, file);
            Matrix labels = variable(mat, LABELS, file);
            int count = pictureCount(pictures, file);
            return DigitDataset.of(pixels(pictures, count), labels(labels, count, file), SIDE, SIDE, 3);
        } catch (IOException e) {
            throw new BadDataException("Cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private static Matrix variable(MatFile mat, String name, Path file) {
        List<String> names = new ArrayList<>();
        for (MatFile.Entry entry : mat.getEntries()) {
            names.add(entry.getName());
            if (entry.getName().equals(name)) {
                Array value = entry.getValue();
                if (!(value instanceof Matrix matrix) || matrix.isComplex() || matrix.isLogical()) {
                    throw new BadDataException(file + ": the variable '" + name + "' is a " + value.getType()
                            + ", not a real numeric array; this is not an SVHN cropped-digits file");
                }
                return matrix;
            }
        }
        throw new BadDataException(file + " holds the variables " + names + " but no '" + name + "'; an SVHN cropped-digits"
                + " file (train_32x32.mat, test_32x32.mat, extra_32x32.mat) holds X (the pictures) and y (the labels)."
                + " The full-numbers files (train.tar.gz) are another format");
    }

    /** N, after checking that {@code X} is uint8 32×32×3×N (MATLAB drops the trailing 1 when N is 1). */
    private static int pictureCount(Matrix pictures, Path file) {
        int[] dims = pictures.getDimensions();
        boolean shaped = (dims.length == 4 || dims.length == 3) && dims[0] == SIDE && dims[1] == SIDE && dims[2] == 3;
        if (!shaped || pictures.getType() != MatlabType.UInt8) {
            throw new BadDataException(file + ": X is " + pictures.getType() + " of shape " + shape(dims) + "; SVHN's cropped"
                    + " digits are uint8 of shape 32x32x3xN (row, column, colour, picture)");
        }
        return dims.length == 4 ? dims[3] : 1;
    }

    /**
     * MATLAB's column-major {@code X(row, column, channel, n)} to row-by-row pictures with interleaved channels.
     */
    private static byte[] pixels(Matrix pictures, int count) {
        int plane = SIDE * SIDE;
        int pictureSize = plane * 3;
        byte[] pixels = new byte[count * pictureSize];
        for (int n = 0; n < count; n++) {
            int source = n * pictureSize;
            int target = n * pictureSize;
            for (int channel = 0; channel < 3; channel++) {
                for (int column = 0; column < SIDE; column++) {
                    for (int row = 0; row < SIDE; row++) {
                        pixels[target + (row * SIDE + column) * 3 + channel] =
                                pictures.getByte(source + channel * plane + column * SIDE + row);
                    }
                }
            }
        }
        return pixels;
    }

    /** The labels as digits 0 to 9, after checking there is one per picture, each 1 to 10. */
    private static byte[] labels(Matrix labels, int count, Path file) {
        int[] dims = labels.getDimensions();
        if (labels.getNumElements() != count || dims.length != 2 || Math.min(dims[0], dims[1]) != 1) {
            throw new BadDataException(file + ": y has shape " + shape(dims) + " but X holds " + count
                    + " pictures; SVHN's labels are a " + count + "x1 column, one per picture");
        }
        byte[] digits = new byte[count];
        for (int i = 0; i < count; i++) {
            double label = labels.getDouble(i);
            if (label != Math.rint(label) || label < 1 || label > 10) {
                throw new BadDataException(file + ": label " + (i + 1) + " is " + label + "; SVHN's labels are 1 to 10,"
                        + " with 10 for the digit 0");
            }
            digits[i] = (byte) (label == 10 ? 0 : label);
        }
        return digits;
    }

    private static String shape(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).reduce((a, b) -> a + "x" + b).orElse("[]");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": "
                + message.replaceAll("\\s+", " ").trim());
    }
}
