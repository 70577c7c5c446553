package dev.digits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A learned number reader's network as a backend runs it: {@link dev.digits.preprocess.NumberLine} canvases in,
 * for each the probability of each length (1 to {@value #MAX_DIGITS} digits) and of each digit at each position out.
 * {@code dev.digits.read.LearnedNumberReader} does the rest (preprocessing, decoding, boxes), the same on every
 * backend. Implementations are safe for concurrent use.
 *
 * <p>A backend makes one with {@link DigitBackend#numberSequenceModel(LoadedModel)}; {@link Digits} pairs it with a
 * classifier into a {@link NumberReader}. It lives beside {@link Digits} rather than in {@code dev.digits.spi}
 * because the front door asks backends for it, and the root package depends on no other.
 */
public interface NumberSequenceModel extends AutoCloseable {
    /** The most digits the network reads. */
    int MAX_DIGITS = 6;
    /** The name of the length head, in the model and its card. */
    String LENGTH_OUTPUT = "length";

    /** The name of the head of digit {@code position} (1 = leftmost). */
    static String digitOutput(int position) {
        return "digit" + position;
    }

    /**
     * What the network says of one canvas.
     *
     * @param lengths {@value #MAX_DIGITS} probabilities, of 1 to {@value #MAX_DIGITS} digits
     * @param digits  for each position from the left, ten probabilities
     */
    record Scores(float[] lengths, float[][] digits) {
        /**
         * The scores of {@code count} canvases from the heads' outputs.
         *
         * @param lengths the length head's output, {@code count × MAX_DIGITS} values
         * @param digits  each digit head's output, left to right, {@code count × 10} values each
         * @throws IllegalArgumentException when the sizes do not match
         */
        public static List<Scores> fromHeads(float[] lengths, float[][] digits, int count) {
            if (lengths.length != count * MAX_DIGITS || digits.length != MAX_DIGITS) {
                throw new IllegalArgumentException("Expected a length head of " + count * MAX_DIGITS + " values and "
                        + MAX_DIGITS + " digit heads, got " + lengths.length + " values and " + digits.length + " heads");
            }
            List<Scores> scores = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[][] perPosition = new float[MAX_DIGITS][];
                for (int k = 0; k < MAX_DIGITS; k++) {
                    if (digits[k].length != count * 10) {
                        throw new IllegalArgumentException("Digit head " + (k + 1) + " gave " + digits[k].length
                                + " values for " + count + " canvases; expected 10 each");
                    }
                    perPosition[k] = Arrays.copyOfRange(digits[k], i * 10, i * 10 + 10);
                }
                scores.add(new Scores(Arrays.copyOfRange(lengths, i * MAX_DIGITS, (i + 1) * MAX_DIGITS), perPosition));
            }
            return scores;
        }
    }

    /**
     * Runs canvases through the network.
     *
     * @param canvases {@code count × NumberLine.PIXELS} values, canvas after canvas
     * @param count    how many canvases
     * @return the scores of each canvas, in order
     */
    List<Scores> run(float[] canvases, int count);

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
