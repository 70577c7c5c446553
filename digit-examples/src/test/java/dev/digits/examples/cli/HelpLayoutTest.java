package dev.digits.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.examples.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's help as a terminal of 80 columns shows it: no line longer than 80, no word of a description
 * split across lines, the examples last and exactly as written; and every example does what its help says: the
 * quick ones are run from the repository's root and print what is shown, the others parse and read only files
 * that exist.
 */
class HelpLayoutTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int WIDTH = 80;

    @TempDir
    Path target;

    @Test
    void everyHelpFitsEightyColumnsWithWholeWordsAndItsExamplesLast() {
        List<String> problems = new ArrayList<>();
        List<String> commands = new ArrayList<>(DigitsCommand.SUBCOMMANDS.keySet());
        commands.remove("help");
        commands.add(0, "");
        for (String command : commands) {
            CommandRun run = command.isEmpty() ? run("--help") : run(command, "--help");
            assertEquals(0, run.status(), command + ": " + run.err());
            String help = run.out();
            for (String line : help.split("\\R")) {
                if (line.length() > WIDTH) {
                    problems.add(command + " --help has a line of " + line.length() + " columns: " + line);
                }
            }
            Set<String> shown = new HashSet<>(List.of(help.split("\\s+")));
            CommandSpec spec = command.isEmpty() ? new CommandLine(new DigitsCommand()).getCommandSpec()
                    : new CommandLine(DigitsCommand.SUBCOMMANDS.get(command)).getCommandSpec();
            List<String> paragraphs = new ArrayList<>(List.of(spec.usageMessage().description()));
            for (OptionSpec option : spec.options()) {
                paragraphs.addAll(List.of(option.description()));
            }
            for (String paragraph : paragraphs) {
                for (String word : paragraph.replace("%%", "%").split("\\s+")) {
                    if (!word.isEmpty() && !word.contains("${") && !shown.contains(word)) {
                        problems.add(command + " --help splits or loses the word '" + word + "' of: " + paragraph);
                    }
                }
            }
            String name = command.isEmpty() ? "digits" : command;
            List<Help.Example> examples = Help.EXAMPLES.get(name);
            assertTrue(examples != null && !examples.isEmpty(), name + " has no examples");
            String section = Help.render(examples);
            if (!help.endsWith(section)) {
                problems.add(name + " --help does not end with its examples as written:\n" + help);
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void everyExampleParsesAndTheQuickOnesPrintWhatTheirHelpShows() throws Exception {
        int ran = 0;
        for (Map.Entry<String, List<Help.Example>> entry : Help.EXAMPLES.entrySet()) {
            for (Help.Example example : entry.getValue()) {
                String line = example.command();
                assertTrue(line.contains("digits "), "an example runs digits: " + line);
                List<String> words = List.of(line.substring(line.indexOf("digits ") + "digits ".length()).split(" "));
                List<String> args = new ArrayList<>();
                for (String word : words) {
                    if (word.startsWith("samples")) {
                        assertTrue(Files.exists(ROOT.resolve(word)), line + ": " + word + " is not in the repository");
                        args.add(ROOT.resolve(word).toString());
                    } else if (word.startsWith("target/")) {
                        args.add(target.resolve(word.substring("target/".length())).toString());
                    } else {
                        args.add(word);
                    }
                }
                CommandLine parser = new CommandLine(new DigitsCommand());
                DigitsCommand.SUBCOMMANDS.forEach(parser::addSubcommand);
                parser.parseArgs(args.toArray(String[]::new)); // throws on an option that does not exist
                if (!example.runs()) {
                    continue;
                }
                CommandRun run = run(args.toArray(String[]::new));
                assertEquals(0, run.status(), line + ": " + run.err());
                List<String> printed = run.out().replace(ROOT + "/", "").replace(target + "/", "target/").lines().toList();
                List<String> expected = example.shows().stream().filter(s -> !s.startsWith("#")).toList();
                assertTrue(printed.size() >= expected.size(), line + " printed:\n" + run.out());
                for (int i = 0; i < expected.size(); i++) {
                    String want = expected.get(i);
                    String got = printed.get(i);
                    if (want.endsWith("...")) {
                        assertTrue(got.startsWith(want.substring(0, want.length() - 3)), line + ": shows '" + want
                                + "', prints '" + got + "'");
                    } else {
                        assertEquals(want, got, line);
                    }
                }
                ran++;
            }
        }
        assertTrue(ran >= 10, "examples run: " + ran);
    }

    @Test
    void aUsageErrorSaysWhatWasWrongAndWhereToReadMoreNotTheWholeHelp() {
        CommandRun run = run("evaluate", "--foo");
        assertEquals(2, run.status());
        assertEquals(List.of("digits evaluate: Unknown option: '--foo'", "Try 'digits evaluate --help' for more information."),
                run.err().strip().lines().toList(), run.err());
        assertFalse(run.out().contains("Usage:"), run.out());
        CommandRun missing = run("generate", "--digit", "1");
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("digits generate: Missing required option: '--out=FILE.png'"), missing.err());
        assertTrue(missing.err().strip().lines().count() <= 3, missing.err());
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }
}
