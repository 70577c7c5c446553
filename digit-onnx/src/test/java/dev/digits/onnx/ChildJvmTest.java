package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime in a fresh JVM, as a command-line program meets it. ONNX Runtime 1.29.0 crashed the JVM
 * (SIGSEGV, exit 139, no output) while creating its environment when the process's command line was a few
 * kilobytes long; it also left folders and logs in the temporary directory on every run.
 */
class ChildJvmTest {
    @TempDir
    Path home;

    @TempDir
    Path temporary;

    @Test
    void aLongCommandLineStillGetsAnAnswer() throws Exception {
        List<String> padding = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            padding.add(String.format("/not/a/real/folder/picture-number-%04d-of-a-long-batch.png", i));
        }
        assertTrue(String.join(" ", padding).length() > 8_000, "the arguments alone are over 8 KB");

        Result result = runProbe(padding, List.of());

        assertEquals(0, result.exitCode(), "exit status; output: " + result.output());
        assertTrue(result.output().contains("answered 1 after 150 arguments"), result.output());
    }

    @Test
    void leavesNothingInTheTemporaryFolderOrHome() throws Exception {
        // With the native-library cache (the default) and without it (libraries unpacked into java.io.tmpdir).
        for (List<String> options : List.of(List.<String>of(), List.of("-D" + NativeLibraryCache.PROPERTY + "=false"))) {
            Result result = runProbe(List.of(), options);

            assertEquals(0, result.exitCode(), options + " exit status; output: " + result.output());
            assertEquals(List.of(), list(temporary), options + " left in java.io.tmpdir");
            assertFalse(Files.exists(home.resolve(".cache/Microsoft")), "ONNX Runtime telemetry folder under HOME");
        }
    }

    private Result runProbe(List<String> arguments, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Djava.io.tmpdir=" + temporary);
        command.add("-Duser.home=" + home);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RuntimeProbe.class.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("ORT_DISABLE_TELEMETRY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
