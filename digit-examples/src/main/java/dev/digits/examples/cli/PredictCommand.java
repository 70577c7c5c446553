package dev.digits.examples.cli;

import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.Prediction;
import dev.digits.io.AtomicFiles;
import dev.digits.preprocess.Pictures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
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

    @Option(names = "--steps", paramLabel = "OUT.png",
            description = "Write a strip of the preprocessing stages to this PNG (with several pictures: OUT-1.png, OUT-2.png, ...).")
    Path steps;

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0.5",
            description = "Abstain (digit null, shown as ?) below this probability (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Override
    public Integer call() {
        int failures = 0;
        try (DigitClassifier classifier = backendOptions.open()) {
            for (int i = 0; i < images.size(); i++) {
                Path image = images.get(i);
                try {
                    BufferedImage picture = Pictures.read(image);
                    Prediction prediction;
                    if (steps != null) {
                        Classification classification = classifier.classifyWithStages(picture);
                        writeSteps(classification.stages(), images.size() == 1 ? steps : numbered(steps, i + 1));
                        prediction = classification.prediction();
                    } else {
                        prediction = classifier.classify(picture);
                    }
                    print(image, prediction);
                } catch (DigitsException | IOException e) {
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

    /** {@code OUT.png} for the {@code number}th of several pictures: {@code OUT-number.png}. */
    static Path numbered(Path file, int number) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + number + name.substring(dot) : name + "-" + number;
        return file.resolveSibling(numbered);
    }

    private static void writeSteps(Map<String, BufferedImage> stages, Path file) throws IOException {
        writePng(StepsImage.render(stages), file);
    }

    /** Writes a PNG atomically: a reader never sees half a file. */
    static void writePng(BufferedImage picture, Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(picture, "png", temporary.toFile())) {
                throw new java.io.IOException("no PNG writer");
            }
        });
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
