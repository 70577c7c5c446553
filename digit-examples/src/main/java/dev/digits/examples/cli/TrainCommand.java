package dev.digits.examples.cli;

import dev.digits.CardFiles;
import dev.digits.data.Mnist;
import dev.digits.data.Svhn;
import dev.digits.dl4j.train.ClassifierArchitecture;
import dev.digits.dl4j.train.ClassifierTrainer;
import dev.digits.dl4j.train.DatasetRecipe;
import dev.digits.dl4j.train.TrainingOptions;
import dev.digits.dl4j.train.TrainingProgress;
import dev.digits.dl4j.train.TrainingProgress.EpochReport;
import dev.digits.dl4j.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits train}: reproduces the bundled classifier, or trains the 32×32 one on SVHN. */
@Command(name = "train", mixinStandardHelpOptions = true,
        header = "Trains the digit classifier (DL4J).",
        description = "Trains the digit classifier on MNIST with the project's fixed recipe (DL4J), or with "
                + "--dataset svhn the 32x32 one on SVHN's gray, standardised pictures. Resumes from the "
                + "checkpoint in the checkpoint folder when there is one. Writes the training curves "
                + "(validation loss and accuracy per epoch) as OUT/classifier-curves.png beside the model.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs to run (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_EPOCHS)
    int epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed of the initial weights, the order and the distortions; the validation split is the"
            + " same for every seed, so runs can be compared and averaged into an ensemble (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_SEED)
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder for classifier.zip and its card (default: digits-model;"
            + " digits-model-svhn with --dataset svhn).")
    Path out;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            description = "Data set to train on: mnist or svhn (SVHN's cropped digits, 32x32, made gray; trained without"
                    + " distortions) (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--download", description = "With --dataset svhn: fetch SVHN's files from its site when they are"
            + " not in DIGITS_DATA/svhn (246 MB), verifying their MD5.")
    boolean download;

    @Option(names = "--data", paramLabel = "FILE.mat", description = "With --dataset svhn: train on this file in SVHN's"
            + " format instead of the official train_32x32.mat (format-checked; its MD5 goes into the card).")
    Path data;

    @Option(names = "--test-data", paramLabel = "FILE.mat", description = "With --dataset svhn: measure the model once"
            + " at the end on this file instead of the official test_32x32.mat.")
    Path testData;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Checkpoint folder (default: OUT/checkpoints).")
    Path checkpoints;

    @Option(names = "--limit", paramLabel = "N", description = "Train on at most this many pictures, for a quick run (default: all).",
            defaultValue = "0")
    int limit;

    @Option(names = "--patience", paramLabel = "N",
            description = "Epochs without improvement before stopping (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_PATIENCE)
    int patience;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_VALIDATION_SIZE,
            description = "Training pictures held out to choose the best epoch (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128",
            description = "Pictures per training step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--no-augment", description = "Train on the pictures as they are, without distortions.")
    boolean noAugment;

    @Option(names = "--architecture", paramLabel = "NAME", defaultValue = "standard",
            description = "The network's width: standard (the bundled classifier's, 3.7 M multiply-adds per picture) or"
                    + " wide (more channels, 6.2 M), e.g. for a member of an ensemble that differs from the others"
                    + " (default: ${DEFAULT-VALUE}).")
    String architecture;

    @Option(names = "--teacher", paramLabel = "FILE.zip", split = ",",
            description = "Ten-digit classifiers from 'digits train' (repeat or separate with commas) to learn from:"
                    + " on every distorted picture the target mixes their mean probabilities into the label"
                    + " (distillation), e.g. a small network taught by an ensemble too slow to ship.")
    List<Path> teachers = new ArrayList<>();

    @Option(names = "--distillation", paramLabel = "W", defaultValue = "0.5",
            description = "With --teacher: the teachers' weight in each target, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double distillation;

    @Override
    public Integer call() throws Exception {
        boolean svhn = dataset.equalsIgnoreCase("svhn");
        if (!svhn && !dataset.equalsIgnoreCase("mnist")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "Unknown data set '" + dataset + "'; known: mnist, svhn");
        }
        if (!svhn && (download || data != null || testData != null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--download, --data and --test-data are for --dataset svhn; MNIST is fetched by itself");
        }
        if (!teachers.isEmpty() && (svhn || !(distillation > 0 && distillation < 1))) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), svhn
                    ? "--teacher is for MNIST classifiers; train --dataset svhn without it"
                    : "--distillation is a weight between 0 and 1 (exclusive), not " + distillation);
        }
        for (Path teacher : teachers) {
            if (!java.nio.file.Files.isRegularFile(teacher)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "No teacher classifier at " + teacher + "; give a classifier.zip written by 'digits train'");
            }
        }
        ClassifierArchitecture.Width width;
        try {
            width = ClassifierArchitecture.Width.named(architecture);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        Path folder = out != null ? out : Path.of(svhn ? "digits-model-svhn" : "digits-model");
        TrainingOptions options = TrainingOptions.builder(folder).epochs(epochs).seed(seed).trainLimit(limit)
                .validationSize(validation).batchSize(batchSize)
                .patience(patience).augment(!noAugment && !svhn).checkpointDirectory(checkpoints).width(width)
                .teachers(teachers, distillation).build();
        return OutputFolders.holding("digits train --out " + folder, () -> run(options, svhn), folder, checkpoints);
    }

    private Integer run(TrainingOptions options, boolean svhn) throws Exception {
        TrainingResult result;
        BarProgress progress = new BarProgress();
        try (progress) {
            ClassifierTrainer trainer = new ClassifierTrainer(options, progress);
            if (svhn) {
                SvhnFiles.Source trainFile = SvhnFiles.of(Svhn.Part.TRAIN, data, download);
                SvhnFiles.Source testFile = SvhnFiles.of(Svhn.Part.TEST, testData, download);
                result = trainer.train(trainFile.read().grayscale(), DatasetRecipe.SVHN, trainFile.md5(),
                        testFile.read().grayscale());
            } else {
                Mnist mnist = Mnist.fromDataFolder();
                result = trainer.train(mnist.train(), Mnist.SHA256.get(Mnist.TRAIN_IMAGES), mnist.test());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", result.modelFile().toAbsolutePath().toString());
        json.put("card", dev.digits.CardFiles.cardPathFor(result.modelFile()).toAbsolutePath().toString());
        json.put("dataset", svhn ? "svhn" : "mnist");
        json.put("epochs", result.epochsRun());
        json.put("bestEpoch", result.bestEpoch());
        json.put("validationAccuracy", result.validationAccuracy());
        json.put("testAccuracy", result.testAccuracy());
        json.put("trainingSeconds", Math.round(result.trainingSeconds()));
        json.put("multiplyAdds", result.multiplyAdds());
        json.put("parameters", result.parameters());
        json.put("curves", writeCurves(result, result.history()).toAbsolutePath().toString());
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Saved %s%n  epochs %d (best %d), validation accuracy %.4f, test accuracy %.4f%n"
                            + "  %d parameters, %d multiply-adds per picture, %.0f s of training%n",
                    json.get("model"), result.epochsRun(), result.bestEpoch(), result.validationAccuracy(),
                    result.testAccuracy(), result.parameters(), result.multiplyAdds(), result.trainingSeconds());
        }
        return 0;
    }

    /**
     * Writes the validation loss and accuracy of every epoch of the training as a PNG beside the model: resumed
     * runs included (the history is kept with the checkpoint), so a resumed or re-run training keeps its curves.
     */
    private static Path writeCurves(TrainingResult result, List<EpochReport> reports) throws IOException {
        String name = result.modelFile().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path file = result.modelFile().resolveSibling(name + "-curves.png");
        List<Double> loss = reports.stream().map(EpochReport::validationLoss).toList();
        List<Double> accuracy = reports.stream().map(EpochReport::validationAccuracy).toList();
        int first = reports.isEmpty() ? 1 : reports.get(0).epoch();
        BufferedImage picture = CurvesImage.render("Training " + result.modelFile().getFileName() + " (best epoch "
                + result.bestEpoch() + ")", List.of(
                new CurvesImage.Chart("Validation loss", List.of(new CurvesImage.Series("loss", CurvesImage.ORANGE, loss)), first),
                new CurvesImage.Chart("Validation accuracy", List.of(
                        new CurvesImage.Series("accuracy", CurvesImage.BLUE, accuracy)), first)));
        EachPicture.writePng(picture, file);
        return file;
    }

    /** A progress bar per epoch on standard error; remembers each epoch's report for the curves. */
    static final class BarProgress implements TrainingProgress, AutoCloseable {
        private final ProgressBars.PerEpoch bars = new ProgressBars.PerEpoch();
        private final List<EpochReport> reports = new ArrayList<>();

        List<EpochReport> reports() {
            return List.copyOf(reports);
        }

        @Override
        public void epochStarted(int epoch, int maxEpochs, int batches) {
            bars.start("Epoch " + epoch + "/" + maxEpochs, batches);
        }

        @Override
        public void batchFinished() {
            bars.step();
        }

        @Override
        public void epochFinished(EpochReport report) {
            reports.add(report);
            bars.message(String.format(Locale.ROOT, "val %.4f%s", report.validationAccuracy(), report.best() ? " *" : ""));
            bars.close();
        }

        @Override
        public void close() {
            bars.close();
        }
    }
}
