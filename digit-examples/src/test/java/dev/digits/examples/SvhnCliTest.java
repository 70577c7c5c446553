package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelCard.TensorSpec;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code digits train --dataset svhn}, {@code export-onnx} and {@code evaluate --dataset svhn} on both backends,
 * on the fixtures in SVHN's MAT format that scipy wrote (kept with the reader's tests in digit-dl4j:
 * src/test/resources/svhn/make_fixtures.py). The official files cannot be had on the build machines.
 */
class SvhnCliTest {
    private static final Path FIXTURES = Paths.get("..", "digit-dl4j", "src", "test", "resources", "svhn");
    private static final String TRAIN = FIXTURES.resolve("svhn-seven-segment.mat").toString();
    private static final String TEST = FIXTURES.resolve("svhn-seven-segment-test.mat").toString();

    @TempDir
    Path folder;

    @Test
    void trainsOnAnSvhnFileExportsToOnnxAndBothBackendsMeasureTheSameAccuracy() throws Exception {
        Path out = folder.resolve("svhn-model");
        CommandRun train = CommandRun.of("train", "--dataset", "svhn", "--data", TRAIN, "--test-data", TEST,
                "--epochs", "3", "--batch-size", "32", "--validation", "100", "--out", out.toString(), "--json");
        assertEquals(0, train.status(), train.err());
        JsonNode trained = train.json();
        assertEquals("svhn", trained.get("dataset").asText());
        double testAccuracy = trained.get("testAccuracy").asDouble();
        assertTrue(testAccuracy > 0.2, "after 3 epochs on 500 pictures, above chance (0.1): " + testAccuracy);

        Path model = out.resolve("classifier.zip");
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(model));
        assertEquals("1x32x32", card.inputs().get(0).attribute(TensorSpec.SHAPE).orElseThrow());
        assertTrue(card.inputs().get(0).attribute(TensorSpec.MEAN).isPresent(), card.toString());

        Path onnx = folder.resolve("svhn.onnx");
        CommandRun export = CommandRun.of("export-onnx", "--model", model.toString(), "--out", onnx.toString(), "--json");
        assertEquals(0, export.status(), export.err());
        assertTrue(export.json().get("agrees").asBoolean(), export.out());
        ModelCard onnxCard = CardFiles.read(CardFiles.cardPathFor(onnx));
        assertEquals(card.inputs().get(0).attribute(TensorSpec.MEAN), onnxCard.inputs().get(0).attribute(TensorSpec.MEAN));
        assertEquals(card.inputs().get(0).attribute(TensorSpec.STD), onnxCard.inputs().get(0).attribute(TensorSpec.STD));

        JsonNode dl4j = evaluate("--backend", "dl4j", "--model", model.toString());
        JsonNode onnxRuntime = evaluate("--backend", "onnx", "--model", onnx.toString());
        assertEquals(100, dl4j.get("count").asInt());
        assertEquals(testAccuracy, dl4j.get("accuracy").asDouble(), 1e-9, "evaluate measures what train measured");
        assertEquals(dl4j.get("accuracy").asDouble(), onnxRuntime.get("accuracy").asDouble(), 1e-9,
                "the ONNX backend applies the card's standardisation as DL4J does");
    }

    @Test
    void aClassifierOfAnotherSizeGetsEachPictureThroughItsPreprocessing() throws Exception {
        JsonNode bundled = evaluate("--backend", "dl4j");
        assertEquals(100, bundled.get("count").asInt(), "every picture is counted, a picture without a digit as a miss");
    }

    @Test
    void withoutTheOfficialFilesTheCommandsSayHowToGetThem() {
        String data = System.getProperty("digits.data");
        System.setProperty("digits.data", folder.toString());
        try {
            CommandRun run = CommandRun.of("evaluate", "--dataset", "svhn");
            assertEquals(1, run.status());
            assertTrue(run.err().contains("test_32x32.mat is not in") && run.err().contains("--download"), run.err());
            CommandRun usage = CommandRun.of("train", "--data", TRAIN);
            assertEquals(2, usage.status(), "--data is for --dataset svhn");
        } finally {
            if (data == null) {
                System.clearProperty("digits.data");
            } else {
                System.setProperty("digits.data", data);
            }
        }
    }

    private static JsonNode evaluate(String... options) throws Exception {
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[]{"evaluate", "--dataset", "svhn", "--data", TEST, "--json"}, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        CommandRun run = CommandRun.of(args);
        assertEquals(0, run.status(), run.err());
        return run.json();
    }
}
