package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command chooses its classifier. */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run the model on: dl4j or onnx (default: the available one of highest priority).")
    String backend;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model file with its card (FILE's name with .properties) beside it, instead of the bundled classifier.")
    Path model;

    DigitClassifier open() {
        ModelSource source = model == null ? ModelSource.CLASSIFIER : ModelSource.file(model);
        return backend == null ? Digits.backend().classifier(source) : Digits.backend(backend).classifier(source);
    }
}
