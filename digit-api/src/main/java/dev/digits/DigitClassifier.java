package dev.digits;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Names the digit in a picture. Implementations are safe for concurrent use by many threads; each says how
 * in its javadoc. Close it to free native resources; a closed classifier throws {@link IllegalStateException}.
 * Implementations usually extend {@code dev.digits.spi.AbstractDigitClassifier}, which does the input checks,
 * batching, preprocessing and closed state.
 */
public interface DigitClassifier extends AutoCloseable {

    /**
     * Classifies one picture that is already in the model's input form (MNIST form: 28×28×1, ink = 1).
     *
     * @throws BadImageException when the picture is not in the form the model expects
     */
    Prediction classify(DigitImage image);

    /**
     * Classifies many pictures at once, in batches; the answers are in the order of the pictures and equal to
     * classifying each alone.
     *
     * @throws BadImageException when a picture is not in the form the model expects
     */
    List<Prediction> classify(List<DigitImage> images);

    /**
     * Turns an ordinary picture (photo, scan, drawing) into the model's input form with the model's own
     * preprocessing and classifies it.
     *
     * @throws NoDigitFoundException when the picture holds no digit
     * @throws BadImageException     when the picture cannot be used
     */
    Prediction classify(BufferedImage picture);

    /**
     * As {@link #classify(BufferedImage)}, and also returns every preprocessing stage as a picture: what the
     * model really saw, for an app or {@code digits predict --steps}. Slower: the stage pictures are made.
     *
     * @throws NoDigitFoundException when the picture holds no digit
     * @throws BadImageException     when the picture cannot be used
     */
    Classification classifyWithStages(BufferedImage picture);

    /**
     * The thresholds every {@link Prediction} of this classifier is judged by ({@link Prediction#verdict()}):
     * the card's, chosen on validation data. To judge by others, use
     * {@code prediction.withThresholds(classifier.verdictThresholds().withUnsureBelow(0.9))}.
     */
    default VerdictThresholds verdictThresholds() {
        return VerdictThresholds.of(card());
    }

    /**
     * The temperature this classifier divides the model's log-probabilities by before it answers
     * ({@link Prediction#withTemperature}), fitted on validation data and read from the card's
     * {@link ModelCard#CALIBRATION_TEMPERATURE}; 1 means none.
     */
    default double temperature() {
        return card().getDouble(ModelCard.CALIBRATION_TEMPERATURE).orElse(1.0);
    }

    /** What the model is and how it was made. */
    ModelCard card();

    /** The name of the backend that runs this classifier ({@code dl4j}, {@code onnx}). */
    String backendName();

    /** Frees native resources once running calls have ended. Idempotent. */
    @Override
    void close();
}
