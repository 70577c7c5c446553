package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digits.data.SyntheticNumbers;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code digits read} and {@code digits evaluate-numbers}: the contract's JSON keys and failures. */
class NumberCliTest {
    private static final Path SAMPLES = Paths.get("..", "samples");

    @TempDir
    Path folder;

    @Test
    void readPrintsTheTextAndEachDigitWithItsBox() throws Exception {
        Path steps = folder.resolve("boxes.png");
        CommandRun run = CommandRun.of("read", SAMPLES.resolve("7_7eraflops_1.png").toString(), "--steps", steps.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode reading = run.json();
        assertTrue(reading.get("file").asText().endsWith("7_7eraflops_1.png"));
        assertEquals("7", reading.get("text").asText());
        assertEquals(1, reading.get("digits").size());
        JsonNode digit = reading.get("digits").get(0);
        assertEquals(7, digit.get("digit").asInt());
        assertEquals(digit.get("confidence").asDouble(), reading.get("confidence").asDouble(), 1e-6);
        assertEquals(4, digit.get("box").size());
        BufferedImage drawn = ImageIO.read(steps.toFile());
        BufferedImage input = ImageIO.read(SAMPLES.resolve("7_7eraflops_1.png").toFile());
        // The picture at its own scale at the top (boxes in its pixels), the strip of steps below it.
        assertTrue(drawn.getWidth() >= input.getWidth() && drawn.getHeight() > input.getHeight(),
                drawn.getWidth() + "x" + drawn.getHeight() + " for " + input.getWidth() + "x" + input.getHeight());
        assertEquals(input.getRGB(0, 0), drawn.getRGB(0, 0), "the picture itself, unscaled, at the top left");
        assertTrue(digit.get("box").get(0).asInt() + digit.get("box").get(2).asInt() <= input.getWidth());
    }

    @Test
    void readReportsAFailingPictureAndGoesOn() throws Exception {
        Path blank = folder.resolve("blank.png");
        ImageIO.write(new BufferedImage(120, 60, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
        CommandRun run = CommandRun.of("read", blank.toString(), SAMPLES.resolve("7_7eraflops_1.png").toString(), "--json");
        assertEquals(1, run.status());
        assertEquals(2, run.jsonLines().size(), run.out());
        assertTrue(run.jsonLines().get(0).get("text").isNull());
        assertTrue(run.jsonLines().get(0).has("error"));
        assertEquals("7", run.jsonLines().get(1).get("text").asText());
    }

    @Test
    void evaluateNumbersOnASmallSyntheticSet() throws Exception {
        CommandRun run = CommandRun.of("evaluate-numbers", "--count", "24", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(24, result.get("count").asInt());
        assertEquals(6, result.get("byLength").size());
        assertEquals("separated", result.get("variant").asText());
        // The whole set reads about 97% exactly; 24 numbers leave room for chance, not for a broken reader.
        assertTrue(result.get("sequenceAccuracy").asDouble() >= 0.8, result.toString());
        assertTrue(result.get("digitAccuracy").asDouble() >= result.get("sequenceAccuracy").asDouble() - 1e-9);
    }

    @Test
    void evaluateNumbersRobustnessReportsEachCondition() throws Exception {
        CommandRun run = CommandRun.of("evaluate-numbers", "--robustness", "--count", "2", "--strategy", "segmentation",
                "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(2 * dev.digits.data.NumberCondition.values().length, result.get("count").asInt());
        assertEquals(2, result.get("perCondition").asInt());
        JsonNode byCondition = result.get("byCondition");
        for (dev.digits.data.NumberCondition condition : dev.digits.data.NumberCondition.values()) {
            JsonNode part = byCondition.get(condition.label());
            assertEquals(2, part.get("count").asInt(), condition.label());
            double accuracy = part.get("sequenceAccuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, condition.label() + ": " + accuracy);
        }
        for (JsonNode miss : result.get("misread")) {
            assertTrue(byCondition.has(miss.get("condition").asText()), miss.toString());
            assertTrue(miss.get("index").asInt() < 2, miss.toString());
        }
        CommandRun both = CommandRun.of("evaluate-numbers", "--robustness", "--images", SAMPLES.toString());
        assertEquals(2, both.status(), both.err());
    }

    @Test
    void theLearnedReaderReadsTouchingDigitsThatSegmentationCannot() throws Exception {
        CommandRun learned = CommandRun.of("evaluate-numbers", "--variant", "touching", "--count", "90", "--strategy",
                "learned", "--json");
        CommandRun segmented = CommandRun.of("evaluate-numbers", "--variant", "touching", "--count", "90", "--strategy",
                "segmentation", "--json");
        assertEquals(0, learned.status(), learned.err());
        assertEquals(0, segmented.status(), segmented.err());
        double byModel = learned.json().get("sequenceAccuracy").asDouble();
        double bySegments = segmented.json().get("sequenceAccuracy").asDouble();
        // Measured on 3,000 validation numbers: about 0.6 against 0.2; 90 numbers leave room for chance only.
        assertTrue(byModel >= bySegments + 0.2, "learned " + byModel + " against segmentation " + bySegments);
    }

    @Test
    void theBundledReadersConfidenceIsCalibratedOnBothSyntheticTestSets() throws Exception {
        // Issue 22: expected calibration error of the whole-number confidence at most 0.05 on the synthetic test sets.
        for (String variant : List.of("separated", "touching")) {
            CommandRun run = CommandRun.of("evaluate-numbers", "--variant", variant, "--json");
            assertEquals(0, run.status(), run.err());
            JsonNode result = run.jsonLines().get(0);
            assertEquals(3000, result.get("count").asInt());
            assertTrue(result.get("ece").asDouble() <= 0.05, variant + ": " + result);
        }
    }

    @Test
    void calibrateReaderPrintsTheFourCardEntries() throws Exception {
        CommandRun run = CommandRun.of("calibrate-reader", "--count", "100", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.jsonLines().get(0);
        assertEquals(300, result.get("fittedOn").asInt());
        for (String key : List.of("reading.calibration.agreed", "reading.calibration.disagreed",
                "reading.calibration.miscounted", "reading.calibration.cleanings")) {
            String[] slopeOffset = result.get(key).asText().split(",");
            assertEquals(2, slopeOffset.length, result.toString());
            assertTrue(Double.parseDouble(slopeOffset[0]) > 0, result.toString());
            assertTrue(Double.isFinite(Double.parseDouble(slopeOffset[1])), result.toString());
        }
        CommandRun tooFew = CommandRun.of("calibrate-reader", "--count", "3");
        assertEquals(2, tooFew.status(), tooFew.err());
        assertTrue(tooFew.err().contains("--count must be at least 12"), tooFew.err());
    }

    @Test
    void anUnknownStrategyIsAUsageError() {
        CommandRun run = CommandRun.of("evaluate-numbers", "--count", "6", "--strategy", "guess");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("segmentation, learned, confident"), run.err());
    }

    @Test
    void evaluateNumbersOnLabelledPicturesCountsAFailureAsWrong() throws Exception {
        SyntheticNumbers set = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED, 5);
        StringBuilder manifest = new StringBuilder("file,label\n");
        for (int i = 0; i < 4; i++) {
            SyntheticNumbers.Sample sample = set.sample(i);
            ImageIO.write(sample.picture(), "png", folder.resolve(i + ".png").toFile());
            manifest.append(i).append(".png,").append(sample.text()).append('\n');
        }
        ImageIO.write(new BufferedImage(90, 40, BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve("blank.png").toFile());
        manifest.append("blank.png,007\n");
        Files.writeString(folder.resolve("manifest.csv"), manifest);
        CommandRun run = CommandRun.of("evaluate-numbers", "--images", folder.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(5, result.get("count").asInt());
        assertTrue(result.get("sequenceAccuracy").asDouble() <= 0.8, "the blank picture is wrong");
        JsonNode blank = null;
        for (JsonNode miss : result.get("misread")) {
            if (miss.get("file").asText().equals("blank.png")) {
                blank = miss;
            }
        }
        assertTrue(blank != null && blank.get("read").isNull(), result.toString());
        assertEquals("007", blank.get("label").asText(), "leading zeros kept");
    }

    @Test
    void anUnknownVariantIsAUsageError() {
        CommandRun run = CommandRun.of("evaluate-numbers", "--variant", "cursive", "--json");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("separated, touching"), run.err());
    }
}
