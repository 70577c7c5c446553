package dev.digits.examples.cli;

import dev.digits.NumberReader;
import dev.digits.data.LabelledPictures;
import dev.digits.data.NumberCondition;
import dev.digits.data.NumberRobustnessSet;
import dev.digits.data.SyntheticNumbers;
import dev.digits.eval.NumberEvaluation;
import dev.digits.eval.NumberRobustnessEvaluation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits evaluate-numbers}: how well numbers of several digits are read. */
@Command(name = "evaluate-numbers", mixinStandardHelpOptions = true,
        header = "Measures how well numbers are read, on synthetic numbers or a folder.",
        description = "Measures how well numbers are read: on synthetic numbers of 1 to 6 MNIST test digits "
                + "(lengths equally frequent, fixed seed) by default, or on a folder of labelled pictures "
                + "(--images; the manifest's label is the number's text, leading zeros kept). Reports "
                + "sequenceAccuracy (numbers read exactly), digitAccuracy (digits read right: per number its "
                + "length minus the edit distance of the reading, over all digits), byLength (length -> "
                + "sequence accuracy) and count. A picture that fails counts as wrong. With --robustness: the "
                + "same numbers photographed on paper under one condition at a time (shadow, gradient, "
                + "vignette, faint ink, ballpoint on squared paper, ruled lines, page edge and margin, "
                + "clutter, slant, JPEG, rotation) and mixed, with byCondition (condition -> sequence "
                + "accuracy, digit accuracy and count).")
