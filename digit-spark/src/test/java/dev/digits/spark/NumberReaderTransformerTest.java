package dev.digits.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.preprocess.Pictures;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class NumberReaderTransformerTest {
    private static final Path SAMPLES = Path.of("..", "samples", "numbers").toAbsolutePath().normalize();

    @Test
    void readingsEqualTheLibrarysWithBoxesInTheFilesPixels() {
        List<Row> rows = new NumberReaderTransformer().setBackend("onnx")
                .transform(SparkPictures.spark().read().format("binaryFile").load(SAMPLES.resolve("*.{png,jpg}").toString()))
                .collectAsList();
        assertEquals(4, rows.size());
        try (NumberReader reader = Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), "onnx")) {
            for (Row row : rows) {
                Path file = Path.of(java.net.URI.create(row.getAs("path")));
                Pictures.Sized sized = Pictures.readSized(file);
                NumberReading expected = reader.read(sized.picture());
                assertNull(row.getAs("error"), file.toString());
                assertEquals(expected.text(), row.getAs("text"), file.toString());
                assertEquals(expected.confidence(), row.<Float>getAs("confidence"), 1e-6, file.toString());
                assertEquals(expected.verdict().key(), row.getAs("verdict"), file.toString());
                List<Row> digits = row.getList(row.fieldIndex("digits"));
                assertEquals(expected.digits().size(), digits.size(), file.toString());
                for (int i = 0; i < digits.size(); i++) {
                    NumberReading.ReadDigit digit = expected.digits().get(i);
                    assertEquals(digit.prediction().digit(), digits.get(i).<Integer>getAs("digit"), file.toString());
                    List<Integer> box = digits.get(i).getList(digits.get(i).fieldIndex("box"));
                    assertArrayEquals(sized.toFile(digit.box()).toArray(),
                            box.stream().mapToInt(Integer::intValue).toArray(), file.toString());
                }
            }
        }
        // The samples are drawn to be read: the reader gets every one.
        for (Row row : rows) {
            String name = Path.of(java.net.URI.create(row.getAs("path"))).getFileName().toString();
            assertEquals(name.substring(0, name.indexOf('_')), row.getAs("text"), name);
        }
    }
}
