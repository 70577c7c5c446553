package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.Prediction;
import dev.digits.preprocess.Pictures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code digits predict}: names the digit in each picture. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Names the handwritten digit in each picture (PNG, JPEG, GIF, BMP).",
                "A picture that fails is reported on standard error; the others are still read, and the exit status is 1."})
final class PredictCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

    @Mixin
    CommonOptions common;

    @Mixin
    BackendOptions backendOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Pictures of single digits.")
    List<Path> images;

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0.5",
            description = "Abstain (digit null, shown as ?) below this probability (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Override
    public Integer call() {
        int failures = 0;
        try (DigitClassifier classifier = backendOptions.open()) {
            for (Path image : images) {
                try {
                    Prediction prediction = classifier.classify(Pictures.read(image));
                    print(image, prediction);
                } catch (DigitsException e) {
                    failures++;
                    System.err.println("digits: " + image + ": " + e.getMessage());
                    LOG.debug("Failed on {}", image, e);
                    if (common.json) {
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("file", image.toString());
                        json.put("digit", null);
                        json.put("error", e.getMessage());
                        Json.printLine(json);
                    }
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private void print(Path image, Prediction prediction) {
        OptionalInt digit = prediction.digitIfConfident(minConfidence);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", image.toString());
            json.put("digit", digit.isPresent() ? digit.getAsInt() : null);
            json.put("confidence", prediction.confidence());
            List<Float> probabilities = new ArrayList<>();
            for (float p : prediction.probabilities()) {
                probabilities.add(p);
            }
            json.put("probabilities", probabilities);
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "%s: %s (%.1f%%)%n", image, digit.isPresent() ? digit.getAsInt() : "?",
                    prediction.confidence() * 100);
        }
    }
}
