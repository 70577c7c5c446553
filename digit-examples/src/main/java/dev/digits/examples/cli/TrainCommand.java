package dev.digits.examples.cli;

import dev.digits.data.Mnist;
import dev.digits.dl4j.train.ClassifierTrainer;
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

/** {@code digits train}: reproduces the bundled classifier. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the digit classifier on MNIST with the project's fixed recipe (DL4J).",
                "Resumes from the checkpoint in the checkpoint folder when there is one. Writes the training curves",
                "(validation loss and accuracy per epoch) as OUT/classifier-curves.png beside the model."},
        footerHeading = "%nExample:%n",
        footer = {"  digits train --epochs 3 --limit 6000 --out quick-model   # a tenth of MNIST",
                "  Saved /.../quick-model/classifier.zip",
                "    epochs 3 (best 3), validation accuracy ..., test accuracy ...",
                "  and beside it its card and quick-model/classifier-curves.png."})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs to run (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_EPOCHS)
    int epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_SEED)
    long seed;

    @Option(names = "--out", description = "Output folder for classifier.zip and its card (default: ${DEFAULT-VALUE}).",
            defaultValue = "digits-model")
    Path out;

    @Option(names = "--checkpoints", description = "Checkpoint folder (default: OUT/checkpoints).")
    Path checkpoints;

    @Option(names = "--limit", description = "Train on at most this many pictures, for a quick run (default: all).",
            defaultValue = "0")
    int limit;

    @Option(names = "--patience", paramLabel = "N",
            description = "Epochs without improvement before stopping (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_PATIENCE)
    int patience;

    @Option(names = "--no-augment", description = "Train on the pictures as they are, without distortions.")
    boolean noAugment;

    @Override
    public Integer call() throws IOException {
        TrainingOptions options = TrainingOptions.builder(out).epochs(epochs).seed(seed).trainLimit(limit)
                .patience(patience).augment(!noAugment).checkpointDirectory(checkpoints).build();
        Mnist mnist = Mnist.fromDataFolder();
        TrainingResult result;
        BarProgress progress = new BarProgress();
        try (progress) {
            result = new ClassifierTrainer(options, progress)
                    .train(mnist.train(), Mnist.SHA256.get(Mnist.TRAIN_IMAGES), mnist.test());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", result.modelFile().toAbsolutePath().toString());
        json.put("card", dev.digits.ModelCard.cardPathFor(result.modelFile()).toAbsolutePath().toString());
        json.put("epochs", result.epochsRun());
        json.put("bestEpoch", result.bestEpoch());
        json.put("validationAccuracy", result.validationAccuracy());
        json.put("testAccuracy", result.testAccuracy());
        json.put("trainingSeconds", Math.round(result.trainingSeconds()));
        json.put("multiplyAdds", result.multiplyAdds());
        json.put("parameters", result.parameters());
        json.put("curves", writeCurves(result, progress.reports()).toAbsolutePath().toString());
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

    /** Writes the validation loss and accuracy of each epoch run as a PNG beside the model. */
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
