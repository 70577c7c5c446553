package dev.digits.examples.cli;

import dev.digits.Digits.BackendInfo;
import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    DigitClassifier open() {
        requireKnownBackend();
        return Digits.classifier(model == null ? ModelSource.CLASSIFIER : ModelSource.file(model), backend);
    }

    /** A backend name nobody provides is a usage error (exit status 2), like any other wrong option value. */
    void requireKnownBackend() {
        requireKnown(backend, command);
    }

    /** Shared with {@link GeneratorOptions}: every command treats an unknown backend name the same way. */
    static void requireKnown(String backend, CommandSpec command) {
        if (backend == null) {
            return;
        }
        List<String> known = Digits.backends().stream().map(BackendInfo::name).toList();
        if (!known.contains(backend.trim().toLowerCase(Locale.ROOT))) {
            throw new ParameterException(command.commandLine(), "Unknown backend '" + backend + "' for --backend; known: "
                    + String.join(", ", known));
        }
    }
}
