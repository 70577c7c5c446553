package dev.digits.examples.cli;

import dev.digits.DigitsException;
import dev.digits.NumberReader;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.data.NumberCondition;
import dev.digits.data.NumberRobustnessSet;
import dev.digits.data.SyntheticNumbers;
import dev.digits.dl4j.train.TrainingOptions;
import dev.digits.read.LearnedNumberReader;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits calibrate-reader}: fits the learned reader's whole-number confidence on validation numbers. */
@Command(name = "calibrate-reader", mixinStandardHelpOptions = true,
        header = "Fits the calibration of the number reader's confidence.",
        description = "Fits the calibration of the learned number reader's whole-number confidence (Platt scaling of "
                + "its log-odds, apart for readings both readers agree on, read differently or count differently, and "
                + "for readings the reader's two cleanings read differently) on synthetic "
                + "numbers of the 5,000 training digits the bundled models held out for validation: --count "
                + "separated, --count touching, and --count photographed under the robustness conditions, from "
                + "their own seed (never the test numbers'). Prints the four maps as card "
                + "entries (slope,offset), from reading.calibration.agreed to reading.calibration.cleanings; put "
                + "them in the "
                + "reader's card (both backends apply them) and measure with evaluate-numbers.")
final class CalibrateReaderCommand implements Callable<Integer> {
    /** The seed of the numbers fitted on: not {@link SyntheticNumbers#DEFAULT_SEED}, which evaluate-numbers measures with. */
    static final long FIT_SEED = 7;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ReaderOptions readerOptions;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1200",
            description = "Numbers of each kind: separated, touching and photographed (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() {
        if (count < 12) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 12, got " + count);
        }
        DigitDataset validation = TrainingOptions.bundledValidationDigits(Mnist.fromDataFolder().train());
        SyntheticNumbers separated = new SyntheticNumbers(validation, SyntheticNumbers.Variant.SEPARATED, FIT_SEED);
        SyntheticNumbers touching = new SyntheticNumbers(validation, SyntheticNumbers.Variant.TOUCHING, FIT_SEED);
        NumberRobustnessSet photographed = new NumberRobustnessSet(
                new SyntheticNumbers(validation, SyntheticNumbers.Variant.SEPARATED, FIT_SEED + 1), FIT_SEED);
        NumberCondition[] conditions = NumberCondition.values();
        Map<String, String> entries;
        String backend;
        try (NumberReader reader = readerOptions.open();
             ProgressBar bar = ProgressBars.of("Reading", 3L * count)) {
            if (!(reader instanceof LearnedNumberReader learned)) {
                throw new DigitsException("Only the learned number reader has a confidence to calibrate; this backend"
                        + " reads by segmentation alone (" + reader + "). Use a backend that has the learned reader");
            }
            backend = reader.backendName();
            entries = learned.fitCalibration(3 * count, i -> {
                bar.step();
                int index = i / 3;
                return switch (i % 3) {
                    case 0 -> entry(separated.sample(index));
                    case 1 -> entry(touching.sample(index));
                    default -> {
                        NumberRobustnessSet.Sample sample = photographed.sample(conditions[index % conditions.length], index);
                        yield Map.entry(sample.picture(), sample.text());
                    }
                };
            });
        }
        Map<String, Object> json = new LinkedHashMap<>(entries);
        json.put("fittedOn", 3 * count);
        json.put("backend", backend);
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.println("Fitted on " + 3 * count + " validation numbers (" + backend + "). Put in the reader's card:");
            entries.forEach((key, value) -> System.out.println(key + "=" + value));
        }
        return 0;
    }

    private static Map.Entry<BufferedImage, String> entry(SyntheticNumbers.Sample sample) {
        return Map.entry(sample.picture(), sample.text());
    }
}
