package dev.digits.examples.cli;

import dev.digits.data.Mnist;
import dev.digits.dl4j.train.ClassifierTrainer;
import dev.digits.dl4j.train.TrainingOptions;
import dev.digits.dl4j.train.TrainingProgress;
import dev.digits.dl4j.train.TrainingResult;
import java.nio.file.Path;
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
                "Resumes from the checkpoint in the checkpoint folder when there is one."})
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
    public Integer call() {
        TrainingOptions options = TrainingOptions.builder(out).epochs(epochs).seed(seed).trainLimit(limit)
                .patience(patience).augment(!noAugment).checkpointDirectory(checkpoints).build();
        Mnist mnist = Mnist.fromDataFolder();
        TrainingResult result;
        try (BarProgress progress = new BarProgress()) {
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

    /** A progress bar per epoch on standard error. */
    static final class BarProgress implements TrainingProgress, AutoCloseable {
        private final ProgressBars.PerEpoch bars = new ProgressBars.PerEpoch();

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
            bars.message(String.format(Locale.ROOT, "val %.4f%s", report.validationAccuracy(), report.best() ? " *" : ""));
            bars.close();
        }

        @Override
        public void close() {
            bars.close();
        }
    }
}
