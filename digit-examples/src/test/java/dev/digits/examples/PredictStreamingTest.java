package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.examples.cli.DigitsCommand;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code digits predict} over several pictures hands each answer to standard output as soon as it is made, even
 * when standard output buffers (a pipe, a file): a later picture that kills the process must not take the
 * answers already made with it.
 */
class PredictStreamingTest {
    private static final Path SAMPLES = Paths.get("..", "samples");

    /** Keeps what had reached it at each flush. */
    private static final class FlushRecorder extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> atEachFlush = new ArrayList<>();

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            atEachFlush.add(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachAnswerIsFlushedBeforeTheNextPictureIsRead() {
        FlushRecorder recorder = new FlushRecorder();
        PrintStream oldOut = System.out;
        int status;
        try {
            System.setOut(new PrintStream(new BufferedOutputStream(recorder, 1 << 16), false, StandardCharsets.UTF_8));
            status = DigitsCommand.run("predict", "--backend", "onnx",
                    SAMPLES.resolve("7_7eraflops_1.png").toString(),
                    SAMPLES.resolve("3_parkercai_1.png").toString(),
                    SAMPLES.resolve("4_ericadgjl_1.jpg").toString());
        } finally {
            System.setOut(oldOut);
        }

        assertEquals(0, status);
        List<Integer> linesAtFlush = new ArrayList<>();
        for (String seen : recorder.atEachFlush) {
            int lines = seen.isEmpty() ? 0 : seen.split("\\R").length;
            if (linesAtFlush.isEmpty() || linesAtFlush.get(linesAtFlush.size() - 1) != lines) {
                linesAtFlush.add(lines);
            }
        }
        assertTrue(linesAtFlush.containsAll(List.of(1, 2, 3)), "lines out at each flush: " + linesAtFlush);
        String first = recorder.atEachFlush.stream().filter(seen -> !seen.isEmpty()).findFirst().orElseThrow();
        assertTrue(first.startsWith(SAMPLES.resolve("7_7eraflops_1.png") + ": 7 ("), first);
    }
}
