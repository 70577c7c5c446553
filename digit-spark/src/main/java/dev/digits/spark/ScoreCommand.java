package dev.digits.spark;

import dev.digits.DigitsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code digits-spark score}: answers every picture a glob matches and writes one row per picture. */
@Command(name = "score", mixinStandardHelpOptions = true,
        header = "Classifies pictures or reads numbers in them, one row per picture.",
        description = "Classifies the pictures (or reads the numbers in them) that --input matches and writes one"
                + " row per picture to --output: path, the answer's columns (as the keys of digits predict --json or"
                + " digits read --json) and error (null, or why the picture could not be read). A bad picture costs"
                + " its row, never the job.")
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "GLOB",
            description = "Pictures: a file, a folder (its files) or a glob, on any file system Hadoop reads"
                    + " (local, hdfs://, s3a://). Files whose names start with . or _ are left out.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder (Spark's layout).")
    String output;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "classify",
            description = "classify (default) or read-numbers.")
    String task;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet (default), json (JSON Lines) or csv (lists and boxes as JSON text).")
    String format;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model file with its card FILE.properties beside it, readable by the driver (local,"
                    + " hdfs://, s3a://); default: the bundled model.")
    String model;

    @Option(names = "--backend", paramLabel = "NAME", description = "onnx (default when present) or dl4j.")
    String backend;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Pictures per run of the model (default: 64).")
    int batchSize;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spark partitions of the pictures (default: 4 per core of the application, at least one"
                    + " per 5,000 pictures).")
    Integer partitions;

    @Option(names = "--recursive", description = "Read folders' sub-folders too.")
    boolean recursive;

    @Option(names = "--overwrite", description = "Replace the output folder when it exists.")
    boolean overwrite;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Keep Spark's log at its configured level (default: warnings).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!List.of("classify", "read-numbers").contains(task)) {
            throw new ParameterException(spec.commandLine(), "--task must be classify or read-numbers, got " + task);
        }
        if (!List.of("parquet", "json", "csv").contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be parquet, json or csv, got " + format);
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be from 1 to 4096, got " + batchSize);
        }
        if (partitions != null && partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, got " + partitions);
        }
        SparkSession.Builder builder = SparkSession.builder().appName("digits-spark score");
        if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]"); // run as a plain Java program: this machine's cores
        }
        SparkSession spark = builder.getOrCreate();
        if (!verbose) {
            spark.sparkContext().setLogLevel("WARN"); // Spark's INFO lines would bury the summary and the errors
        }
        long start = System.nanoTime();
        List<String> files = list(spark);
        double listSeconds = (System.nanoTime() - start) / 1e9;
        int slices = partitions != null ? partitions
                : Math.max(spark.sparkContext().defaultParallelism() * 4, (files.size() + 4_999) / 5_000);
        StructType pathSchema = DataTypes.createStructType(
                List.of(DataTypes.createStructField("path", DataTypes.StringType, false)));
        Dataset<Row> pictures = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, Math.min(slices, files.size())).map(RowFactory::create), pathSchema);
        PictureTransformer transformer = transformer();
        Dataset<Row> answers = forFormat(transformer.transform(pictures));
        (overwrite ? answers.write().mode("overwrite") : answers.write().mode("errorifexists"))
                .option("header", "true").option("ignoreNullFields", "false").format(format).save(output);
        double scoreSeconds = (System.nanoTime() - start) / 1e9 - listSeconds;
        Dataset<Row> written = spark.read().option("header", "true").format(format).load(output);
        long rows = written.count();
        long errors = written.filter(functions.col(PictureTransformer.ERROR).isNotNull()).count();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            System.out.printf(Locale.ROOT, "{\"output\":\"%s\",\"rows\":%d,\"errors\":%d,\"seconds\":%.1f,"
                    + "\"listSeconds\":%.1f,\"scoreSeconds\":%.1f,\"picturesPerSecond\":%.1f}%n",
                    output.replace("\\", "\\\\").replace("\"", "\\\""), rows, errors, seconds, listSeconds,
                    scoreSeconds, rows / seconds);
        } else {
            System.out.printf(Locale.ROOT, "%d pictures, %d not read (see the error column), in %.1f s (%.0f pictures/s):"
                    + " %s%n", rows, errors, seconds, rows / seconds, output);
        }
        return 0;
    }

    private PictureTransformer transformer() {
        if (task.equals("classify")) {
            DigitClassifierTransformer classifier = new DigitClassifierTransformer().setInputCol("path")
                    .setBatchSize(batchSize);
            if (model != null) {
                classifier.setModel(model);
            }
            return backend == null ? classifier : classifier.setBackend(backend);
        }
        NumberReaderTransformer reader = new NumberReaderTransformer().setInputCol("path").setBatchSize(batchSize);
        if (model != null) {
            reader.setModel(model);
        }
        return backend == null ? reader : reader.setBackend(backend);
    }

    /** CSV holds no lists or structs: those columns go as JSON text. */
    private Dataset<Row> forFormat(Dataset<Row> answers) {
        if (!format.equals("csv")) {
            return answers;
        }
        List<Column> columns = new ArrayList<>();
        for (StructField field : answers.schema().fields()) {
            Column column = functions.col(field.name());
            columns.add(field.dataType() instanceof ArrayType || field.dataType() instanceof StructType
                    ? functions.to_json(column).as(field.name()) : column);
        }
        return answers.select(columns.toArray(new Column[0]));
    }

    /** The picture files the glob matches, as URIs; a folder stands for its files. */
    private List<String> list(SparkSession spark) throws IOException {
        Path glob = new Path(input);
        FileSystem fs = glob.getFileSystem(spark.sparkContext().hadoopConfiguration());
        FileStatus[] matches = fs.globStatus(glob);
        List<String> files = new ArrayList<>();
        if (matches != null) {
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    addFolder(fs, match.getPath(), files);
                } else if (visible(match.getPath())) {
                    files.add(match.getPath().toString());
                }
            }
        }
        if (files.isEmpty()) {
            throw new DigitsException("No picture files match " + input + "; give a file, a folder or a glob such as"
                    + " 'scans/*.png' (quoted, so that the shell leaves it to Hadoop)");
        }
        files.sort(null);
        return files;
    }

    private void addFolder(FileSystem fs, Path folder, List<String> files) throws IOException {
        for (FileStatus entry : fs.listStatus(folder)) {
            if (!visible(entry.getPath())) {
                continue;
            }
            if (entry.isDirectory()) {
                if (recursive) {
                    addFolder(fs, entry.getPath(), files);
                }
            } else {
                files.add(entry.getPath().toString());
            }
        }
    }

    private static boolean visible(Path path) {
        return !path.getName().startsWith(".") && !path.getName().startsWith("_");
    }

    @Override
    public String toString() {
        return "score " + Arrays.asList(input, output, task, format);
    }
}
