package dev.digits.examples.cli;

import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.NoDigitFoundException;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.VerdictThresholds;
import dev.digits.preprocess.Pictures;
import dev.digits.read.NumberReaders;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code digits predict}: names the digit in each picture. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Names the handwritten digit in each picture.",
        description = "Names the handwritten digit in each picture (PNG, JPEG, GIF, BMP). A picture that fails is "
                + "reported on standard error; the others are still read, and the exit status is 1.")
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
            description = "Answer \"not sure\" (digit null, verdict unsure) below this probability (default: the model "
                    + "card's " + ModelCard.VERDICT_UNSURE_BELOW + ", else " + DEFAULT_MIN_CONFIDENCE + ").")
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
        try (DigitClassifier classifier = backendOptions.open(); NumberCheck numbers = new NumberCheck()) {
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
                Prediction answer = prediction.withThresholds(thresholds);
                print(image, answer, answer.verdict() == Verdict.DIGIT ? 0 : numbers.digitsOnALine(picture));
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
            case DIGIT -> prediction.digit() + " (" + percent(prediction.confidence(), 1) + "%)";
            case NOT_A_DIGIT -> "not a digit";
            case UNSURE -> "not sure (" + prediction.digit() + "? " + percent(prediction.confidence(), 0) + "%)";
        };
    }

    /**
     * A share as a percentage with {@code decimals} decimals, the digits {@code String.format("%.1f")} gives (half
     * up, from the shortest decimal form of the double) without a {@link java.util.Formatter}: a one-picture run
     * would spend about 20 ms loading locale data for it.
     */
    static String percent(double share, int decimals) {
        return new BigDecimal(Double.toString(share * 100)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * Whether a picture the classifier did not take for one digit is a number, which {@code digits read} reads: the
     * segmenting reader (opened on the first such picture, with a classifier of its own) finds two or more pieces
     * on one line, names every one a digit and is sure of the whole. A shoe or a letter is no number.
     */
    private final class NumberCheck implements AutoCloseable {
        private NumberReader reader;

        /** The number of digits when the picture reads as a number of several, else 0. */
        int digitsOnALine(BufferedImage picture) {
            if (picture.getWidth() <= DigitImage.MNIST_SIZE && picture.getHeight() <= DigitImage.MNIST_SIZE) {
                return 0; // a picture in MNIST form holds one item: Fashion-MNIST's trousers read "11" otherwise
            }
            try {
                if (reader == null) {
                    reader = NumberReaders.segmenting(backendOptions.open());
                }
                NumberReading reading = reader.read(picture);
                boolean allDigits = reading.digits().stream()
                        .allMatch(d -> d.prediction().verdict() == Verdict.DIGIT);
                return reading.digits().size() >= 2 && allDigits && reading.isConfident() ? reading.digits().size() : 0;
            } catch (DigitsException e) {
                return 0;
            }
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private void print(Path image, Prediction prediction, int digitsOnALine) {
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
            if (digitsOnALine > 0) {
                json.put("hint", hint(image, digitsOnALine));
            }
            Json.printLine(json);
        } else {
            System.out.println(image + ": " + describe(prediction)
                    + (digitsOnALine > 0 ? " (" + hint(image, digitsOnALine) + ")" : ""));
        }
    }

    private static String hint(Path image, int digitsOnALine) {
        return "it looks like a number of " + digitsOnALine + " digits; read numbers with: digits read " + image;
    }
}
