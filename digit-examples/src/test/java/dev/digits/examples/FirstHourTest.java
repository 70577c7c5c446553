package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user met in the first hour (issue 24): messages that say what to do next, and the samples they try. */
class FirstHourTest {
    private static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void theNumbersInSamplesAreReadWhole() throws Exception {
        CommandRun run = CommandRun.of("evaluate-numbers", "--images", SAMPLES.resolve("numbers").toString(), "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(4, result.get("count").asInt());
        assertEquals(1.0, result.get("sequenceAccuracy").asDouble(), 1e-9, run.out());
    }

    @Test
    void predictOnAPictureOfANumberSaysSoAndPointsToRead() throws Exception {
        Path number = SAMPLES.resolve("numbers").resolve("2024_drawn.png");
        CommandRun words = CommandRun.of("predict", number.toString());
        assertEquals(0, words.status(), words.err());
        assertTrue(words.out().contains("not a digit") && words.out().contains("a number of 4 digits")
                && words.out().contains("digits read " + number), words.out());
        JsonNode json = CommandRun.of("predict", number.toString(), "--json").json();
        assertTrue(json.get("hint").asText().contains("digits read"), json.toString());
        JsonNode single = CommandRun.of("predict", SAMPLES.resolve("4_ericadgjl_1.jpg").toString(), "--json").json();
        assertFalse(single.has("hint"), "a digit needs no hint: " + single);
    }

    @Test
    void aFolderWithoutAManifestIsToldWhatAManifestIs() {
        CommandRun run = CommandRun.of("evaluate", "--images", folder.toString());
        assertEquals(1, run.status());
        String manifest = folder.resolve("manifest.csv").toString();
        assertTrue(run.err().contains("No manifest " + manifest) && run.err().contains("columns file and label")
                && run.err().contains("--manifest"), run.err());
        assertEquals(run.err().indexOf(manifest), run.err().lastIndexOf(manifest), "the path once: " + run.err());
    }

    @Test
    void aWriteThatFailsNamesTheTargetAndTheReasonNotATemporaryFile() throws Exception {
        Path blocked = folder.resolve("not-a-folder");
        Files.writeString(blocked, "a file where a folder should be");
        Path target = blocked.resolve("steps.png");
        CommandRun run = CommandRun.of("predict", SAMPLES.resolve("3_parkercai_1.png").toString(), "--steps", target.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("Cannot write " + target + ": "), run.err());
        assertFalse(run.err().contains(".tmp"), "no temporary file: " + run.err());
    }

    @Test
    void generateScalesEachDigitCell() throws Exception {
        Path small = folder.resolve("small.png");
        Path large = folder.resolve("large.png");
        assertEquals(0, CommandRun.of("generate", "--digit", "3", "--count", "4", "--out", small.toString()).status());
        CommandRun run = CommandRun.of("generate", "--digit", "3", "--count", "4", "--scale", "4", "--out", large.toString());
        assertEquals(0, run.status(), run.err());
        BufferedImage one = ImageIO.read(small.toFile());
        BufferedImage four = ImageIO.read(large.toFile());
        assertEquals(4 * one.getWidth(), four.getWidth());
        assertEquals(4 * one.getHeight(), four.getHeight());
        assertEquals(2, CommandRun.of("generate", "--digit", "3", "--scale", "0", "--out", large.toString()).status());
    }

    @Test
    void theBackendsTableKeepsItsColumnsApart() {
        CommandRun run = CommandRun.of("backends");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().strip().lines().toList();
        int artifact = lines.get(0).indexOf("ARTIFACT");
        for (String line : lines) {
            assertTrue(line.length() <= 80, line);
            if (line != lines.get(0)) {
                assertEquals(' ', line.charAt(artifact - 1), "a space before the artifact column: " + line);
                assertTrue(line.substring(artifact).startsWith("digit-"), line);
            }
        }
    }

    @Test
    void theAppTakesVerbose() {
        CommandRun run = CommandRun.of("app", "--help");
        assertTrue(run.out().contains("--verbose"), run.out());
    }
}
