package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.examples.cli.DigitsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the {@code digits} command inside the test JVM: exit status, standard output, standard error.
 *
 * @param status the exit status
 * @param out    what it printed on standard output
 * @param err    what it printed on standard error
 */
public record CommandRun(int status, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code digits args...}, capturing both streams (one run at a time: the streams are global). */
    public static synchronized CommandRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = DigitsCommand.run(args);
            return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The single JSON line on standard output. */
    JsonNode json() throws Exception {
        String[] lines = out.strip().split("\\R");
        assertEquals(1, lines.length, "one JSON line expected, got: " + out);
        return JSON.readTree(lines[0]);
    }

    /** Every JSON line on standard output. */
    List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.strip().split("\\R")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
