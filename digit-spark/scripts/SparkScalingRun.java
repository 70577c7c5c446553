import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.preprocess.Pictures;
import dev.digits.preprocess.Preprocessor;
import dev.digits.spark.DigitClassifierTransformer;
import dev.digits.spi.AbstractDigitClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the classifier transformer on Spark against the plain library in one JVM, on the same picture files,
 * round after round in one JVM (the first rounds warm the JIT up; compare the later ones). Pictures/s per round.
 *
 * <pre>
 * java $SPARK_JAVA_OPTIONS -cp digit-spark/target/digits-spark.jar:$(cat digit-spark/target/spark-classpath.txt) \
 *     digit-spark/scripts/SparkScalingRun.java spark 'local[2]' FOLDER ROUNDS
 * java -cp ... digit-spark/scripts/SparkScalingRun.java plain 2 FOLDER ROUNDS
 * </pre>
 * {@code spark MASTER}: the transformer on a column of paths, written to Spark's {@code noop} sink, partitions as the
 * batch job makes them (4 per core). {@code plain THREADS}: the library's classifier shared by THREADS threads, each
 * decoding its share of the files as {@code digits predict} does and classifying them in batches of 64.
 */
public class SparkScalingRun {
    public static void main(String[] args) throws Exception {
        List<String> files;
        try (Stream<Path> listed = Files.list(Path.of(args[2]))) {
            files = listed.filter(p -> p.toString().matches(".*\\.(png|jpg|jpeg)")).map(p -> p.toAbsolutePath().toString()).sorted().toList();
        }
        int rounds = Integer.parseInt(args[3]);
        if (args[0].equals("spark")) {
            SparkSession spark = SparkSession.builder().master(args[1]).appName("scaling")
                    .config("spark.ui.enabled", "false").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            int partitions = spark.sparkContext().defaultParallelism() * 4;
            Dataset<Row> paths = spark.createDataset(files, Encoders.STRING()).toDF("path").repartition(partitions).cache();
            paths.count();
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                new DigitClassifierTransformer().setInputCol("path").transform(paths).write().format("noop")
                        .mode("overwrite").save();
                report(args, round, files.size(), start);
            }
            spark.stop();
        } else {
            int threads = Integer.parseInt(args[1]);
            try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, null)) {
                Preprocessor preprocessor = ((AbstractDigitClassifier) classifier).preprocessor();
                for (int round = 1; round <= rounds; round++) {
                    long start = System.nanoTime();
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    List<Future<?>> work = new ArrayList<>();
                    int share = (files.size() + threads - 1) / threads;
                    for (int t = 0; t < threads; t++) {
                        List<String> mine = files.subList(Math.min(files.size(), t * share), Math.min(files.size(), (t + 1) * share));
                        work.add(pool.submit(() -> {
                            List<DigitImage> batch = new ArrayList<>(64);
                            for (String file : mine) {
                                batch.add(preprocessor.preprocess(Pictures.readSized(Path.of(file)).picture()).image());
                                if (batch.size() == 64) {
                                    classifier.classify(batch);
                                    batch.clear();
                                }
                            }
                            if (!batch.isEmpty()) {
                                classifier.classify(batch);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> done : work) {
                        done.get();
                    }
                    pool.shutdown();
                    report(args, round, files.size(), start);
                }
            }
        }
    }

    private static void report(String[] args, int round, int pictures, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s %s round %d: %d pictures in %.2f s, %.0f pictures/s (load %s)%n", args[0], args[1], round,
                pictures, seconds, pictures / seconds, loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
