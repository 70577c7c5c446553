package dev.digits;

import dev.digits.preprocess.Preprocessor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the digit in a picture. Implementations are safe for concurrent use by many threads; each says
 * how in its javadoc. Close it to free native resources; a closed classifier throws
 * {@link IllegalStateException}.
 */
public interface DigitClassifier extends AutoCloseable {

    /**
     * Classifies one picture that is already in the model's input form (MNIST form: 28×28×1, ink = 1).
     *
     * @throws BadImageException when the picture is not in the form the model expects
     */
    Prediction classify(DigitImage image);

    /**
     * Classifies many pictures at once, in batches; the answers are in the order of the pictures.
     * The default calls {@link #classify(DigitImage)} for each.
     */
    default List<Prediction> classify(List<DigitImage> images) {
        List<Prediction> predictions = new ArrayList<>(images.size());
        for (DigitImage image : images) {
            predictions.add(classify(image));
        }
        return predictions;
    }

    /**
     * Turns an ordinary picture into the model's input form with {@link #preprocessor()} and classifies it.
     *
     * @throws NoDigitFoundException when the picture holds no digit
     */
    default Prediction classify(BufferedImage picture) {
        return classify(preprocessor().preprocess(picture).image());
    }

    /** The preprocessing {@link #classify(BufferedImage)} applies. */
    default Preprocessor preprocessor() {
        return Preprocessor.standard();
    }

    /** What the model is and how it was made. */
    ModelCard card();

    /** The name of the backend that runs this classifier ({@code dl4j}, {@code onnx}). */
    String backendName();

    /** Frees native resources. Idempotent. */
    @Override
    void close();
}
