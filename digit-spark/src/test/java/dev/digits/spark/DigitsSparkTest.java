package dev.digits.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch job, run in this JVM on the tests' local[2] session. */
class DigitsSparkTest {
    @TempDir
    static Path folder;
    private static Path pictures;
    private static SparkSession spark;

    @BeforeAll
    static void pictures() throws Exception {
        spark = SparkPictures.spark();
        pictures = SparkPictures.mnistPngs(folder.resolve("pictures"), 60);
        Files.write(pictures.resolve("empty.png"), new byte[0]);
        Files.writeString(pictures.resolve("notes.png"), "not a picture", StandardCharsets.UTF_8);
        Files.writeString(pictures.resolve("_SUCCESS"), "", StandardCharsets.UTF_8);
    }

    private static int run(String... args) {
        return DigitsSpark.run(args);
    }

    @Test
    void scoresEveryPictureAndGivesAnErrorRowToEachBadOne() {
        Path out = folder.resolve("answers-json");
        assertEquals(0, run("score", "--input", pictures.toString(), "--output", out.toString(), "--format", "json"));
        List<Row> rows = spark.read().json(out.toString()).collectAsList();
        assertEquals(62, rows.size(), "60 pictures, the empty file and the text; _SUCCESS is left out");
        int errors = 0;
        for (Row row : rows) {
            String path = row.getAs("path");
            if (path.endsWith("empty.png") || path.endsWith("notes.png")) {
                assertNotNull(row.getAs("error"), path);
                errors++;
            } else {
                assertNull(row.getAs("error"), path);
                assertEquals(10, row.getList(row.fieldIndex("probabilities")).size(), path);
            }
        }
        assertEquals(2, errors);
        assertEquals(1, run("score", "--input", pictures.toString(), "--output", out.toString(), "--format", "json"),
                "an existing output folder is kept unless --overwrite");
        assertEquals(0, run("score", "--input", pictures.toString(), "--output", out.toString(), "--format", "json",
                "--overwrite"));
    }

    @Test
    void csvCarriesListsAsJsonTextAndParquetIsTheDefault() {
        Path csv = folder.resolve("answers-csv");
        assertEquals(0, run("score", "--input", pictures.resolve("0000*.png").toString(), "--output", csv.toString(),
                "--format", "csv"));
        List<Row> rows = spark.read().option("header", "true").csv(csv.toString()).collectAsList();
        assertEquals(10, rows.size());
        String probabilities = rows.get(0).getAs("probabilities");
        assertTrue(probabilities.startsWith("["), probabilities);
        Path parquet = folder.resolve("answers-parquet");
        assertEquals(0, run("score", "--input", pictures.resolve("0000*.png").toString(), "--output", parquet.toString()));
        assertEquals(10, spark.read().parquet(parquet.toString()).count());
    }

    @Test
    void readsNumbers() {
        Path out = folder.resolve("numbers");
        Path samples = Path.of("..", "samples", "numbers").toAbsolutePath().normalize();
        assertEquals(0, run("score", "--task", "read-numbers", "--input", samples.resolve("*.png").toString(),
                "--output", out.toString(), "--format", "json", "--backend", "onnx"));
        List<Row> rows = spark.read().json(out.toString()).collectAsList();
        assertEquals(3, rows.size());
        for (Row row : rows) {
            String name = Path.of(java.net.URI.create(row.getAs("path"))).getFileName().toString();
            assertEquals(name.substring(0, name.indexOf('_')), row.getAs("text"), name);
        }
    }

    @Test
    void usageErrorsExit2AndOtherErrors1WithOneLine() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, run("score", "--input", pictures.toString(), "--output", "x", "--task", "guess"));
            assertEquals(2, run("score", "--output", "x"));
            assertEquals(1, run("score", "--input", folder.resolve("nothing-*.png").toString(), "--output",
                    folder.resolve("none").toString()));
            assertEquals(1, run("score", "--input", pictures.toString(), "--output", folder.resolve("none").toString(),
                    "--model", folder.resolve("missing.onnx").toString()));
        } finally {
            System.setErr(err);
        }
        String messages = captured.toString(StandardCharsets.UTF_8);
        assertTrue(messages.contains("--task must be classify or read-numbers"), messages);
        assertTrue(messages.contains("digits-spark: No picture files match"), messages);
        assertTrue(messages.contains("missing.onnx does not exist"), messages);
    }
}
