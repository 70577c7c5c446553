package dev.digits.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.CardFiles;
import dev.digits.ChecksumMismatchException;
import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.data.Mnist;
import dev.digits.onnx.OnnxBackend;
import dev.digits.preprocess.Pictures;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitClassifierTransformerTest {
    private static final int PICTURES = 500;

    @TempDir
    static Path folder;
    private static Path mnist;
    private static SparkSession spark;

    @BeforeAll
    static void pictures() {
        spark = SparkPictures.spark();
        mnist = SparkPictures.mnistPngs(folder.resolve("mnist"), PICTURES);
    }

    private static Dataset<Row> files(Path pictures) {
        return spark.read().format("binaryFile").load(pictures.toString());
    }

    private static Map<String, Row> byFileName(Dataset<Row> answered) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : answered.collectAsList()) {
            rows.put(Path.of(java.net.URI.create(row.getAs("path"))).getFileName().toString(), row);
        }
        return rows;
    }

    @Test
    void theOutputSchemaAddsTheAnswerColumnsAndRefusesOtherInputs() {
        StructType out = new DigitClassifierTransformer().transformSchema(files(mnist).schema());
        assertEquals(List.of("path", "modificationTime", "length", "content", "digit", "verdict", "confidence",
                "notDigit", "probabilities", "error"), List.of(out.fieldNames()));
        assertEquals(DataTypes.IntegerType, out.apply("digit").dataType());
        assertEquals(DataTypes.createArrayType(DataTypes.FloatType, false), out.apply("probabilities").dataType());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> new DigitClassifierTransformer().setInputCol("length").transformSchema(files(mnist).schema()));
        assertTrue(wrongType.getMessage().contains("'length' is bigint"), wrongType.getMessage());
        assertEquals(out, new DigitClassifierTransformer().setInputCol("path").transformSchema(files(mnist).schema()),
                "a column of paths is read too");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new DigitClassifierTransformer().setInputCol("pixels").transformSchema(files(mnist).schema()));
        assertTrue(missing.getMessage().contains("no input column 'pixels'"), missing.getMessage());
    }

    @Test
    void answersEqualTheLibrarysOn500MnistPictures() throws Exception {
        Map<String, Row> rows = byFileName(new DigitClassifierTransformer().setBackend("onnx").transform(files(mnist)));
        assertEquals(PICTURES, rows.size());
        int correct = 0;
        try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, "onnx")) {
            for (Map.Entry<String, Row> entry : rows.entrySet()) {
                Prediction expected = classifier.classify(Pictures.read(mnist.resolve(entry.getKey())))
                        .withThresholds(DigitClassifierTransformer.thresholds(classifier));
                Row row = entry.getValue();
                assertNull(row.getAs("error"), entry.getKey());
                assertEquals(expected.verdict().key(), row.getAs("verdict"), entry.getKey());
                assertEquals(expected.verdict() == Verdict.DIGIT ? expected.digit() : null, row.getAs("digit"), entry.getKey());
                assertEquals(expected.confidence(), row.<Float>getAs("confidence"), 1e-6, entry.getKey());
                assertEquals(expected.notDigitProbability(), row.<Float>getAs("notDigit"), 1e-6, entry.getKey());
                List<Float> probabilities = row.getList(row.fieldIndex("probabilities"));
                for (int d = 0; d < 10; d++) {
                    assertEquals(expected.probabilities()[d], probabilities.get(d), 1e-6, entry.getKey());
                }
                int label = Mnist.fromDataFolder().test().label(Integer.parseInt(entry.getKey().substring(0, 5)));
                correct += Integer.valueOf(label).equals(row.getAs("digit")) ? 1 : 0;
            }
        }
        assertTrue(correct >= 0.99 * PICTURES, correct + " of " + PICTURES + " read right");
    }

    @Test
    void aBadPictureCostsOneRowNeverTheJob() throws Exception {
        Path mixed = Files.createDirectories(folder.resolve("mixed"));
        for (int i = 0; i < 20; i++) {
            Files.copy(mnist.resolve(String.format("%05d.png", i)), mixed.resolve(String.format("good-%02d.png", i)));
        }
        byte[] png = Files.readAllBytes(mnist.resolve("00000.png"));
        Files.write(mixed.resolve("bad-truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
        Files.write(mixed.resolve("bad-empty.png"), new byte[0]);
        Files.writeString(mixed.resolve("bad-text.png"), "a shopping list, not a picture", StandardCharsets.UTF_8);
        ImageIO.write(ImageIO.read(mnist.resolve("00001.png").toFile()), "tiff", mixed.resolve("bad-tiff.tif").toFile());
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY), "png", mixed.resolve("bad-blank.png").toFile());

        // Paths, which the transformer reads itself: Spark's binaryFile source drops empty files.
        List<String> paths;
        try (java.util.stream.Stream<Path> listed = Files.list(mixed)) {
            paths = listed.map(p -> p.toUri().toString()).toList();
        }
        Dataset<Row> pathRows = spark.createDataset(paths, org.apache.spark.sql.Encoders.STRING()).toDF("path");
        Map<String, Row> rows = byFileName(new DigitClassifierTransformer().setInputCol("path").transform(pathRows));
        assertEquals(25, rows.size(), rows.keySet().toString());
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            Row row = entry.getValue();
            if (entry.getKey().startsWith("good")) {
                assertNull(row.getAs("error"), entry.getKey());
                assertNotNull(row.getAs("verdict"), entry.getKey());
            } else {
                String error = row.getAs("error");
                assertNotNull(error, entry.getKey() + " should have an error");
                assertTrue(error.contains(entry.getKey()) || entry.getKey().equals("bad-blank.png"), error);
                assertNull(row.getAs("verdict"), entry.getKey());
                assertNull(row.getAs("probabilities"), entry.getKey());
            }
        }
        String tiff = rows.get("bad-tiff.tif").getAs("error");
        assertTrue(tiff.contains("TIF picture, which Digits does not read"), tiff);
        String empty = rows.get("bad-empty.png").getAs("error");
        assertTrue(empty.contains("empty"), empty);
    }

    @Test
    void aPipelineWithTheTransformerSavesAndLoads() throws Exception {
        DigitClassifierTransformer transformer = new DigitClassifierTransformer().setBackend("onnx").setBatchSize(17);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[]{transformer}).fit(files(mnist));
        Path saved = folder.resolve("pipeline");
        fitted.write().overwrite().save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());
        DigitClassifierTransformer back = (DigitClassifierTransformer) loaded.stages()[0];
        assertEquals(transformer.uid(), back.uid());
        assertEquals(17, back.getBatchSize());
        assertEquals("onnx", back.getBackend());
        assertEquals("classifier", back.getModel());
        assertEquals("content", back.getInputCol());

        Path alone = folder.resolve("alone");
        transformer.write().overwrite().save(alone.toString());
        assertEquals(17, DigitClassifierTransformer.load(alone.toString()).getBatchSize());

        Map<String, Row> before = byFileName(fitted.transform(files(mnist)).limit(50));
        Map<String, Row> after = byFileName(loaded.transform(files(mnist)));
        for (Map.Entry<String, Row> entry : before.entrySet()) {
            assertEquals(entry.getValue().<Float>getAs("confidence"), after.get(entry.getKey()).<Float>getAs("confidence"));
        }
    }

    @Test
    void aMissingOrDamagedModelFailsOnTheDriverBeforeAnyTask() throws Exception {
        Dataset<Row> pictures = files(mnist);
        BadModelFileException missing = assertThrows(BadModelFileException.class,
                () -> new DigitClassifierTransformer().setModel(folder.resolve("nowhere.onnx").toString()).transform(pictures));
        assertTrue(missing.getMessage().contains("nowhere.onnx does not exist"), missing.getMessage());

        Path models = Files.createDirectories(folder.resolve("models"));
        Path model = models.resolve("classifier.onnx");
        byte[] bundled;
        try (InputStream in = OnnxBackend.class.getResourceAsStream(OnnxBackend.BUNDLED_FOLDER + "classifier.onnx");
             InputStream card = OnnxBackend.class.getResourceAsStream(OnnxBackend.BUNDLED_FOLDER + "classifier.onnx.properties")) {
            bundled = in.readAllBytes();
            Files.write(model, bundled);
            Files.write(CardFiles.cardPathFor(model), card.readAllBytes());
        }
        Map<String, Row> fromFile = byFileName(new DigitClassifierTransformer().setModel(model.toString())
                .setBackend("onnx").transform(pictures).limit(20));
        Map<String, Row> fromBundle = byFileName(new DigitClassifierTransformer().setBackend("onnx").transform(pictures));
        for (Map.Entry<String, Row> entry : fromFile.entrySet()) {
            assertEquals(fromBundle.get(entry.getKey()).<Float>getAs("confidence"), entry.getValue().<Float>getAs("confidence"));
        }

        byte[] damaged = bundled.clone();
        damaged[damaged.length / 2] ^= 1;
        Files.write(model, damaged);
        assertThrows(ChecksumMismatchException.class,
                () -> new DigitClassifierTransformer().setModel(model.toString()).transform(pictures));
    }

    @Test
    void bothBackendsGiveTheSameAnswers() {
        Dataset<Row> pictures = files(mnist).limit(100);
        Map<String, Row> onnx = byFileName(new DigitClassifierTransformer().setBackend("onnx").transform(pictures));
        Map<String, Row> dl4j = byFileName(new DigitClassifierTransformer().setBackend("dl4j").transform(pictures));
        assertEquals(onnx.keySet(), dl4j.keySet());
        for (Map.Entry<String, Row> entry : onnx.entrySet()) {
            Row other = dl4j.get(entry.getKey());
            assertEquals(entry.getValue().<Object>getAs("digit"), other.getAs("digit"), entry.getKey());
            assertEquals(entry.getValue().<Float>getAs("confidence"), other.<Float>getAs("confidence"), 1e-4, entry.getKey());
        }
    }

    @Test
    void theImageSourcesStructsAreReadToo() {
        Dataset<Row> images = spark.read().format("image").load(mnist.toString()).limit(50);
        List<Row> rows = new DigitClassifierTransformer().setInputCol("image").setBackend("onnx").transform(images)
                .collectAsList();
        Map<String, Row> fromFiles = byFileName(new DigitClassifierTransformer().setBackend("onnx").transform(files(mnist)));
        assertEquals(50, rows.size());
        for (Row row : rows) {
            String origin = row.getStruct(row.fieldIndex("image")).getAs("origin");
            String name = Path.of(java.net.URI.create(origin)).getFileName().toString();
            assertNull(row.getAs("error"), name);
            assertEquals(fromFiles.get(name).<Object>getAs("digit"), row.getAs("digit"), name);
            assertEquals(fromFiles.get(name).<Float>getAs("confidence"), row.<Float>getAs("confidence"), 1e-6, name);
        }
    }
}
