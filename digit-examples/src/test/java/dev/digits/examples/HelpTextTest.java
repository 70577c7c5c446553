package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What {@code --help} and {@code --version} show a newcomer: whole sentences, NAME-style labels, the real version. */
class HelpTextTest {
    private static final List<String> COMMANDS = List.of("predict", "read", "evaluate", "evaluate-numbers", "train",
            "backends", "export-onnx", "train-gan", "train-reader", "calibrate", "calibrate-reader",
            "train-rejection", "evaluate-rejection",
            "generate", "evaluate-generator", "app", "help");

    @Test
    void theCommandListGivesEachCommandAWholeSentence() {
        CommandRun run = CommandRun.of("--help");
        assertEquals(0, run.status(), run.err());
        String commands = run.out().substring(run.out().indexOf("Commands:"), run.out().indexOf("Examples:"));
        List<String> summaries = new ArrayList<>();
        for (String line : commands.split("\\R")) {
            if (line.matches("  \\S.*")) {
                summaries.add(line.strip());
            } else if (line.matches("\\s{3,}\\S.*") && !summaries.isEmpty()) {
                int last = summaries.size() - 1;
                summaries.set(last, summaries.get(last) + " " + line.strip());
            }
        }
        assertEquals(COMMANDS, summaries.stream().map(s -> s.split("\\s+")[0]).toList(), run.out());
        for (String summary : summaries) {
            assertTrue(summary.endsWith("."), "cut mid-sentence: " + summary);
        }
    }

    @Test
    void everyCommandLabelsItsValuesLikeTheOthers() {
        Pattern pointy = Pattern.compile("<[a-zA-Z-]+>");
        for (String command : COMMANDS.subList(0, COMMANDS.size() - 1)) {
            CommandRun run = CommandRun.of(command, "--help");
            assertEquals(0, run.status(), command + ": " + run.err());
            Matcher label = pointy.matcher(run.out());
            boolean found = label.find();
            assertFalse(found, command + " --help labels a value " + (found ? label.group() : "")
                    + " where the others say NAME, FILE, DIR or N:\n" + run.out());
        }
    }

    @Test
    void versionIsTheProjectsVersion() {
        CommandRun run = CommandRun.of("--version");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().strip().matches("digits \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), run.out());
    }
}
