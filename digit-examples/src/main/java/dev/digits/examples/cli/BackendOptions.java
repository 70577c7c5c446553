package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a command chooses its classifier. */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run the model on: dl4j or onnx (default: the one --model's extension calls for,"
                    + " else DIGITS_BACKEND / -Ddigits.backend, else the available one of highest priority).")
    String backend;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model file with its card (FILE's name with .properties) beside it, instead of the bundled"
                    + " classifier: FILE.onnx runs on onnx, FILE.zip (DL4J) on dl4j.")
    Path model;

    DigitClassifier open() {
        ModelSource source = model == null ? ModelSource.CLASSIFIER : ModelSource.file(model);
        String chosen = backend != null ? backend : backendForModelFile(model);
        return chosen == null ? Digits.backend().classifier(source) : Digits.backend(chosen).classifier(source);
    }

    /** The backend a model file's format needs, or null when its extension does not say. */
    static String backendForModelFile(Path model) {
        if (model == null || model.getFileName() == null) {
            return null;
        }
        String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return "onnx";
        }
        if (name.endsWith(".zip")) {
            return "dl4j";
        }
        return null;
    }
}
