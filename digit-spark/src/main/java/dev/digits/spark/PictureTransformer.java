package dev.digits.spark;

import dev.digits.DigitsException;
import dev.digits.Task;
import dev.digits.preprocess.Pictures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What Digits' Spark transformers share: the picture column, the model and backend, batches per partition, one
 * model per JVM, and a row with an {@code error} for a picture that cannot be read, never a failed job.
 *
 * <p>{@link #transform} resolves and opens the model on the driver first, so a missing model, a damaged one
 * or an unavailable backend fails there, before any task runs, with Digits' usual message. Executors then open
 * the model once per JVM (from a broadcast of its verified bytes and card, or from the backend's jar for a
 * bundled one) and share it between their tasks. Saved and loaded with a {@code Pipeline}
 * ({@code MLWritable}, {@code MLReadable}).
 */
public abstract sealed class PictureTransformer extends Transformer implements DefaultParamsWritable
        permits DigitClassifierTransformer, NumberReaderTransformer {
    private static final long serialVersionUID = 1L;

    /** The output column that says why a picture could not be read; null when it was. */
    public static final String ERROR = "error";

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> model;
    private final Param<String> backend;
    private final IntParam batchSize;

    PictureTransformer(String uid, String defaultModel) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "the column of pictures: a picture file's bytes (binaryFile's"
                + " content), an image struct (the image source's image) or a picture file's path or URI");
        model = new Param<>(this, "model", "a bundled model's name, or a model file (with its card FILE.properties"
                + " beside it) that the driver can read: a local path, or any Hadoop file system's (hdfs://, s3a://)");
        backend = new Param<>(this, "backend", "the backend that runs the model on the executors (onnx, dl4j); empty:"
                + " the available backend of highest priority, ONNX when present");
        batchSize = new IntParam(this, "batchSize", "pictures classified together in one run of the model",
                ParamValidators.inRange(1, 4096));
        setDefault(inputCol, "content");
        setDefault(model, defaultModel);
        setDefault(backend, "");
        setDefault(batchSize, 64);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The column of pictures (default {@code content}). */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** The model: a bundled name or a model file's location. */
    public Param<String> model() {
        return model;
    }

    /** The backend's name; empty for Digits' choice. */
    public Param<String> backend() {
        return backend;
    }

    /** Pictures per run of the model (default 64). */
    public IntParam batchSize() {
        return batchSize;
    }

    /** The input column's name. */
    public String getInputCol() {
        return $(inputCol);
    }

    /** The model's bundled name or location. */
    public String getModel() {
        return $(model);
    }

    /** The backend's name; empty for Digits' choice. */
    public String getBackend() {
        return $(backend);
    }

    /** Pictures per run of the model. */
    public int getBatchSize() {
        return (Integer) $(batchSize);
    }

    /** The task the model must be for. */
    abstract Task task();

    /** The columns this transformer adds, {@code error} last. */
    abstract List<StructField> outputFields();

    /** Answers a batch of decoded pictures (or the reason each could not be decoded) as output values. */
    abstract Scorer scorer(String key, Supplier<ModelShipment> shipment);

    /** Answers batches of pictures on an executor. */
    interface Scorer {
        /**
         * One array of output values per picture, in {@link #outputFields()} order; a picture that could not be
         * answered gets nulls and its reason in the last value.
         */
        List<Object[]> score(List<Decoded> pictures);
    }

    /** A picture as decoded, or why it could not be, with its name for messages. */
    record Decoded(String name, Pictures.Sized picture, String error) {
    }

    @Override
    public StructType transformSchema(StructType schema) {
        PictureInput.of(schema, getInputCol());
        StructType out = schema;
        for (StructField field : outputFields()) {
            if (Arrays.asList(schema.fieldNames()).contains(field.name())) {
                throw new IllegalArgumentException("The input already has a column '" + field.name() + "', which this"
                        + " transformer writes; drop or rename it first");
            }
            out = out.add(field);
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        SparkSession spark = dataset.sparkSession();
        ModelShipment shipment = ship(spark);
        // Opened here first: a model or backend that cannot run fails on the driver, before any task.
        scorer(shipment.key(), () -> shipment).score(List.of());
        Broadcast<ModelShipment> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(shipment);
        StructType schema = dataset.schema();
        int pathIndex = Arrays.asList(schema.fieldNames()).indexOf("path");
        PictureInput input = PictureInput.of(schema, getInputCol());
        HadoopFiles files = input == PictureInput.FILE_PATH ? new HadoopFiles(spark.sparkContext().hadoopConfiguration())
                : null;
        Scoring scoring = new Scoring(this, shipment.key(), broadcast, input, files, schema.fieldIndex(getInputCol()),
                pathIndex, getBatchSize());
        return dataset.toDF().mapPartitions(scoring, Encoders.row(out));
    }

    private ModelShipment ship(SparkSession spark) {
        String name = getModel();
        String backendName = getBackend().isEmpty() ? null : getBackend();
        if (ModelShipment.isBundledName(name)) {
            return ModelShipment.bundled(name, task(), backendName);
        }
        return ModelShipment.file(name, task(), backendName, spark.sparkContext().hadoopConfiguration());
    }

    @Override
    public PictureTransformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The partition function: batches of rows in, the same rows with the answers appended out. */
    private static final class Scoring implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final PictureTransformer transformer;
        private final String key;
        private final Broadcast<ModelShipment> shipment;
        private final PictureInput input;
        private final HadoopFiles files;
        private final int inputIndex;
        private final int pathIndex;
        private final int batchSize;

        Scoring(PictureTransformer transformer, String key, Broadcast<ModelShipment> shipment, PictureInput input,
                HadoopFiles files, int inputIndex, int pathIndex, int batchSize) {
            this.files = files;
            this.transformer = transformer;
            this.key = key;
            this.shipment = shipment;
            this.input = input;
            this.inputIndex = inputIndex;
            this.pathIndex = pathIndex;
            this.batchSize = batchSize;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Scorer scorer = transformer.scorer(key, shipment::value);
            return new Iterator<>() {
                private Iterator<Row> answered = List.<Row>of().iterator();

                @Override
                public boolean hasNext() {
                    return answered.hasNext() || rows.hasNext();
                }

                @Override
                public Row next() {
                    if (!answered.hasNext()) {
                        if (!rows.hasNext()) {
                            throw new NoSuchElementException();
                        }
                        answered = nextBatch().iterator();
                    }
                    return answered.next();
                }

                private List<Row> nextBatch() {
                    List<Row> batch = new ArrayList<>(batchSize);
                    List<Decoded> pictures = new ArrayList<>(batchSize);
                    while (rows.hasNext() && batch.size() < batchSize) {
                        Row row = rows.next();
                        batch.add(row);
                        pictures.add(decode(row));
                    }
                    List<Object[]> answers = scorer.score(pictures);
                    List<Row> out = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        Row row = batch.get(i);
                        Object[] answer = answers.get(i);
                        Object[] values = new Object[row.length() + answer.length];
                        for (int c = 0; c < row.length(); c++) {
                            values[c] = row.get(c);
                        }
                        System.arraycopy(answer, 0, values, row.length(), answer.length);
                        out.add(RowFactory.create(values));
                    }
                    return out;
                }
            };
        }

        private Decoded decode(Row row) {
            String name = input.name(row, inputIndex, pathIndex);
            try {
                return new Decoded(name, input.decode(row, inputIndex, name, files), null);
            } catch (RuntimeException e) {
                return new Decoded(name, null, describe(e));
            }
        }
    }

    /** The {@code error} column: a nullable string. */
    static StructField errorField() {
        return DataTypes.createStructField(ERROR, DataTypes.StringType, true);
    }

    /** Output values that are all null but the error, for a picture that could not be answered. */
    static Object[] failed(int columns, String error) {
        Object[] values = new Object[columns];
        values[columns - 1] = error;
        return values;
    }

    /** Why a picture could not be answered, in one line: Digits' own message, else the exception. */
    static String describe(RuntimeException e) {
        return e instanceof DigitsException && e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
