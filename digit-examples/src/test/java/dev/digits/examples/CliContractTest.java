package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small points of the command-line contract: usage errors exit 2, one bad input costs only its own answer. */
class CliContractTest {
    private static final Path SAMPLES = Paths.get("..", "samples");

    @TempDir
    Path folder;

    private Path picturesWithOneDamaged() throws Exception {
        for (String name : new String[]{"3_parkercai_1.png", "7_7eraflops_1.png"}) {
            Files.copy(SAMPLES.resolve(name), folder.resolve(name));
        }
        byte[] whole = Files.readAllBytes(SAMPLES.resolve("3_parkercai_1.png"));
        Files.write(folder.resolve("cut.png"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(folder.resolve("manifest.csv"), "file,label\n3_parkercai_1.png,3\ncut.png,1\n7_7eraflops_1.png,7\n");
        return folder;
    }

    @Test
    void oneBadPictureIsCountedAndTheEvaluationGoesOn() throws Exception {
        CommandRun run = CommandRun.of("evaluate", "--images", picturesWithOneDamaged().toString(), "--backend", "onnx", "--json");
        assertEquals(1, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(3, result.get("count").asInt());
        assertEquals(2, result.get("accuracy").asDouble() * 3, 1e-9);
        assertEquals(1, result.get("errors").asInt());
        assertEquals("cut.png", result.get("failed").get(0).get("file").asText());
        assertTrue(run.err().contains("cut.png"), run.err());
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        CommandRun run = CommandRun.of("predict", "--backend", "tensorflow", SAMPLES.resolve("3_parkercai_1.png").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("Unknown backend 'tensorflow'") && run.err().contains("onnx"), run.err());
    }

    @Test
    void anUnknownBackendIsAUsageErrorForTheGeneratorCommandsToo() {
        // Issue 23, item 8: generate and evaluate-generator exited 1 here.
        CommandRun run = CommandRun.of("generate", "--backend", "nonsense", "--out", folder.resolve("g.png").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("Unknown backend 'nonsense'"), run.err());
        run = CommandRun.of("evaluate-generator", "--backend", "nonsense");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("Unknown backend 'nonsense'"), run.err());
    }

    @Test
    void generateWritesThroughASymbolicLinkAndKeepsIt() throws Exception {
        // Issue 23, item 1: the rename turned the link into a file and left its target as it was.
        Path target = Files.writeString(folder.resolve("target.png"), "old");
        Path link = Files.createSymbolicLink(folder.resolve("link.png"), Paths.get("target.png"));
        CommandRun run = CommandRun.of("generate", "--digit", "3", "--count", "2", "--out", link.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertTrue(javax.imageio.ImageIO.read(target.toFile()) != null, "the target holds the PNG");
        Path folderOut = Files.createDirectory(folder.resolve("grid.png"));
        run = CommandRun.of("generate", "--digit", "3", "--count", "2", "--out", folderOut.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("is a folder"), run.err());
    }

    @Test
    void aSecondTrainingOnTheSameFolderIsRefusedNamingTheFirst() throws Exception {
        // Issue 23, item 7: the second deleted the first's temporary files; the first then failed, misleadingly.
        Path out = Files.createDirectory(folder.resolve("model"));
        Path leftover = Files.writeString(out.resolve(".classifier.zip.abc.tmp"), "the first training's file");
        try (dev.digits.io.FolderLock first = dev.digits.io.FolderLock.acquire(out, "digits train --out model")) {
            for (String[] command : new String[][]{{"train", "--epochs", "1", "--limit", "200"}, {"train-gan"},
                    {"train-reader"}, {"train-rejection", "--base", "classifier.zip"}}) {
                String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                        java.util.stream.Stream.of("--out", out.toString())).toArray(String[]::new);
                CommandRun run = CommandRun.of(args);
                assertEquals(1, run.status(), command[0] + ": " + run.err());
                assertTrue(run.err().contains("in use by another run") && run.err().contains("digits train --out model"),
                        run.err());
            }
        }
        assertTrue(Files.exists(leftover), "the first training's temporary file is left alone");
    }

    @Test
    void outOfRangeRejectionSettingsAreUsageErrors() {
        CommandRun letters = CommandRun.of("evaluate-rejection", "--font-letters", "-1");
        assertEquals(2, letters.status(), letters.err());
        assertTrue(letters.err().contains("--font-letters must be 0 or more"), letters.err());
        CommandRun distillation = CommandRun.of("train-rejection", "--base", "x.zip", "--distillation", "1.5");
        assertEquals(2, distillation.status(), distillation.err());
        assertTrue(distillation.err().contains("--distillation must be at least 0 and below 1"), distillation.err());
    }

    @Test
    void columnsBelowOneAreAUsageError() {
        for (String columns : new String[]{"0", "-3"}) {
            Path out = folder.resolve("grid" + columns + ".png");
            CommandRun run = CommandRun.of("generate", "--columns", columns, "--count", "2", "--out", out.toString());
            assertEquals(2, run.status(), columns + ": " + run.err());
            assertTrue(run.err().contains("--columns must be 1 to 10000"), run.err());
            assertTrue(!Files.exists(out), "nothing is written on a usage error");
        }
    }

    @Test
    void aMinimumConfidenceOutsideZeroToOneIsAUsageError() {
        for (String value : new String[]{"5", "NaN", "-0.1"}) {
            CommandRun run = CommandRun.of("predict", "--min-confidence", value, SAMPLES.resolve("3_parkercai_1.png").toString());
            assertEquals(2, run.status(), value + ": " + run.err());
            assertTrue(run.err().contains("--min-confidence must be a probability from 0 to 1"), run.err());
        }
    }

    @Test
    void aDamagedPictureIsNamedOnceInItsErrorLine() throws Exception {
        Path cut = picturesWithOneDamaged().resolve("cut.png");
        CommandRun run = CommandRun.of("predict", "--backend", "onnx", cut.toString());
        assertEquals(1, run.status());
        String line = run.err().strip();
        assertEquals(1, line.split(java.util.regex.Pattern.quote(cut.toString()), -1).length - 1, line);
        assertTrue(!line.contains("(null)"), line);
    }
}