final class EvaluateNumbersCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ReaderOptions readerOptions;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "separated",
            description = "Synthetic set: separated (digits never touch) or touching (neighbours touch or overlap by a few"
                    + " pixels) (default: ${DEFAULT-VALUE}).")
    String variant;

    /** The default --count of the synthetic set, 500 of each length. */
    static final int DEFAULT_COUNT = 3000;
    /** The default --count of --robustness, per condition. */
    static final int DEFAULT_PER_CONDITION = 200;

    @Option(names = "--count", paramLabel = "N",
            description = "Synthetic numbers to read (default: " + DEFAULT_COUNT + ", 500 of each length); with"
                    + " --robustness, pictures of each condition (default: " + DEFAULT_PER_CONDITION + ").")
    Integer count;

    @Option(names = "--robustness",
            description = "Measure on the number robustness set: the synthetic numbers photographed on paper under one"
                    + " condition at a time and mixed; reports byCondition.")
    boolean robustness;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SyntheticNumbers.DEFAULT_SEED,
            description = "Seed of the synthetic set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--digits", paramLabel = "SET", defaultValue = "test",
            description = "Where the synthetic numbers' digits come from: test (the MNIST test set, for measuring) or"
                    + " validation (the validation split of the training set that the bundled models held out, for"
                    + " choosing settings) (default: ${DEFAULT-VALUE}).")
    String digits;

    @Option(names = "--images", paramLabel = "DIR", description = "A folder of labelled pictures of numbers, listed in the file manifest.csv in it.")
    Path images;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The CSV manifest (columns file and label) of --images, if not DIR/manifest.csv.")
    Path manifest;

    @Override
    public Integer call() {
        SyntheticNumbers.Variant chosen;
        try {
            chosen = SyntheticNumbers.Variant.of(variant);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int wanted = count != null ? count : robustness ? DEFAULT_PER_CONDITION : DEFAULT_COUNT;
        if (wanted < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1, got " + wanted);
        }
        boolean files = images != null || manifest != null;
        if (robustness && files) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--robustness measures on made pictures; it does not go with --images or --manifest");
        }
        NumberEvaluation evaluation;
        NumberRobustnessEvaluation byCondition = null;
        String backend;
        try (NumberReader reader = readerOptions.open()) {
            backend = reader.backendName();
            if (robustness) {
                NumberRobustnessSet set = new NumberRobustnessSet(new SyntheticNumbers(digitSet(), chosen, seed), seed);
                try (ProgressBar bar = ProgressBars.of("Robustness", (long) wanted * NumberCondition.values().length)) {
                    byCondition = NumberRobustnessEvaluation.of(reader, set, wanted, bar::step);
                }
                evaluation = byCondition.overall();
            } else if (files) {
                Path manifestFile = manifest != null ? manifest : images.resolve("manifest.csv");
                List<LabelledPictures.Entry> entries = LabelledPictures.read(manifestFile);
                try (ProgressBar bar = ProgressBars.of("Reading", entries.size())) {
                    evaluation = NumberEvaluation.ofPictures(reader, manifestFile.toAbsolutePath().getParent(), entries, bar::step);
                }
            } else {
                try (ProgressBar bar = ProgressBars.of("Reading", wanted)) {
                    evaluation = NumberEvaluation.ofSynthetic(reader, new SyntheticNumbers(digitSet(), chosen, seed), wanted,
                            bar::step);
                }
            }
        }
        report(evaluation, backend, files ? null : chosen, byCondition);
        return 0;
    }

    private dev.digits.data.DigitDataset digitSet() {
        return MnistDigits.named(digits, spec.commandLine());
    }

    private void report(NumberEvaluation evaluation, String backend, SyntheticNumbers.Variant chosen,
                        NumberRobustnessEvaluation byCondition) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequenceAccuracy", evaluation.sequenceAccuracy());
        json.put("digitAccuracy", evaluation.digitAccuracy());
        Map<String, Double> byLength = new LinkedHashMap<>();
        evaluation.byLength().forEach((length, accuracy) -> byLength.put(String.valueOf(length), accuracy));
        json.put("byLength", byLength);
        json.put("count", evaluation.count());
        json.put("ece", evaluation.expectedCalibrationError());
        json.put("wrongAtConfidence90", evaluation.wrongAtOrAbove(0.9));
        json.put("unsure", evaluation.unsureShare());
        json.put("confidentAccuracy", evaluation.confidentAccuracy());
        json.put("backend", backend);
        if (chosen != null) {
            json.put("variant", chosen.label());
            json.put("seed", seed);
        }
        if (byCondition != null) {
            json.put("perCondition", byCondition.byCondition().values().iterator().next().count());
            Map<String, Object> conditions = new LinkedHashMap<>();
            byCondition.byCondition().forEach((label, part) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("sequenceAccuracy", part.sequenceAccuracy());
                row.put("digitAccuracy", part.digitAccuracy());
                row.put("count", part.count());
                conditions.put(label, row);
            });
            json.put("byCondition", conditions);
        }
        json.put("misread", evaluation.misread().stream().map(miss -> {
            Map<String, Object> row = new LinkedHashMap<>();
            if (byCondition != null) {
                // Items are condition/index: the index names the number, the same under every condition.
                int slash = miss.item().lastIndexOf('/');
                row.put("condition", miss.item().substring(0, slash));
                row.put("index", Integer.parseInt(miss.item().substring(slash + 1)));
            } else {
                row.put(chosen == null ? "file" : "index", chosen == null ? miss.item() : Integer.parseInt(miss.item()));
            }
            row.put("label", miss.label());
            row.put("read", miss.read());
            return row;
        }).toList());
        if (common.json) {
            Json.printLine(json);
            return;
        }
        System.out.printf(Locale.ROOT, "Sequence accuracy %.4f (%d of %d), digit accuracy %.4f, backend %s%n",
                evaluation.sequenceAccuracy(), evaluation.correct(), evaluation.count(), evaluation.digitAccuracy(), backend);
        System.out.printf(Locale.ROOT, "Confidence: ECE %.4f, %d wrong at 90%% or more; %.1f%% unsure, %.4f right when"
                + " sure%n", evaluation.expectedCalibrationError(), evaluation.wrongAtOrAbove(0.9),
                100 * evaluation.unsureShare(), evaluation.confidentAccuracy());
        byLength.forEach((length, accuracy) -> System.out.printf(Locale.ROOT, "  length %s: %.4f%n", length, accuracy));
        if (byCondition != null) {
            System.out.printf(Locale.ROOT, "%n  %-18s %9s %9s %6s%n", "condition", "sequence", "digits", "count");
            byCondition.byCondition().forEach((label, part) -> System.out.printf(Locale.ROOT, "  %-18s %9.4f %9.4f %6d%n",
                    label, part.sequenceAccuracy(), part.digitAccuracy(), part.count()));
        }
    }
}
