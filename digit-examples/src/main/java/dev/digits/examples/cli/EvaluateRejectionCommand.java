package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.data.FashionMnist;
import dev.digits.data.LabelledPictures;
import dev.digits.data.Mnist;
import dev.digits.eval.RejectionEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits evaluate-rejection}: how well the classifier tells digits from things that are not digits. */
@Command(name = "evaluate-rejection", mixinStandardHelpOptions = true,
        header = "Measures the \"not a digit\" and \"not sure\" answers on test material.",
        description = "Measures the classifier's \"not a digit\" and \"not sure\" answers on test material only: "
                + "the 10,000 Fashion-MNIST test pictures, non-digits made from MNIST test digits (pairs, "
                + "fragments) and fresh drawings (scribbles, letter-like shapes, noise), and the 10,000 MNIST "
                + "test digits; with --images, also the labelled real digits of a folder. Needs Fashion-MNIST "
                + "(Debian package dataset-fashion-mnist, or its .gz files in DATA/fashion-mnist).")
final class EvaluateRejectionCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--per-kind", paramLabel = "N", defaultValue = "1000",
            description = "Made non-digits of each kind (default: ${DEFAULT-VALUE}).")
    int perKind;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Also a folder of labelled real digits, listed in the file manifest.csv in it: how many of them are refused.")
    Path images;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        try (DigitClassifier classifier = backendOptions.open()) {
            Mnist mnist = Mnist.fromDataFolder();
            RejectionEvaluation result = RejectionEvaluation.of(classifier, mnist.test(), FashionMnist.fromDataFolder().test(),
                    perKind);
            json.put("fashionRejected", result.fashionRejected());
            json.put("fashionRefused", result.fashionRefused());
            json.put("syntheticRejected", result.syntheticRejected());
            json.put("syntheticRefused", result.syntheticRefused());
            json.put("byKind", result.byKind());
            json.put("mnistRejected", result.mnistRejected());
            json.put("accuracy", result.accuracy());
            json.put("acceptedAccuracy", result.acceptedAccuracy());
            json.put("eceBefore", result.eceBefore());
            json.put("ece", result.ece());
            json.put("thresholds", Map.of("notDigitAt", classifier.verdictThresholds().notDigitAt(),
                    "unsureBelow", classifier.verdictThresholds().unsureBelow()));
            if (images != null) {
                onRealDigits(classifier, json);
            }
            json.put("backend", classifier.backendName());
        }
        if (common.json) {
            Json.printLine(json);
        } else {
            printText(json);
        }
        return 0;
    }

    private void onRealDigits(DigitClassifier classifier, Map<String, Object> json) {
        RejectionEvaluation.RefusedDigits result = RejectionEvaluation.refusedDigits(classifier, images,
                LabelledPictures.read(images.resolve("manifest.csv")));
        json.put("imagesCount", result.count());
        json.put("imagesRefused", result.refused().size());
        json.put("imagesRefusedFiles", result.refused());
    }

    @SuppressWarnings("unchecked")
    private static void printText(Map<String, Object> json) {
        System.out.printf(Locale.ROOT, "Fashion-MNIST test pictures: %.2f%% not a digit (%.2f%% with not sure)%n",
                100 * (double) json.get("fashionRejected"), 100 * (double) json.get("fashionRefused"));
        System.out.printf(Locale.ROOT, "Made non-digits:             %.2f%% not a digit (%.2f%% with not sure)%n",
                100 * (double) json.get("syntheticRejected"), 100 * (double) json.get("syntheticRefused"));
        ((Map<String, Double>) json.get("byKind")).forEach((kind, share) ->
                System.out.printf(Locale.ROOT, "  %-10s %.2f%%%n", kind, 100 * share));
        System.out.printf(Locale.ROOT, "MNIST test digits refused:   %.2f%%; accuracy %.4f, on the accepted %.4f%n",
                100 * (double) json.get("mnistRejected"), json.get("accuracy"), json.get("acceptedAccuracy"));
        System.out.printf(Locale.ROOT, "Calibration error (ECE, 15 bins): %.4f without the temperature, %.4f with it%n",
                json.get("eceBefore"), json.get("ece"));
        if (json.containsKey("imagesCount")) {
            System.out.printf(Locale.ROOT, "Real digits refused: %d of %d %s%n", json.get("imagesRefused"),
                    json.get("imagesCount"), json.get("imagesRefusedFiles"));
        }
        System.out.println("Backend " + json.get("backend") + ", thresholds " + json.get("thresholds"));
    }
}
