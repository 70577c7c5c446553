package dev.digits.examples.cli;

import dev.digits.DigitGenerator;
import dev.digits.Digits;
import dev.digits.ModelSource;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a command chooses its generator. */
final class GeneratorOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run the generator on: dl4j or onnx (default: DIGITS_BACKEND / -Ddigits.backend,"
                    + " else the available one of highest priority that loads the model's format).")
    String backend;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A generator file (from train-gan, or exported with export-onnx) instead of the bundled one.")
    Path model;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    DigitGenerator open() {
        // Before loading: an unknown name is a usage error (exit 2) here as on every other command.
        BackendOptions.requireKnown(backend, command);
        return Digits.generator(model == null ? ModelSource.bundled(Digits.GENERATOR) : ModelSource.file(model), backend);
    }
}
