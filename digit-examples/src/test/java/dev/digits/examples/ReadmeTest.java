package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README as a newcomer uses it: every Java block compiles as pasted (imports included) and runs from the
 * repository's root; every {@code digits} command of its shell blocks reads only files that exist or that an
 * earlier command made, in the order written, and writes under {@code target/}, an ignored model folder or
 * {@code docs/} (the pictures the README shows), never loose files in the repository's root.
 */
class ReadmeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final String JAR_COMMAND = "java -jar digit-examples/target/digits.jar ";
    /** What a training command writes into its --out folder. */
    private static final Map<String, String> TRAINED_FILE = Map.of("train", "classifier.zip", "train-gan", "generator.zip",
            "train-reader", "number-reader.zip", "train-rejection", "classifier.zip");
    private static final Set<String> INPUT_OPTIONS = Set.of("--model", "--base", "--images", "--manifest", "--data",
            "--test-data");
    private static final Set<String> OUTPUT_OPTIONS = Set.of("--out", "--steps", "--report", "--ready-file");

    @TempDir
    Path classes;

    @Test
    void everyJavaBlockCompilesAsPastedAndRuns() throws Exception {
        List<String> blocks = blocks("java");
        assertTrue(blocks.size() >= 3, "the README's Java blocks: " + blocks.size());
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            sources.add(Files.writeString(classes.resolve("ReadmeExample" + i + ".java"),
                    asProgram("ReadmeExample" + i, blocks.get(i))));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(compiled, "README Java blocks do not compile: " + diagnostics.getDiagnostics());
        }
        for (int i = 0; i < blocks.size(); i++) {
            Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                    "ReadmeExample" + i).directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(120, TimeUnit.SECONDS), "README Java block " + i + " did not finish");
            assertEquals(0, run.exitValue(), "README Java block " + i + " failed:\n" + blocks.get(i) + "\n" + output);
        }
    }

    @Test
    void commandsReadOnlyWhatExistsOrWasMadeBeforeAndWriteNoLooseFiles() throws IOException {
        Set<String> made = new HashSet<>();
        int commands = 0;
        for (String block : blocks("")) {
            for (String line : block.split("\\R")) {
                int start = line.indexOf(JAR_COMMAND);
                if (start < 0) {
                    continue;
                }
                commands++;
                String command = line.substring(start + JAR_COMMAND.length()).replaceAll("\\s+#.*", "").trim();
                List<String> words = List.of(command.split("\\s+"));
                for (int i = 1; i < words.size(); i++) {
                    String word = words.get(i);
                    String value = i + 1 < words.size() ? words.get(i + 1) : "";
                    if (INPUT_OPTIONS.contains(word)) {
                        assertTrue(made.contains(value) || Files.exists(ROOT.resolve(value)),
                                "README: '" + command + "' reads " + value + ", which no earlier command makes");
                        i++;
                    } else if (OUTPUT_OPTIONS.contains(word)) {
                        assertTrue(value.startsWith("target/") || value.startsWith("docs/") || value.startsWith("digits-model"),
                                "README: '" + command + "' writes " + value + " outside target/, docs/ and the ignored"
                                        + " model folders");
                        made.add(value);
                        if (TRAINED_FILE.containsKey(words.get(0))) {
                            made.add(value + "/" + TRAINED_FILE.get(words.get(0)));
                        }
                        i++;
                    } else if (!word.startsWith("-") && word.contains("/")) {
                        assertTrue(matches(word) > 0, "README: '" + command + "' reads " + word + ", which is not in the repository");
                    }
                }
            }
        }
        assertTrue(commands >= 15, "README commands checked: " + commands);
        String ignored = Files.readString(ROOT.resolve(".gitignore"));
        assertTrue(ignored.contains("target/") && ignored.contains("digits-model*/"), ".gitignore keeps the README's outputs out");
    }

    @Test
    void exportingAModelNotTrainedYetSaysHowToMakeOne() {
        Path missing = classes.resolve("digits-model").resolve("classifier.zip");
        CommandRun run = CommandRun.of("export-onnx", "--model", missing.toString(), "--out",
                classes.resolve("my.onnx").toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains(missing.toString()) && run.err().contains("digits train --out")
                && run.err().contains("leave out --model"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one error line: " + run.err());
    }

    /** The Java block as a program: its imports first, the rest as the body of main. */
    private static String asProgram(String className, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\\R")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        assertFalse(body.toString().contains("import "), "imports come first in a README block:\n" + block);
        return imports + "public class " + className + " {\n    public static void main(String[] args) throws Exception {\n"
                + body + "    }\n}\n";
    }

    /** The README's fenced blocks of one language ({@code ""}: those that name none, the shell commands). */
    private static List<String> blocks(String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
        while (block.find()) {
            if (block.group(1).equals(language)) {
                blocks.add(block.group(2));
            }
        }
        return blocks;
    }

    /** How many files of the repository a path with an optional {@code *} in its file name names. */
    private static int matches(String path) throws IOException {
        Path file = ROOT.resolve(path);
        if (!path.contains("*")) {
            return Files.exists(file) ? 1 : 0;
        }
        int count = 0;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(file.getParent(), file.getFileName().toString())) {
            for (Path ignored : found) {
                count++;
            }
        }
        return count;
    }
}
