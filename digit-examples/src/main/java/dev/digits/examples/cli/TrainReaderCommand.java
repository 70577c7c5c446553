package dev.digits.examples.cli;

import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.data.Mnist;
import dev.digits.dl4j.train.ReaderTrainer;
import dev.digits.dl4j.train.TrainingProgress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits train-reader}: trains the learned number reader on synthetic numbers of MNIST training digits. */
@Command(name = "train-reader", mixinStandardHelpOptions = true,
        header = "Trains the learned number reader (DL4J).",
        description = "Trains the learned number reader (DL4J: a convolutional network scoring each column of the "
                + "line over ten digits and a blank, with a CTC loss) on synthetic numbers of 1 to 12 MNIST "
                + "training digits, half separated and half touching, and half of each laid on photographed "
                + "pages under the conditions of evaluate-numbers --robustness (other seeds), keeping the epoch "
                + "that reads most validation numbers whole. The prepared numbers are kept in the checkpoint "
                + "folder for a resumed run; delete it when the preprocessing changes. "
                + "It resumes from its checkpoints when run again with the same "
                + "settings (more --epochs continue it). Export it with: digits export-onnx --model "
                + "DIR/number-reader.zip.")
final class TrainReaderCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + ReaderTrainer.Options.DEFAULT_EPOCHS,
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + ReaderTrainer.Options.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--numbers", paramLabel = "N", defaultValue = "" + ReaderTrainer.Options.DEFAULT_TRAIN_NUMBERS,
            description = "Synthetic training numbers (default: ${DEFAULT-VALUE}).")
    int numbers;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "digits-model",
            description = "Folder for number-reader.zip and its card (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ReaderTrainer.Options defaults = ReaderTrainer.Options.defaults(out);
        ReaderTrainer.Options options = new ReaderTrainer.Options(epochs, seed, defaults.batchSize(), numbers,
                Math.min(defaults.validationNumbers(), Math.max(600, numbers / 10)), defaults.learningRate(),
                defaults.decay(), out);
        return OutputFolders.holding("digits train-reader --out " + out, () -> run(options), out);
    }

    private Integer run(ReaderTrainer.Options options) throws Exception {
        ReaderTrainer.Result result;
        try (BarProgress progress = new BarProgress()) {
            result = new ReaderTrainer(options, progress).train(Mnist.fromDataFolder().train(),
                    Mnist.SHA256.get(Mnist.TRAIN_IMAGES));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", result.modelFile().toAbsolutePath().toString());
        json.put("card", CardFiles.cardPathFor(result.modelFile()).toAbsolutePath().toString());
        json.put("bestEpoch", result.bestEpoch());
        json.put("validationSequenceAccuracy", result.validationSequenceAccuracy());
        json.put("trainingSeconds", Math.round(result.seconds()));
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Saved %s (epoch %d, validation sequence accuracy %.4f, %.0f s)%n",
                    json.get("model"), result.bestEpoch(), result.validationSequenceAccuracy(), result.seconds());
        }
        return 0;
    }

    /** A progress bar per epoch on standard error. */
    private static final class BarProgress implements TrainingProgress, AutoCloseable {
        private final ProgressBars.PerEpoch bars = new ProgressBars.PerEpoch();

        @Override
        public void epochStarted(int epoch, int maxEpochs, int batches) {
            bars.start("Reader epoch " + epoch + "/" + maxEpochs, batches);
        }

        @Override
        public void batchFinished() {
            bars.step();
        }

        @Override
        public void epochFinished(EpochReport report) {
            bars.close();
        }

        @Override
        public void close() {
            bars.close();
        }
    }
}
