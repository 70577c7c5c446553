package dev.digits;

import java.util.ArrayList;
import java.util.List;

/**
 * A learned number reader's network as a backend runs it: {@link dev.digits.preprocess.NumberLine} canvases
 * ({@link dev.digits.preprocess.NumberLine#WIDTH} wide) in; for each canvas, for each of its {@value #COLUMNS}
 * columns, the scores (logits) of the ten digits and of a blank out. The network is trained with a CTC loss, so
 * reading merges repeated digits and drops blanks; {@code dev.digits.read.LearnedNumberReader} does that and the
 * rest (preprocessing, boxes, confidence), the same on every backend. Implementations are safe for concurrent use.
 *
 * <p>A backend makes one with {@link DigitBackend#numberSequenceModel(LoadedModel)}; {@link Digits} pairs it with a
 * classifier into a {@link NumberReader}. It lives beside {@link Digits} rather than in {@code dev.digits.spi}
 * because the front door asks backends for it, and the root package depends on no other.
 */
public interface NumberSequenceModel extends AutoCloseable {
    /** The most digits the network reads. */
    int MAX_DIGITS = 12;
    /** Columns per canvas: one per four pixels of its width. */
    int COLUMNS = 64;
    /** Scores per column: digits 0 to 9, then the blank. */
    int CLASSES = 11;
    /** The blank's class. */
    int BLANK = 10;
    /** The name of the network's output, in the model and its card. */
    String COLUMNS_OUTPUT = "columns";

    /**
     * Splits a network's output, {@code [count, CLASSES, 1, COLUMNS]} in row-major order, into one
     * {@code [COLUMNS][CLASSES]} array of logits per canvas.
     *
     * @throws IllegalArgumentException when the size does not match
     */
    static List<float[][]> columnsOf(float[] output, int count) {
        if (output.length != count * CLASSES * COLUMNS) {
            throw new IllegalArgumentException("Expected " + count * CLASSES * COLUMNS + " values for " + count
                    + " canvases (" + CLASSES + " classes × " + COLUMNS + " columns each), got " + output.length);
        }
        List<float[][]> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[][] columns = new float[COLUMNS][CLASSES];
            int base = i * CLASSES * COLUMNS;
            for (int c = 0; c < CLASSES; c++) {
                for (int t = 0; t < COLUMNS; t++) {
                    columns[t][c] = output[base + c * COLUMNS + t];
                }
            }
            all.add(columns);
        }
        return all;
    }

    /**
     * Runs canvases through the network.
     *
     * @param canvases {@code count × NumberLine.PIXELS} values, canvas after canvas
     * @param count    how many canvases
     * @return for each canvas in order, {@code [COLUMNS][CLASSES]} logits
     */
    List<float[][]> run(float[] canvases, int count);

    /** Frees the network; idempotent. */
    @Override
    void close();

    /**
     * Makes a learned reader of a network and a classifier. digit-api's {@code dev.digits.read} provides the one
     * {@link Digits} uses (listed in {@code META-INF/services}, found with {@link java.util.ServiceLoader} so that
     * this package, the API's root, depends on no other); not for users or backends to implement.
     */
    interface ReaderFactory {
        /**
         * A reader that owns both: closing it closes the network and the classifier.
         *
         * @param network     the network, from {@link DigitBackend#numberSequenceModel(LoadedModel)}
         * @param classifier  the classifier that names segmented digits
         * @param card        the network's card (its reading strategy and verdict entries)
         * @param backendName the backend that runs the network
         */
        NumberReader numberReader(NumberSequenceModel network, DigitClassifier classifier, ModelCard card,
                                  String backendName);
    }
}
