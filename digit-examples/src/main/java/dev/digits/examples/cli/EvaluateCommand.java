package dev.digits.examples.cli;

import dev.digits.CardSchema;
import dev.digits.DigitClassifier;
import dev.digits.data.Corruption;
import dev.digits.data.DigitDataset;
import dev.digits.data.RobustnessSet;
import dev.digits.data.LabelledPictures;
import dev.digits.data.Mnist;
import dev.digits.data.Svhn;
import dev.digits.eval.Evaluation;
import dev.digits.eval.RobustnessEvaluation;
import dev.digits.io.AtomicFiles;
import dev.digits.preprocess.Preprocessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits evaluate}: accuracy on the MNIST or SVHN test set or on a labelled folder of pictures. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        header = "Measures the classifier's accuracy on MNIST, SVHN or a folder of labelled pictures.",
        description = "Measures the classifier's accuracy: on the 10,000 MNIST test pictures by default, on "
                + "SVHN's 26,032 test pictures (--dataset svhn), or on a folder of labelled pictures "
                + "(--images).")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            description = "Data set to measure on: mnist or svhn (default: ${DEFAULT-VALUE}). A model trained on SVHN"
                    + " (32x32) gets SVHN's pictures in gray; any other classifier gets each picture through its"
                    + " picture preprocessing.")
    String dataset;

    @Option(names = "--data", paramLabel = "FILE.mat", description = "With --dataset svhn: a file in SVHN's format"
            + " instead of the official test_32x32.mat (format-checked; the MD5 check is for the official files).")
    Path data;

    @Option(names = "--download", description = "With --dataset svhn: fetch test_32x32.mat from SVHN's site when it is"
            + " not in DIGITS_DATA/svhn (64 MB), verifying its MD5.")
    boolean download;

    @Option(names = "--images", paramLabel = "DIR", description = "A folder of labelled pictures, listed in the file manifest.csv in it (see --manifest).")
    Path images;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The CSV manifest (columns file and label) of --images, if not DIR/manifest.csv.")
    Path manifest;

    @Option(names = "--robustness",
            description = "Measure on the synthetic robustness set: MNIST test digits made to look like photos, scans and drawings.")
    boolean robustness;

    @Option(names = "--per-corruption", paramLabel = "N", defaultValue = "500",
            description = "Pictures per corruption with --robustness (default: ${DEFAULT-VALUE}).")
    int perCorruption;

    @Option(names = "--digits", paramLabel = "SET", defaultValue = "test",
            description = "The MNIST digits measured (and, with --robustness, made to look like photos): test (the"
                    + " MNIST test set, for measuring) or validation (the validation split of the training set that"
                    + " every 'digits train' run holds out, for choosing settings) (default: ${DEFAULT-VALUE}).")
    String digits;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2024",
            description = "Seed of the robustness set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/confusion.png (the confusion matrix as a picture), DIR/misclassified.png (the"
                    + " misclassified pictures, each with its label and the prediction) and DIR/evaluation.json.")
    Path report;

    /** The misclassified pictures of --images and --robustness by item, kept small, for the report. */
    private final Map<String, BufferedImage> missedPictures = new HashMap<>();
    /** The data set evaluated, when it is one: its misclassified pictures are found again by index. */
    private DigitDataset evaluatedSet;

    @Option(names = "--preprocessor", paramLabel = "NAME",
            description = "Preprocessing of --images pictures: ${COMPLETION-CANDIDATES} (default: mnist, the classifier's own).")
    PreprocessorChoice preprocessor;

    /** The preprocessors one can choose by name. */
    enum PreprocessorChoice {
        mnist(Preprocessor.mnist().withStages(false)), deskew(dev.digits.preprocess.MnistPreprocessor.builder().deskew(true)
                .keepStages(false).build()), simple(Preprocessor.simple()), naive(Preprocessor.naive());

        final Preprocessor preprocessor;

        PreprocessorChoice(Preprocessor preprocessor) {
            this.preprocessor = preprocessor;
        }
    }

    @Override
    public Integer call() throws IOException {
        try (DigitClassifier classifier = backendOptions.open()) {
            if (robustness) {
                onRobustnessSet(classifier);
                return 0;
            }
            Evaluation evaluation = images != null || manifest != null ? onPictures(classifier) : onDataset(classifier);
            report(evaluation, classifier.backendName(), null);
            return evaluation.failed().isEmpty() ? 0 : 1;
        }
    }

    private Evaluation onDataset(DigitClassifier classifier) {
        boolean svhn = dataset.equalsIgnoreCase("svhn");
        if (!svhn && !dataset.equalsIgnoreCase("mnist")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "Unknown data set '" + dataset + "'; known: mnist, svhn");
        }
        if (!svhn && (data != null || download)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--data and --download are for --dataset svhn; MNIST is fetched by itself");
        }
        if (svhn) {
            return onSvhn(classifier, SvhnFiles.of(Svhn.Part.TEST, data, download).read());
        }
        DigitDataset test = mnistDigits();
        evaluatedSet = test;
        try (ProgressBar bar = ProgressBars.of("Evaluating", test.size())) {
            return Evaluation.of(classifier, test, bar::stepBy);
        }
    }

    /**
     * SVHN's colour pictures: in gray to a model of their size (trained on SVHN), else each as a picture through
     * the classifier's preprocessing (or the chosen one), a picture without a digit counting as a miss.
     */
    private Evaluation onSvhn(DigitClassifier classifier, DigitDataset colour) {
        CardSchema.PictureInput pictureInput = CardSchema.PictureInput.of(classifier.card());
        int[] size = {pictureInput.width(), pictureInput.height()};
        if (size[0] == colour.width() && size[1] == colour.height()) {
            DigitDataset gray = colour.grayscale();
            try (ProgressBar bar = ProgressBars.of("Evaluating", gray.size())) {
                return Evaluation.of(classifier, gray, bar::stepBy);
            }
        }
        try (ProgressBar bar = ProgressBars.of("Evaluating", colour.size())) {
            return Evaluation.ofWholePictures(classifier, chosenPreprocessor(), colour, answer -> bar.step());
        }
    }

    private Evaluation onPictures(DigitClassifier classifier) {
        Path manifestFile = manifest != null ? manifest : images.resolve("manifest.csv");
        List<LabelledPictures.Entry> entries = LabelledPictures.read(manifestFile);
        Evaluation evaluation;
        try (ProgressBar bar = ProgressBars.of("Evaluating", entries.size())) {
            evaluation = Evaluation.ofPictures(classifier, chosenPreprocessor(), manifestFile.toAbsolutePath().getParent(),
                    entries, answer -> {
                        keepIfMissed(answer);
                        bar.step();
                    });
        }
        evaluation.failed().forEach((name, message) -> System.err.println("digits: " + message));
        return evaluation;
    }

    private DigitDataset mnistDigits() {
        return MnistDigits.named(digits, new picocli.CommandLine(this));
    }

    private void onRobustnessSet(DigitClassifier classifier) throws IOException {
        RobustnessSet set = new RobustnessSet(mnistDigits(), seed);
        RobustnessEvaluation result;
        try (ProgressBar bar = ProgressBars.of("Robustness", perCorruption * Corruption.values().length)) {
            result = RobustnessEvaluation.of(classifier, chosenPreprocessor(), set, perCorruption, answer -> {
                keepIfMissed(answer);
                bar.step();
            });
        }
        report(result.overall(), classifier.backendName(), result.byCorruption());
    }

    /** The preprocessing chosen with --preprocessor, or null for the classifier's own. */
    private Preprocessor chosenPreprocessor() {
        return preprocessor != null ? preprocessor.preprocessor : null;
    }

    private void keepIfMissed(Evaluation.Answer answer) {
        if (report != null && answer.picture() != null && answer.missed() && missedPictures.size() < MisclassifiedImage.MAX_SHOWN) {
            missedPictures.put(answer.item(), MisclassifiedImage.thumbnail(answer.picture()));
        }
    }

    private void report(Evaluation evaluation, String backend, Map<String, Double> byCorruption) throws IOException {
        Map<String, Object> json = toJson(evaluation, backend, byCorruption);
        if (report != null) {
            writeReport(evaluation, json);
        }
        if (common.json) {
            Json.printLine(json);
            return;
        }
        printText(evaluation, backend, byCorruption);
    }

    private void writeReport(Evaluation evaluation, Map<String, Object> json) throws IOException {
        String title = String.format(Locale.ROOT, "accuracy %.4f on %d pictures (%s)", evaluation.accuracy(),
                evaluation.count(), json.get("backend"));
        AtomicFiles.write(report.resolve("confusion.png"), temporary -> {
            if (!ImageIO.write(ConfusionImage.render(evaluation.confusion(), title), "png", temporary.toFile())) {
                throw new java.io.IOException("no PNG writer");
            }
        });
        Map<String, BufferedImage> pictures = new HashMap<>(missedPictures);
        if (evaluatedSet != null) {
            List<Evaluation.Miss> misses = evaluation.misclassified();
            for (Evaluation.Miss miss : misses.subList(0, Math.min(MisclassifiedImage.MAX_SHOWN, misses.size()))) {
                pictures.put(miss.item(), evaluatedSet.image(Integer.parseInt(miss.item())).toBufferedImage());
            }
        }
        EachPicture.writePng(MisclassifiedImage.render(evaluation.misclassified(), pictures, title), report.resolve("misclassified.png"));
        AtomicFiles.writeString(report.resolve("evaluation.json"), Json.toLine(json) + "\n");
        System.err.println("Report written to " + report.toAbsolutePath());
    }

    private Map<String, Object> toJson(Evaluation evaluation, String backend, Map<String, Double> byCorruption) {
        boolean files = images != null || manifest != null || byCorruption != null;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", evaluation.accuracy());
        json.put("count", evaluation.count());
        json.put("backend", backend);
        json.put("rejected", evaluation.notDigit());
        json.put("unsure", evaluation.unsure());
        json.put("acceptedAccuracy", evaluation.acceptedAccuracy());
        if (byCorruption != null) {
            json.put("byCorruption", byCorruption);
        }
        if (files && byCorruption == null) {
            json.put("errors", evaluation.failed().size());
            json.put("failed", evaluation.failed().entrySet().stream().map(failed -> Map.of("file", failed.getKey(),
                    "error", failed.getValue())).toList());
        }
        json.put("confusion", evaluation.confusion());
        json.put("misclassified", evaluation.misclassified().stream().map(miss -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(files ? "file" : "index", files ? miss.item() : Integer.parseInt(miss.item()));
            row.put("label", miss.label());
            row.put("predicted", miss.predicted());
            row.put("confidence", miss.confidence());
            return row;
        }).toList());
        return json;
    }

    private void printText(Evaluation evaluation, String backend, Map<String, Double> byCorruption) {
        System.out.printf(Locale.ROOT, "Accuracy %.4f (%d of %d) on backend %s%n", evaluation.accuracy(),
                evaluation.correct(), evaluation.count(), backend);
        System.out.printf(Locale.ROOT, "Refused %d as not a digit and %d as not sure; accuracy on the rest %.4f%n%n",
                evaluation.notDigit(), evaluation.unsure(), evaluation.acceptedAccuracy());
        if (!evaluation.failed().isEmpty()) {
            System.out.printf(Locale.ROOT, "%d pictures could not be read and count as wrong (see standard error)%n%n",
                    evaluation.failed().size());
        }
        if (byCorruption != null) {
            byCorruption.forEach((name, accuracy) -> System.out.printf(Locale.ROOT, "  %-16s %.4f%n", name, accuracy));
            System.out.println();
        }
        System.out.println("Confusion (rows: true digit, columns: predicted)");
        System.out.print("     ");
        for (int d = 0; d < 10; d++) {
            System.out.printf("%6d", d);
        }
        System.out.println();
        int[][] confusion = evaluation.confusion();
        for (int t = 0; t < 10; t++) {
            System.out.printf("%5d", t);
            for (int p = 0; p < 10; p++) {
                System.out.printf("%6d", confusion[t][p]);
            }
            System.out.println();
        }
    }
}
