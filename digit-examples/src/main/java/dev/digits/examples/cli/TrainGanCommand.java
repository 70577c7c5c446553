package dev.digits.examples.cli;

import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.data.Mnist;
import dev.digits.dl4j.train.GanTrainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits train-gan}: trains the conditional GAN that {@code digits generate} draws with. */
@Command(name = "train-gan", mixinStandardHelpOptions = true,
        header = "Trains the conditional GAN that draws new digits (DL4J).",
        description = "Trains the conditional GAN on the MNIST training digits (DL4J) and writes the generator. "
                + "Resumes from the checkpoint in the checkpoint folder when there is one; writes a preview "
                + "grid (one row per digit) after the epochs --preview names, and the losses per epoch as "
                + "OUT/generator-curves.png.")
final class TrainGanCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + GanTrainer.Options.DEFAULT_EPOCHS,
            description = "Epochs in all (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + GanTrainer.Options.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + GanTrainer.Options.DEFAULT_BATCH,
            description = "Real pictures per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "digits-model",
            description = "Folder for generator.zip, its card and the previews (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Checkpoint folder (default: OUT/gan-checkpoints).")
    Path checkpoints;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Train on at most this many pictures, for a quick run (default: all).")
    int limit;

    @Option(names = "--slow-from", paramLabel = "EPOCH", defaultValue = "" + GanTrainer.Options.DEFAULT_SLOW_FROM,
            description = "First epoch at a quarter of the learning rate; 0 = never (default: ${DEFAULT-VALUE}).")
    int slowFrom;

    @Option(names = "--preview", paramLabel = "EPOCHS", split = ",", description = "Epochs after which to write"
            + " OUT/preview-epoch-N.png (default: the first and the last).")
    List<Integer> preview;

    @Override
    public Integer call() throws Exception {
        Set<Integer> previews = Set.copyOf(preview == null ? List.of(1, epochs) : preview);
        GanTrainer.Options options = new GanTrainer.Options(epochs, seed, batch, limit, previews, out, checkpoints,
                slowFrom);
        return OutputFolders.holding("digits train-gan --out " + out, () -> run(options), out, checkpoints);
    }

    private Integer run(GanTrainer.Options options) throws Exception {
        Mnist mnist = Mnist.fromDataFolder();
        GanTrainer.Result result;
        try (BarProgress progress = new BarProgress()) {
            result = new GanTrainer(options, progress).train(mnist.train(), Mnist.SHA256.get(Mnist.TRAIN_IMAGES));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", result.modelFile().toAbsolutePath().toString());
        json.put("card", CardFiles.cardPathFor(result.modelFile()).toAbsolutePath().toString());
        json.put("epochs", result.epochs());
        json.put("resumedFrom", result.resumedFrom());
        json.put("trainingSeconds", Math.round(result.seconds()));
        List<Map<String, Object>> history = result.history().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", r.epoch());
            row.put("discriminatorLoss", r.discriminatorLoss());
            row.put("generatorLoss", r.generatorLoss());
            return row;
        }).toList();
        json.put("losses", history);
        json.put("curves", writeCurves(result).toAbsolutePath().toString());
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Saved %s after %d epochs (%.0f s of training)%n", json.get("model"),
                    result.epochs(), result.seconds());
            result.history().forEach(r -> System.out.printf(Locale.ROOT, "  epoch %d: discriminator loss %.4f,"
                    + " generator loss %.4f%n", r.epoch(), r.discriminatorLoss(), r.generatorLoss()));
        }
        return 0;
    }

    /** Writes the generator's and the discriminator's loss per epoch as a PNG beside the model. */
    private static Path writeCurves(GanTrainer.Result result) throws IOException {
        String name = result.modelFile().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path file = result.modelFile().resolveSibling(name + "-curves.png");
        List<GanTrainer.EpochReport> history = result.history();
        int first = history.isEmpty() ? 1 : history.get(0).epoch();
        BufferedImage picture = CurvesImage.render("Training the conditional GAN (" + result.epochs() + " epochs)", List.of(
                new CurvesImage.Chart("Losses per epoch", List.of(
                        new CurvesImage.Series("generator", CurvesImage.BLUE,
                                history.stream().map(GanTrainer.EpochReport::generatorLoss).toList()),
                        new CurvesImage.Series("discriminator", CurvesImage.ORANGE,
                                history.stream().map(GanTrainer.EpochReport::discriminatorLoss).toList())), first)));
        EachPicture.writePng(picture, file);
        return file;
    }

    /** A progress bar per epoch on standard error. */
    private static final class BarProgress implements GanTrainer.Progress, AutoCloseable {
        private final ProgressBars.PerEpoch bars = new ProgressBars.PerEpoch();

        @Override
        public void epochStarted(int epoch, int epochs, int steps) {
            bars.start("GAN epoch " + epoch + "/" + epochs, steps);
        }

        @Override
        public void stepFinished() {
            bars.step();
        }

        @Override
        public void epochFinished(GanTrainer.EpochReport report) {
            bars.close();
        }

        @Override
        public void close() {
            bars.close();
        }
    }
}
