package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command chooses its classifier. */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run the model on: dl4j or onnx (default: DIGITS_BACKEND / -Ddigits.backend, else"
                    + " the available one of highest priority that loads the model's format).")
    String backend;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model file with its card (FILE.properties) beside it, or an ONNX file exported by Digits,"
                    + " instead of the bundled classifier; the card's format chooses the backend (onnx or DL4J's zip).")
    Path model;

    DigitClassifier open() {
        return Digits.classifier(model == null ? ModelSource.CLASSIFIER : ModelSource.file(model), backend);
    }
}
