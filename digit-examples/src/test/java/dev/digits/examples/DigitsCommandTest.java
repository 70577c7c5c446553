package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code digits} command's contract: exit codes, JSON keys, one-line errors. */
class DigitsCommandTest {
    private static final Path SAMPLES = Paths.get("..", "samples");

    @TempDir
    Path folder;


    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void backendsListsDl4jAvailable() throws Exception {
        CommandRun run = run("backends", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode dl4j = null;
        for (JsonNode backend : run.jsonLines()) {
            if (backend.get("name").asText().equals("dl4j")) {
                dl4j = backend;
            }
        }
        assertTrue(dl4j != null && dl4j.get("available").asBoolean(), run.out());
        assertEquals(10, dl4j.get("priority").asInt());
        assertEquals("classify", dl4j.get("tasks").get(0).asText());
    }

    @Test
    void predictPrintsTheContractsJsonKeys() throws Exception {
        CommandRun run = run("predict", SAMPLES.resolve("7_7eraflops_1.png").toString(), "--json");
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
        CommandRun run = run("predict", SAMPLES.resolve("4_ericadgjl_1.jpg").toString(), "--steps", steps.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals(4, run.json().get("digit").asInt());
        java.awt.image.BufferedImage strip = javax.imageio.ImageIO.read(steps.toFile());
        assertTrue(strip.getWidth() > 5 * strip.getHeight() / 2, "a strip of several stages: " + strip.getWidth() + "x" + strip.getHeight());
    }

    @Test
    void robustnessReportsEachCorruption() throws Exception {
        CommandRun run = run("evaluate", "--robustness", "--per-corruption", "4", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(52, result.get("count").asInt());
        assertEquals(13, result.get("byCorruption").size());
        assertTrue(result.get("byCorruption").has("small-thin-digit"));
        assertTrue(result.get("byCorruption").has("ruled-paper"));
    }

    @Test
    void theNaivePipelineIsTheBaseline() throws Exception {
        CommandRun mnist = run("evaluate", "--images", SAMPLES.toString(), "--json");
        CommandRun naive = run("evaluate", "--images", SAMPLES.toString(), "--preprocessor", "naive", "--json");
        assertEquals(0, naive.status(), naive.err());
        assertEquals(1.0, mnist.json().get("accuracy").asDouble(), "the MNIST procedure reads all three samples");
        assertTrue(naive.json().get("accuracy").asDouble() < 1.0, "gray-resize-invert misreads the white-on-black drawing");
    }

    /** Issue 24: {@code predict samples/} said the folder did not exist; a folder stands for its pictures. */
    @Test
    void aFolderStandsForItsPicturesSortedByName() throws Exception {
        CommandRun run = run("predict", SAMPLES.toString());
        assertEquals(0, run.status(), run.err());
        java.util.List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(0).contains("3_parkercai_1.png: 3 "), lines.get(0));
        assertTrue(lines.get(1).contains("4_ericadgjl_1.jpg: 4 "), lines.get(1));
        assertTrue(lines.get(2).contains("7_7eraflops_1.png: 7 "), lines.get(2));
        CommandRun empty = run("predict", folder.toString());
        assertEquals(1, empty.status());
        assertTrue(empty.err().contains("is a folder, not a picture"), empty.err());
    }

    @Test
    void missingPictureIsAnErrorOnOneLine() {
        CommandRun run = run("predict", folder.resolve("missing.png").toString());
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
    void unknownBackendIsAUsageErrorNamedOnTheFirstLine() {
        CommandRun run = run("predict", "--backend", "tpu", SAMPLES.resolve("7_7eraflops_1.png").toString());
        assertEquals(2, run.status(), "a wrong option value is a usage error");
        assertTrue(run.err().strip().lines().findFirst().orElse("").contains("Unknown backend 'tpu'"), run.err());
    }

    @Test
    void evaluateOnALabelledFolderReportsAccuracyConfusionAndMisses() throws Exception {
        CommandRun run = run("evaluate", "--images", SAMPLES.toString(), "--backend", "dl4j", "--json");
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
    void reportWritesTheConfusionMatrixAsAPicture() throws Exception {
        Path report = folder.resolve("report");
        CommandRun run = run("evaluate", "--images", SAMPLES.toString(), "--report", report.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        java.awt.image.BufferedImage confusion = javax.imageio.ImageIO.read(report.resolve("confusion.png").toFile());
        assertTrue(confusion.getWidth() >= 300 && confusion.getHeight() >= 300);
        assertEquals(run.json(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Files.readString(report.resolve("evaluation.json"))));
    }

    @Test
    void reportDrawsEachMisclassifiedPictureWithItsLabelAndPrediction() throws Exception {
        Path pictures = folder.resolve("pictures");
        Files.createDirectories(pictures);
        Files.copy(SAMPLES.resolve("7_7eraflops_1.png"), pictures.resolve("seven.png"));
        Files.copy(SAMPLES.resolve("3_parkercai_1.png"), pictures.resolve("three.png"));
        Files.writeString(pictures.resolve("manifest.csv"), "file,label\nseven.png,1\nthree.png,3\n");
        Path report = folder.resolve("report");
        CommandRun run = run("evaluate", "--images", pictures.toString(), "--report", report.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals(1, run.json().get("misclassified").size(), "the seven labelled 1");
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(report.resolve("misclassified.png").toFile());
        assertTrue(grid.getHeight() < 200, "one row: " + grid.getHeight());
        int ink = 0;
        int caption = 0;
        for (int y = 0; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                int rgb = grid.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                caption += r > 150 && g < 90 && b < 90 ? 1 : 0;
                ink += Math.abs(r - g) < 10 && Math.abs(g - b) < 10 && r < 60 && y > 30 ? 1 : 0;
            }
        }
        assertTrue(caption > 20, "the red caption 1 -> 7 under the picture");
        assertTrue(ink > 100, "the picture itself (white on black) is drawn");
    }

    @Test
    void evaluateRefusesAManifestWithoutLabels() throws Exception {
        Path manifest = folder.resolve("manifest.csv");
        Files.writeString(manifest, "file,digit\na.png,1\n");
        CommandRun run = run("evaluate", "--images", folder.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("'label'"), run.err());
    }

    @Test
    void shortTrainingWritesAModelThatPredictLoads() throws Exception {
        Path out = folder.resolve("model");
        CommandRun train = run("train", "--epochs", "1", "--limit", "2000", "--out", out.toString(), "--json");
        assertEquals(0, train.status(), train.err());
        JsonNode result = train.json();
        assertTrue(result.get("testAccuracy").asDouble() >= 0.85, "1 epoch on 2,000 pictures: " + result);
        assertTrue(Files.exists(out.resolve("classifier.zip")));
        assertTrue(Files.exists(out.resolve("classifier.zip.properties")));
        assertEquals(out.resolve("classifier-curves.png").toAbsolutePath().toString(), result.get("curves").asText());
        assertTrue(javax.imageio.ImageIO.read(out.resolve("classifier-curves.png").toFile()).getWidth() > 500,
                "the loss and accuracy charts side by side");
        CommandRun predict = run("predict", "--model", out.resolve("classifier.zip").toString(),
                SAMPLES.resolve("7_7eraflops_1.png").toString(), "--json");
        assertEquals(0, predict.status(), predict.err());
        assertEquals(10, predict.json().get("probabilities").size());
    }

    /** Settings are chosen on the validation split: evaluate measures it on request, never the test set then. */
    @Test
    void evaluateMeasuresTheValidationSplitOnRequest() throws Exception {
        CommandRun run = run("evaluate", "--digits", "validation", "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals(5_000, run.json().get("count").asInt());
        assertTrue(run.json().get("accuracy").asDouble() >= 0.99, run.out());
        CommandRun wrong = run("evaluate", "--digits", "training");
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("test or validation"), wrong.err());
    }

    /** Issue 25's training options refuse what they cannot do, saying what they take, before any training. */
    @Test
    void trainingOptionsOfIssue25RefuseBadValues() {
        CommandRun width = run("train", "--architecture", "huge", "--out", folder.resolve("m").toString());
        assertEquals(2, width.status());
        assertTrue(width.err().contains("known: standard, wide"), width.err());
        CommandRun teacher = run("train", "--teacher", folder.resolve("absent.zip").toString(), "--out",
                folder.resolve("m").toString());
        assertEquals(2, teacher.status());
        assertTrue(teacher.err().contains("No teacher classifier at"), teacher.err());
        CommandRun weight = run("train", "--teacher", SAMPLES.resolve("7_7eraflops_1.png").toString(), "--distillation",
                "1", "--out", folder.resolve("m").toString());
        assertEquals(2, weight.status());
        assertTrue(weight.err().contains("between 0 and 1"), weight.err());
        String sample = SAMPLES.resolve("7_7eraflops_1.png").toString();
        CommandRun guarded = run("train-rejection", "--base", sample + "," + sample, "--unchanged", sample, "--out",
                folder.resolve("m").toString());
        assertEquals(2, guarded.status());
        assertTrue(guarded.err().contains("--unchanged runs beside one fine-tuned --base, not 2"), guarded.err());
        assertTrue(Files.notExists(folder.resolve("m")), "nothing written");
    }
}
