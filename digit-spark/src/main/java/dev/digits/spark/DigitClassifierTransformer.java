package dev.digits.spark;

import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import dev.digits.Task;
import dev.digits.Verdict;
import dev.digits.VerdictThresholds;
import dev.digits.spi.AbstractDigitClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A Spark ML transformer that names the handwritten digit in each picture, as {@code digits predict} does, with
 * the same answers. Adds the columns {@code digit} (null unless the verdict is {@code digit}), {@code verdict}
 * ({@code digit}, {@code not-a-digit}, {@code unsure}), {@code confidence}, {@code notDigit},
 * {@code probabilities} (10) and {@code error} (null, or why the picture could not be read).
 *
 * <pre>{@code
 * Dataset<Row> pictures = spark.read().format("binaryFile").load("scans/*.png");
 * Dataset<Row> digits = new DigitClassifierTransformer().setBackend("onnx").transform(pictures);
 * }</pre>
 *
 * <p>Pictures are decoded on the executors with the bounded-memory reader of {@code digits predict} (upright by
 * their EXIF orientation, large ones subsampled) and classified in batches of {@link #batchSize()} per partition.
 * The "unsure" threshold is the model card's, else 0.5, as {@code digits predict} has it. See
 * {@link PictureTransformer} for the model, the driver-side checks and the executors' model.
 */
public final class DigitClassifierTransformer extends PictureTransformer {
    private static final long serialVersionUID = 1L;

    /** The "unsure" threshold when the card gives none: that of {@code digits predict}. */
    static final double DEFAULT_UNSURE_BELOW = 0.5;

    /** A transformer of the bundled classifier, reading the {@code content} column. */
    public DigitClassifierTransformer() {
        this(Identifiable.randomUID("digitClassifier"));
    }

    /** A transformer with this identifier (Spark's loader uses this constructor). */
    public DigitClassifierTransformer(String uid) {
        super(uid, "classifier");
    }

    /** Reads a saved transformer. */
    public static MLReader<DigitClassifierTransformer> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a transformer saved at {@code path}. */
    public static DigitClassifierTransformer load(String path) {
        return read().load(path);
    }

    /** Sets the column of pictures. */
    public DigitClassifierTransformer setInputCol(String column) {
        set(inputCol(), column);
        return this;
    }

    /** Sets the model: a bundled name ({@code classifier}) or a model file that the driver can read. */
    public DigitClassifierTransformer setModel(String modelNameOrLocation) {
        set(model(), modelNameOrLocation);
        return this;
    }

    /** Sets the backend ({@code onnx}, {@code dl4j}); empty for Digits' choice. */
    public DigitClassifierTransformer setBackend(String backendName) {
        set(backend(), backendName);
        return this;
    }

    /** Sets the pictures per run of the model. */
    public DigitClassifierTransformer setBatchSize(int pictures) {
        set(batchSize(), pictures);
        return this;
    }

    @Override
    Task task() {
        return Task.CLASSIFY;
    }

    @Override
    List<StructField> outputFields() {
        return List.of(
                DataTypes.createStructField("digit", DataTypes.IntegerType, true),
                DataTypes.createStructField("verdict", DataTypes.StringType, true),
                DataTypes.createStructField("confidence", DataTypes.FloatType, true),
                DataTypes.createStructField("notDigit", DataTypes.FloatType, true),
                DataTypes.createStructField("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), true),
                errorField());
    }

    @Override
    Scorer scorer(String key, Supplier<ModelShipment> shipment) {
        DigitClassifier classifier = ExecutorModels.classifier(key, shipment);
        VerdictThresholds thresholds = thresholds(classifier);
        int columns = outputFields().size();
        return pictures -> {
            List<Object[]> answers = new ArrayList<>(pictures.size());
            List<DigitImage> images = new ArrayList<>(pictures.size());
            List<Integer> imageRows = new ArrayList<>(pictures.size());
            for (Decoded picture : pictures) {
                Object[] answer = picture.error() != null ? failed(columns, picture.error()) : null;
                if (answer == null) {
                    try {
                        images.add(preprocess(classifier, picture));
                        imageRows.add(answers.size());
                    } catch (RuntimeException e) {
                        answer = failed(columns, describe(e));
                    }
                }
                answers.add(answer);
            }
            if (!images.isEmpty()) {
                List<Prediction> predictions = classifier.classify(images);
                for (int i = 0; i < predictions.size(); i++) {
                    answers.set(imageRows.get(i), values(predictions.get(i).withThresholds(thresholds)));
                }
            }
            return answers;
        };
    }

    /** The picture in the classifier's input form, through the classifier's own preprocessing. */
    private static DigitImage preprocess(DigitClassifier classifier, Decoded picture) {
        if (classifier instanceof AbstractDigitClassifier own) {
            return own.preprocessor().preprocess(picture.picture().picture()).image();
        }
        return classifier.classifyWithStages(picture.picture().picture()).input();
    }

    /** The card's thresholds, with {@value #DEFAULT_UNSURE_BELOW} as the "unsure" one when the card gives none. */
    static VerdictThresholds thresholds(DigitClassifier classifier) {
        VerdictThresholds card = classifier.verdictThresholds();
        return classifier.card().get(ModelCard.VERDICT_UNSURE_BELOW).isPresent() ? card
                : card.withUnsureBelow(DEFAULT_UNSURE_BELOW);
    }

    private static Object[] values(Prediction prediction) {
        float[] probabilities = prediction.probabilities();
        Float[] boxed = new Float[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            boxed[i] = probabilities[i];
        }
        Verdict verdict = prediction.verdict();
        return new Object[]{verdict == Verdict.DIGIT ? prediction.digit() : null, verdict.key(), prediction.confidence(),
                prediction.notDigitProbability(), boxed, null};
    }
}
