package dev.digits.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every command's help reads: descriptions are paragraphs that picocli wraps to the terminal's width, and the
 * examples come last, in one "Examples:" section whose lines are printed as written, never wrapped (a wrapped
 * example cannot be pasted). The examples are data ({@link #EXAMPLES}), so that a test can run them and compare
 * their output with what is shown. A usage error prints the error and where to read more, not the whole help.
 */
final class Help {
    /** The section key of the examples, after picocli's footer. */
    static final String EXAMPLES_SECTION = "examples";

    /**
     * One example: a command line, and what it shows.
     *
     * @param command the command as typed, starting with {@code digits}
     * @param runs    whether a test runs it (quick, and reading only the repository's files); the others are
     *                checked only to parse
     * @param shows   the lines printed under it: output as the command prints it (a line ending in {@code ...} is
     *                the start of a longer one), or a note starting with {@code #}
     */
    record Example(String command, boolean runs, List<String> shows) {
        Example {
            shows = List.copyOf(shows);
        }

        static Example run(String command, String... shows) {
            return new Example(command, true, List.of(shows));
        }

        static Example show(String command, String... shows) {
            return new Example(command, false, List.of(shows));
        }
    }

    /** Each command's examples, by name; {@code digits} is the top command. */
    static final Map<String, List<Example>> EXAMPLES = examples();

    private Help() {
    }

    private static Map<String, List<Example>> examples() {
        Map<String, List<Example>> examples = new LinkedHashMap<>();
        examples.put("digits", List.of(
                Example.run("digits predict samples/4_ericadgjl_1.jpg", "samples/4_ericadgjl_1.jpg: 4 (100.0%)"),
                Example.run("digits read samples/numbers/2024_drawn.png", "samples/numbers/2024_drawn.png: 2024 (100.0%)"),
                Example.show("digits app", "# the desktop app"),
                Example.run("digits help predict", "# each command's options and examples")));
        examples.put("predict", List.of(
                Example.run("digits predict samples/4_ericadgjl_1.jpg --steps target/steps.png",
                        "samples/4_ericadgjl_1.jpg: 4 (100.0%)",
                        "# target/steps.png: each stage, from the photo to the 28x28 picture read"),
                Example.run("digits predict samples --json",
                        "{\"file\":\"samples/3_parkercai_1.png\",\"digit\":3,\"verdict\":\"digit\",...",
                        "{\"file\":\"samples/4_ericadgjl_1.jpg\",\"digit\":4,\"verdict\":\"digit\",...",
                        "{\"file\":\"samples/7_7eraflops_1.png\",\"digit\":7,\"verdict\":\"digit\",...")));
        examples.put("read", List.of(
                Example.run("digits read samples/numbers --steps target/boxes.png",
                        "samples/numbers/2024_drawn.png: 2024 (100.0%)",
                        "samples/numbers/31415_photo.jpg: 31415 (98.4%)",
                        "samples/numbers/5168_close.png: 5168 (98.8%)",
                        "samples/numbers/907_ruled.png: 907 (99.9%)",
                        "# target/boxes-1.png to -4.png: each digit boxed, the steps below"),
                Example.run("digits read samples/numbers/907_ruled.png --json",
                        "{\"file\":\"samples/numbers/907_ruled.png\",\"text\":\"907\",...")));
        examples.put("evaluate", List.of(
                Example.run("digits evaluate --images samples --report target/report",
                        "Accuracy 1.0000 (3 of 3) on backend onnx",
                        "# and target/report/: confusion.png, misclassified.png, evaluation.json"),
                Example.show("digits evaluate", "# the 10,000 MNIST test pictures"),
                Example.show("digits evaluate --robustness --per-corruption 100",
                        "# MNIST test digits made to look like photos, scans and drawings")));
        examples.put("evaluate-numbers", List.of(
                Example.run("digits evaluate-numbers --images samples/numbers",
                        "Sequence accuracy 1.0000 (4 of 4), digit accuracy 1.0000, backend onnx"),
                Example.show("digits evaluate-numbers --variant touching --count 600 --json",
                        "# 600 synthetic numbers of touching MNIST test digits"),
                Example.show("digits evaluate-numbers --robustness --count 100",
                        "# 100 pictures of each condition; accuracy by condition")));
        examples.put("train", List.of(
                Example.show("digits train --epochs 3 --limit 6000 --out digits-model/quick",
                        "# a tenth of MNIST: digits-model/quick/classifier.zip, its card and",
                        "# digits-model/quick/classifier-curves.png")));
        examples.put("backends", List.of(
                Example.run("digits backends",
                        "NAME  AVAILABLE  PRIORITY  TASKS                           ARTIFACT",
                        "onnx  yes        20        classify,generate,read-numbers  digit-onnx",
                        "dl4j  yes        10        classify,generate,read-numbers  digit-dl4j",
                        "# ARTIFACT: the Maven artifact (group dev.digits) that brings the backend")));
        examples.put("export-onnx", List.of(
                Example.show("digits export-onnx --out target/classifier.onnx",
                        "# the bundled classifier, checked on the 10,000 MNIST test pictures"),
                Example.show("digits export-onnx --model digits-model/generator.zip --out target/gan.onnx")));
        examples.put("train-gan", List.of(
                Example.show("digits train-gan --epochs 5 --preview 1,3,5 --out digits-model")));
        examples.put("train-reader", List.of(
                Example.show("digits train-reader --epochs 6 --out reader"),
                Example.show("digits export-onnx --model reader/number-reader.zip --out reader/reader.onnx")));
        examples.put("calibrate", List.of(Example.show("digits calibrate --json")));
        examples.put("calibrate-reader", List.of(Example.show("digits calibrate-reader --count 600",
                "# prints the reading.calibration.* maps for the reader's card")));
        examples.put("train-rejection", List.of(
                Example.show("digits train-rejection --base digits-model/classifier.zip --out rejecting"),
                Example.show("digits train-rejection --base a/classifier.zip,b/classifier.zip --out both")));
        examples.put("evaluate-rejection", List.of(Example.show("digits evaluate-rejection --images samples --json")));
        examples.put("generate", List.of(
                Example.run("digits generate --digit 7 --count 16 --seed 1 --out target/sevens.png",
                        "Wrote 16 generated digits to target/sevens.png"),
                Example.run("digits generate --each-digit --count 8 --scale 3 --out target/all.png",
                        "Wrote 80 generated digits to target/all.png")));
        examples.put("evaluate-generator", List.of(Example.show("digits evaluate-generator --backend onnx --json")));
        examples.put("app", List.of(
                Example.show("digits app"),
                Example.show("digits app --image samples/4_ericadgjl_1.jpg", "# a photo on the digit tab"),
                Example.show("digits app --tab number --image samples/numbers/31415_photo.jpg"),
                Example.show("digits app --tab generator --digit 7 --scale 2", "# on a HiDPI screen"),
                Example.show("xvfb-run -s '-screen 0 1280x800x24' digits app",
                        "# on a server without a display; see the README")));
        return examples;
    }

    /**
     * Lays out the help of {@code root} and its subcommands: wrapped to the terminal's width (80 columns when it
     * is not a terminal), the examples last, and short usage errors.
     */
    static void install(CommandLine root) {
        root.setUsageHelpAutoWidth(true);
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        all.addAll(root.getSubcommands().values());
        for (CommandLine command : all) {
            List<Example> examples = EXAMPLES.get(command.getCommandName());
            if (examples == null) {
                continue;
            }
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add(EXAMPLES_SECTION);
            usage.sectionKeys(keys);
            Map<String, CommandLine.IHelpSectionRenderer> renderers = new LinkedHashMap<>(usage.sectionMap());
            renderers.put(EXAMPLES_SECTION, help -> render(examples));
            usage.sectionMap(renderers);
        }
        root.setParameterExceptionHandler(Help::usageError);
    }

    /** The examples section as printed. */
    static String render(List<Example> examples) {
        StringBuilder text = new StringBuilder(System.lineSeparator()).append("Examples:").append(System.lineSeparator());
        for (Example example : examples) {
            text.append("  $ ").append(example.command()).append(System.lineSeparator());
            for (String line : example.shows()) {
                text.append("  ").append(line).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    /**
     * A usage error: the error and where to read more, as git and most command lines do; the whole help would
     * push the one useful line off the screen.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
