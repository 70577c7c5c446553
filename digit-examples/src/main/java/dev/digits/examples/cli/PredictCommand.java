package dev.digits.examples.cli;

import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.ModelCard;
import dev.digits.NoDigitFoundException;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.VerdictThresholds;
import dev.digits.preprocess.Pictures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code digits predict}: names the digit in each picture. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Names the handwritten digit in each picture.",
        description = {"Names the handwritten digit in each picture (PNG, JPEG, GIF, BMP).",
                "A picture that fails is reported on standard error; the others are still read, and the exit status is 1."},
        footerHeading = "%nExamples:%n",
        footer = {"  digits predict samples/4_ericadgjl_1.jpg --steps steps.png",
                "  samples/4_ericadgjl_1.jpg: 4 (100.0%%)",
                "  steps.png shows every preprocessing stage, from the photo to the 28x28",
                "  picture the model saw.",
                "  digits predict samples/3_parkercai_1.png --json",
                "  {\"file\":\"samples/3_parkercai_1.png\",\"digit\":3,\"verdict\":\"digit\",",
                "   \"confidence\":0.9999976,\"notDigit\":0.0,\"probabilities\":[1.68E-11,...]}"})
final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BackendOptions backendOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Pictures of single digits; a folder stands for the pictures in it, sorted by name.")
    List<Path> images;

    @Option(names = "--steps", paramLabel = "OUT.png",
            description = "Write a strip of the preprocessing stages to this PNG (with several pictures: OUT-1.png, OUT-2.png, ...).")
    Path steps;

    @Option(names = "--min-confidence", paramLabel = "P",
            description = {"Answer \"not sure\" (digit null, verdict unsure) below this probability (default: the model",
                    "card's " + ModelCard.VERDICT_UNSURE_BELOW + ", else " + DEFAULT_MIN_CONFIDENCE + ")."})
    Double minConfidence;

    static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--min-confidence must be a probability from 0 to 1, got " + minConfidence);
        }
        try (DigitClassifier classifier = backendOptions.open()) {
            VerdictThresholds thresholds = thresholds(classifier, minConfidence);
            return EachPicture.run(images, common.json, "digit", (image, i) -> {
                BufferedImage picture = Pictures.read(image);
                Prediction prediction;
                if (steps != null) {
                    Classification classification;
                    try {
                        classification = classifier.classifyWithStages(picture);
                    } catch (NoDigitFoundException e) {
                        // The stages up to the failure, with the reason on the picture: what the user needs to see why.
                        EachPicture.writePng(StepsImage.render(e.stages(), e.getMessage()),
                                EachPicture.stepsFile(steps, images, i));
                        throw e;
                    }
                    EachPicture.writePng(StepsImage.render(classification.stages()), EachPicture.stepsFile(steps, images, i));
                    prediction = classification.prediction();
                } else {
                    prediction = classifier.classify(picture);
                }
                print(image, prediction.withThresholds(thresholds));
            });
        }
    }

    /**
     * The classifier's thresholds, with {@code minConfidence} as the "unsure" one when given, and
     * {@value #DEFAULT_MIN_CONFIDENCE} when neither it nor the card gives one.
     *
     * @throws IllegalArgumentException when {@code minConfidence} is not a probability
     */
    static VerdictThresholds thresholds(DigitClassifier classifier, Double minConfidence) {
        VerdictThresholds card = classifier.verdictThresholds();
        if (minConfidence != null) {
            return card.withUnsureBelow(minConfidence);
        }
        return classifier.card().get(ModelCard.VERDICT_UNSURE_BELOW).isPresent() ? card
                : card.withUnsureBelow(DEFAULT_MIN_CONFIDENCE);
    }

    /** The answer in words: {@code 7 (98.1%)}, {@code not a digit}, {@code not sure (7? 54%)}. */
    static String describe(Prediction prediction) {
        return switch (prediction.verdict()) {
            case DIGIT -> String.format(Locale.ROOT, "%d (%.1f%%)", prediction.digit(), prediction.confidence() * 100);
            case NOT_A_DIGIT -> "not a digit";
            case UNSURE -> String.format(Locale.ROOT, "not sure (%d? %.0f%%)", prediction.digit(), prediction.confidence() * 100);
        };
    }

    private void print(Path image, Prediction prediction) {
        Verdict verdict = prediction.verdict();
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", image.toString());
            json.put("digit", verdict == Verdict.DIGIT ? prediction.digit() : null);
            json.put("verdict", verdict.key());
            json.put("confidence", prediction.confidence());
            json.put("notDigit", prediction.notDigitProbability());
            List<Float> probabilities = new ArrayList<>();
            for (float p : prediction.probabilities()) {
                probabilities.add(p);
            }
            json.put("probabilities", probabilities);
            Json.printLine(json);
        } else {
            System.out.println(image + ": " + describe(prediction));
        }
    }
}
