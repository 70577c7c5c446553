package dev.digits.spark;

import dev.digits.Box;
import dev.digits.Digits;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.Task;
import dev.digits.preprocess.Pictures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML transformer that reads the number in each picture ("2024"), as {@code digits read} does, with the
 * same answers. Adds the columns {@code text}, {@code confidence}, {@code verdict} ({@code number},
 * {@code unsure}), {@code doubt}, {@code candidateLines}, {@code digits} (an array of structs with {@code digit},
 * {@code confidence}, {@code verdict}, {@code notDigit} and {@code box}: x, y, width and height in the file's
 * pixels after EXIF orientation), {@code separators} (boxes) and {@code error}.
 *
 * <p>The model is a number reader's (the bundled {@code number-reader} by default, with the backend's bundled
 * classifier; the segmenting reader on the bundled classifier on a backend without one, as {@code digits read}
 * has it) or a classifier's, which is then read by segmentation. See {@link PictureTransformer} for the rest.
 */
public final class NumberReaderTransformer extends PictureTransformer {
    private static final long serialVersionUID = 1L;

    /** A transformer of the bundled number reader, reading the {@code content} column. */
    public NumberReaderTransformer() {
        this(Identifiable.randomUID("numberReader"));
    }

    /** A transformer with this identifier (Spark's loader uses this constructor). */
    public NumberReaderTransformer(String uid) {
        super(uid, Digits.NUMBER_READER);
    }

    /** Reads a saved transformer. */
    public static MLReader<NumberReaderTransformer> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a transformer saved at {@code path}. */
    public static NumberReaderTransformer load(String path) {
        return read().load(path);
    }

    /** Sets the column of pictures. */
    public NumberReaderTransformer setInputCol(String column) {
        set(inputCol(), column);
        return this;
    }

    /** Sets the model: a bundled name ({@code number-reader}) or a reader's or classifier's model file. */
    public NumberReaderTransformer setModel(String modelNameOrLocation) {
        set(model(), modelNameOrLocation);
        return this;
    }

    /** Sets the backend ({@code onnx}, {@code dl4j}); empty for Digits' choice. */
    public NumberReaderTransformer setBackend(String backendName) {
        set(backend(), backendName);
        return this;
    }

    /** Sets how many pictures a task takes at a time. */
    public NumberReaderTransformer setBatchSize(int pictures) {
        set(batchSize(), pictures);
        return this;
    }

    @Override
    Task task() {
        return Task.READ_NUMBERS;
    }

    @Override
    List<StructField> outputFields() {
        ArrayType box = DataTypes.createArrayType(DataTypes.IntegerType, false);
        StructType digit = DataTypes.createStructType(List.of(
                DataTypes.createStructField("digit", DataTypes.IntegerType, false),
                DataTypes.createStructField("confidence", DataTypes.FloatType, false),
                DataTypes.createStructField("verdict", DataTypes.StringType, false),
                DataTypes.createStructField("notDigit", DataTypes.FloatType, false),
                DataTypes.createStructField("box", box, false)));
        return List.of(
                DataTypes.createStructField("text", DataTypes.StringType, true),
                DataTypes.createStructField("confidence", DataTypes.FloatType, true),
                DataTypes.createStructField("verdict", DataTypes.StringType, true),
                DataTypes.createStructField("doubt", DataTypes.StringType, true),
                DataTypes.createStructField("candidateLines", DataTypes.IntegerType, true),
                DataTypes.createStructField("digits", DataTypes.createArrayType(digit, false), true),
                DataTypes.createStructField("separators", DataTypes.createArrayType(box, false), true),
                errorField());
    }

    @Override
    Scorer scorer(String key, Supplier<ModelShipment> shipment) {
        NumberReader reader = ExecutorModels.numberReader(key, shipment);
        int columns = outputFields().size();
        return pictures -> {
            List<Object[]> answers = new ArrayList<>(pictures.size());
            for (Decoded picture : pictures) {
                if (picture.error() != null) {
                    answers.add(failed(columns, picture.error()));
                    continue;
                }
                try {
                    answers.add(values(reader.read(picture.picture().picture()), picture.picture()));
                } catch (RuntimeException e) {
                    answers.add(failed(columns, describe(e)));
                }
            }
            return answers;
        };
    }

    private static Object[] values(NumberReading reading, Pictures.Sized sized) {
        List<Row> digits = new ArrayList<>(reading.digits().size());
        for (NumberReading.ReadDigit digit : reading.digits()) {
            digits.add(RowFactory.create(digit.prediction().digit(), digit.prediction().confidence(),
                    digit.prediction().verdict().key(), digit.prediction().notDigitProbability(),
                    box(sized.toFile(digit.box()))));
        }
        List<Integer[]> separators = new ArrayList<>();
        for (Box separator : reading.separators()) {
            separators.add(box(sized.toFile(separator)));
        }
        return new Object[]{reading.text(), reading.confidence(), reading.verdict().key(), reading.doubt(),
                reading.candidateLines(), digits.toArray(), separators.toArray(), null};
    }

    private static Integer[] box(Box box) {
        int[] values = box.toArray();
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
