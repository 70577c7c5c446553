package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.examples.cli.DigitsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code digits} command's contract: exit codes, JSON keys, one-line errors. */
class DigitsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Paths.get("..", "samples");

    @TempDir
    Path folder;

    /** Exit status, standard output, standard error. */
    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\\R");
            assertEquals(1, lines.length, "one JSON line expected, got: " + out);
            return JSON.readTree(lines[0]);
        }
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = DigitsCommand.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void backendsListsBothOnnxFirst() throws Exception {
        Run run = run("backends", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode backends = run.json();
        assertEquals(2, backends.size());
        assertEquals("onnx", backends.get(0).get("name").asText());
        assertEquals(20, backends.get(0).get("priority").asInt());
        assertEquals("dl4j", backends.get(1).get("name").asText());
        assertTrue(backends.get(1).get("available").asBoolean());
        assertEquals(10, backends.get(1).get("priority").asInt());
    }

    @Test
    void predictPrintsTheContractsJsonKeys() throws Exception {
        Run run = run("predict", SAMPLES.resolve("7_7eraflops_1.png").toString(), "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode prediction = run.json();
        assertEquals(7, prediction.get("digit").asInt());
        assertTrue(prediction.get("file").asText().endsWith("7_7eraflops_1.png"));
        assertEquals(10, prediction.get("probabilities").size());
        double sum = 0;
        for (JsonNode p : prediction.get("probabilities")) {
            sum += p.asDouble();
        }
        assertEquals(1.0, sum, 1e-3);
        assertEquals(prediction.get("probabilities").get(7).asDouble(), prediction.get("confidence").asDouble(), 1e-6);
    }

    @Test
    void stepsShowEveryStageOfAPhoto() throws Exception {
        Path steps = folder.resolve("steps.png");
        Run run = run("predict", SAMPLES.resolve("4_ericadgjl_1.jpg").toString(), "--steps", steps.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals(4, run.json().get("digit").asInt());
        java.awt.image.BufferedImage strip = javax.imageio.ImageIO.read(steps.toFile());
        assertTrue(strip.getWidth() > 5 * strip.getHeight() / 2, "a strip of several stages: " + strip.getWidth() + "x" + strip.getHeight());
    }

    @Test
    void robustnessReportsEachCorruption() throws Exception {
        Run run = run("evaluate", "--robustness", "--per-corruption", "4", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(48, result.get("count").asInt());
        assertEquals(12, result.get("byCorruption").size());
        assertTrue(result.get("byCorruption").has("ruled-paper"));
    }

    @Test
    void theNaivePipelineIsTheBaseline() throws Exception {
        Run mnist = run("evaluate", "--images", SAMPLES.toString(), "--json");
        Run naive = run("evaluate", "--images", SAMPLES.toString(), "--preprocessor", "naive", "--json");
        assertEquals(0, naive.status(), naive.err());
        assertEquals(1.0, mnist.json().get("accuracy").asDouble(), "the MNIST procedure reads all three samples");
        assertTrue(naive.json().get("accuracy").asDouble() < 1.0, "gray-resize-invert misreads the white-on-black drawing");
    }

    @Test
    void missingPictureIsAnErrorOnOneLine() {
        Run run = run("predict", folder.resolve("missing.png").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("does not exist"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("predict").status());
        assertEquals(2, run("predict", "--no-such-option", "x.png").status());
        assertEquals(2, run("fly").status());
    }

    @Test
    void unknownBackendIsAnErrorOnOneLine() {
        Run run = run("predict", "--backend", "tpu", SAMPLES.resolve("7_7eraflops_1.png").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("no backend named 'tpu'"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void evaluateOnALabelledFolderReportsAccuracyConfusionAndMisses() throws Exception {
        Run run = run("evaluate", "--images", SAMPLES.toString(), "--backend", "dl4j", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(3, result.get("count").asInt());
        assertEquals("dl4j", result.get("backend").asText());
        assertEquals(10, result.get("confusion").size());
        int misses = result.get("misclassified").size();
        assertEquals(1.0 - misses / 3.0, result.get("accuracy").asDouble(), 1e-9);
        int diagonal = 0;
        for (int d = 0; d < 10; d++) {
            diagonal += result.get("confusion").get(d).get(d).asInt();
        }
        assertEquals(3 - misses, diagonal);
    }

    @Test
    void evaluateRefusesAManifestWithoutLabels() throws Exception {
        Path manifest = folder.resolve("manifest.csv");
        Files.writeString(manifest, "file,digit\na.png,1\n");
        Run run = run("evaluate", "--images", folder.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("'label'"), run.err());
    }

    @Test
    void shortTrainingWritesAModelThatPredictLoads() throws Exception {
        Path out = folder.resolve("model");
        Run train = run("train", "--epochs", "1", "--limit", "2000", "--out", out.toString(), "--json");
        assertEquals(0, train.status(), train.err());
        JsonNode result = train.json();
        assertTrue(result.get("testAccuracy").asDouble() >= 0.85, "1 epoch on 2,000 pictures: " + result);
        assertTrue(Files.exists(out.resolve("classifier.zip")));
        assertTrue(Files.exists(out.resolve("classifier.properties")));
        Run predict = run("predict", "--model", out.resolve("classifier.zip").toString(),
                SAMPLES.resolve("7_7eraflops_1.png").toString(), "--json");
        assertEquals(0, predict.status(), predict.err());
        assertEquals(10, predict.json().get("probabilities").size());
    }
}
