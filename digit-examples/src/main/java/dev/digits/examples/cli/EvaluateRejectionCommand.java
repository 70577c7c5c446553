package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.data.DataUnavailableException;
import dev.digits.data.FashionMnist;
import dev.digits.data.FontLetters;
import dev.digits.data.LabelledPictures;
import dev.digits.data.Mnist;
import dev.digits.eval.LetterRejection;
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
                + "test digits; letters and symbols in handwriting fonts never used in training (when their Debian "
                + "packages are installed; digit-like letters such as O, l, S are reported apart); with --images, "
                + "also the labelled real digits of a folder, and with --letters a folder of real letters. Needs "
                + "Fashion-MNIST (Debian package dataset-fashion-mnist, or its .gz files in DATA/fashion-mnist).")
final class EvaluateRejectionCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--per-kind", paramLabel = "N", defaultValue = "1000",
            description = "Made non-digits of each kind (default: ${DEFAULT-VALUE}).")
    int perKind;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Also a folder of labelled real digits, listed in the file manifest.csv in it: how many of them are refused.")
    Path images;

    @Option(names = "--font-letters", paramLabel = "N", defaultValue = "2000",
            description = "Letters and symbols in the held-out handwriting fonts (default: ${DEFAULT-VALUE}; 0: none).")
    int fontLetters;

    @Option(names = "--letters", paramLabel = "DIR",
            description = "Also a folder of real handwritten letters, listed in manifest.csv with the columns file, "
                    + "label and ambiguous (1 for a letter that looks like a digit): how many are refused.")
    Path letters;

    @Override
    public Integer call() throws IOException {
        if (fontLetters < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--font-letters must be 0 or more, not " + fontLetters);
        }
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
            if (fontLetters > 0) {
                onFontLetters(classifier, json);
            }
            if (images != null) {
                onRealDigits(classifier, json);
            }
            if (letters != null) {
                onRealLetters(classifier, json);
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

    private void onFontLetters(DigitClassifier classifier, Map<String, Object> json) {
        LetterRejection result;
        try {
            result = LetterRejection.heldOutFonts(classifier, fontLetters);
        } catch (DataUnavailableException e) {
            System.err.println("Letters in handwriting fonts not measured: " + e.getMessage());
            return;
        }
        json.put("lettersCount", result.count());
        json.put("lettersRejected", result.lettersRejected());
        json.put("lettersRefusedWithUnsure", result.lettersRefused());
        json.put("byFont", result.byFont());
        json.put("lettersAnsweredAsDigit", result.answeredAsDigit());
        json.put("digitLikeCount", result.digitLikeCount());
        json.put("digitLikeLetters", result.digitLikeVerdicts());
    }

    private void onRealLetters(DigitClassifier classifier, Map<String, Object> json) {
        LetterRejection.RealLetters result = LetterRejection.realLetters(classifier, letters,
                LabelledPictures.readLetters(letters.resolve("manifest.csv")));
        json.put("realLettersCount", result.count());
        json.put("lettersRefused", result.refused());
        json.put("realLettersAnsweredAsDigits", result.answeredAsDigits());
        json.put("ambiguousCount", result.ambiguousCount());
        json.put("ambiguousRefused", result.ambiguousRefused());
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
        if (json.containsKey("lettersCount")) {
            System.out.printf(Locale.ROOT, "Letters in held-out fonts:   %.2f%% not a digit (%.2f%% with not sure) of %d%n",
                    100 * (double) json.get("lettersRejected"), 100 * (double) json.get("lettersRefusedWithUnsure"),
                    json.get("lettersCount"));
            ((Map<String, Double>) json.get("byFont")).forEach((font, share) ->
                    System.out.printf(Locale.ROOT, "  %-24s %.2f%%%n", font, 100 * share));
            System.out.printf(Locale.ROOT, "  answered as a digit: %s%n", json.get("lettersAnsweredAsDigit"));
            System.out.printf(Locale.ROOT, "  digit-like letters (%s), %d: verdict shares %s%n", FontLetters.DIGIT_LIKE,
                    json.get("digitLikeCount"), json.get("digitLikeLetters"));
        }
        if (json.containsKey("realLettersCount")) {
            System.out.printf(Locale.ROOT, "Real letters refused: %d of %d (ambiguous apart: %d of %d); answered as digits:"
                            + " %s%n", json.get("lettersRefused"), json.get("realLettersCount"), json.get("ambiguousRefused"),
                    json.get("ambiguousCount"), json.get("realLettersAnsweredAsDigits"));
        }
        if (json.containsKey("imagesCount")) {
            System.out.printf(Locale.ROOT, "Real digits refused: %d of %d %s%n", json.get("imagesRefused"),
                    json.get("imagesCount"), json.get("imagesRefusedFiles"));
        }
        System.out.println("Backend " + json.get("backend") + ", thresholds " + json.get("thresholds"));
    }
}
