package dev.digits.examples.cli;

import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.Prediction;
import dev.digits.preprocess.Pictures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code digits predict}: names the digit in each picture. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Names the handwritten digit in each picture (PNG, JPEG, GIF, BMP).",
                "A picture that fails is reported on standard error; the others are still read, and the exit status is 1."})
final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BackendOptions backendOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Pictures of single digits.")
    List<Path> images;

    @Option(names = "--steps", paramLabel = "OUT.png",
            description = "Write a strip of the preprocessing stages to this PNG (with several pictures: OUT-1.png, OUT-2.png, ...).")
    Path steps;

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0.5",
            description = "Abstain (digit null, shown as ?) below this probability (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--min-confidence must be a probability from 0 to 1, not " + minConfidence);
        }
        try (DigitClassifier classifier = backendOptions.open()) {
            return EachPicture.run(images, common.json, "digit", (image, i) -> {
                BufferedImage picture = Pictures.read(image);
                Prediction prediction;
                if (steps != null) {
                    Classification classification = classifier.classifyWithStages(picture);
                    EachPicture.writePng(StepsImage.render(classification.stages()), EachPicture.stepsFile(steps, images, i));
                    prediction = classification.prediction();
                } else {
                    prediction = classifier.classify(picture);
                }
                print(image, prediction);
            });
        }
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
