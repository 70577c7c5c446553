package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code src/main/launcher/digits}, copied beside {@code digits.jar} by the build) runs
 * {@code predict}: the first run makes the class-data-sharing archive, the second uses it, and both print what
 * {@code java -jar} prints. The shaded jar is made after the tests, so the test puts a small jar beside the script
 * whose manifest names the test's class path.
 */
class LauncherTest {
    @TempDir
    Path folder;

    @Test
    void theLauncherRunsPredictAndKeepsItsArchive() throws Exception {
        Path script = folder.resolve("digits");
        Files.copy(Path.of("src/main/launcher/digits"), script);
        assertTrue(script.toFile().setExecutable(true));
        writeJar(folder.resolve("digits.jar"));
        Path cache = folder.resolve("cds");
        Path picture = Path.of("..", "samples", "4_ericadgjl_1.jpg").toAbsolutePath().normalize();

        Result first = run(cache, script.toString(), "predict", picture.toString());
        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains(": 4 ("), first.output());
        List<Path> archives;
        try (Stream<Path> files = Files.list(cache)) {
            archives = files.toList();
        }
        assertEquals(1, archives.size(), "one archive, no partial file left: " + archives);
        assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa"), archives.toString());

        Result second = run(cache, script.toString(), "predict", picture.toString());
        assertEquals(0, second.status(), second.output());
        assertEquals(first.output(), second.output(), "the run with the archive answers as the one that made it");

        Result plain = run(cache, "java", "-jar", folder.resolve("digits.jar").toString(), "predict", picture.toString());
        assertEquals(first.output(), plain.output(), "java -jar still works and answers the same");

        Result bad = run(cache, script.toString(), "predict", folder.resolve("missing.png").toString());
        assertTrue(bad.status() != 0, "an error's exit status passes through the launcher: " + bad.output());
    }

    private record Result(int status, String output) {
    }

    private Result run(Path cache, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("DIGITS_CDS_DIR", cache.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher ended");
        return new Result(process.exitValue(), output);
    }

    /** A jar with no classes, whose manifest runs the CLI from this test's class path. */
    private static void writeJar(Path jar) throws IOException {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            urls.add(path.toUri().toString());
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.digits.examples.cli.DigitsCommand");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole jar.
        }
    }
}
