package dev.digits.examples.cli;

import dev.digits.BackendUnavailableException;
import dev.digits.Digits;
import dev.digits.DigitsException;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.read.LearnedNumberReader;
import dev.digits.read.NumberReaders;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a command chooses its number reader. */
final class ReaderOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--reader-model", paramLabel = "FILE",
            description = "A learned number-reader model with its card, instead of the bundled one.")
    Path readerModel;

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "segmentation (cut into digits, classify each), learned (the CTC reader, up to 12 digits) or"
                    + " confident (both; when they disagree, the surer one, unsure) (default: the learned reader's card, chosen on"
                    + " validation numbers).")
    String strategy;

    /**
     * The reader: segmentation on the classifier of {@code --model} or with {@code --strategy segmentation},
     * otherwise the backend's learned reader (which segments too, with its bundled classifier).
     */
    NumberReader open() {
        LearnedNumberReader.Strategy chosen;
        try {
            chosen = strategy == null ? null : LearnedNumberReader.Strategy.of(strategy);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
        if (chosen == LearnedNumberReader.Strategy.SEGMENTATION || backendOptions.model != null) {
            if (chosen != null && chosen != LearnedNumberReader.Strategy.SEGMENTATION) {
                throw new DigitsException("--model chooses the classifier of segmentation; the learned reader uses its"
                        + " backend's bundled classifier. Leave out --model or use --strategy segmentation");
            }
            return NumberReaders.segmenting(backendOptions.open());
        }
        ModelSource source = readerModel == null ? ModelSource.bundled(Digits.NUMBER_READER) : ModelSource.file(readerModel);
        NumberReader reader;
        try {
            reader = Digits.numberReader(source, backendOptions.backend);
        } catch (BackendUnavailableException e) {
            if (readerModel != null || chosen != null) {
                throw e;
            }
            return NumberReaders.segmenting(backendOptions.open()); // no learned reader bundled here
        }
        return chosen != null && reader instanceof LearnedNumberReader learned ? learned.withStrategy(chosen) : reader;
    }
}
