package dev.digits.dl4j.train;

import dev.digits.dl4j.Dl4jFormat;
import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.data.DigitDataset;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.dl4j.GanInputs;
import dev.digits.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the conditional GAN of {@link GanArchitecture} on MNIST training digits, from a fixed seed, with a
 * checkpoint after every epoch that a later run resumes from, and a preview grid (one row per digit, the same
 * latent vectors in every column) at chosen epochs. Each step trains the discriminator on a batch of real digits
 * (target 0.9, one-sided label smoothing) and as many generated ones (target 0), its auxiliary head learning the
 * digit of both (the full AC-GAN class loss), then the generator through the frozen discriminator (target 1, and
 * the digit asked for). Adam runs at 2e-4 (β1 0.5) and at a quarter of that from {@link Options#slowFrom()}.
 * <p>
 * The generator that is saved, exported and previewed is an exponential moving average of the trained
 * generator's weights (decay {@value #AVERAGE_DECAY}, shorter at the start so that early epochs are not
 * dominated by the random initial weights): single GAN steps jump around the equilibrium, and their average
 * draws smoother strokes with less speckle. The batch-norm statistics are averaged with the weights.
 */
public final class GanTrainer {
    /** The generator file written in the output folder. */
    public static final String MODEL_FILE = "generator.zip";
    private static final Logger LOG = LoggerFactory.getLogger(GanTrainer.class);
    /** Both networks in one file, so that the pair and the state are written as one unit. */
    private static final String CHECKPOINT = "gan-checkpoint.zip";
    private static final String DISCRIMINATOR = "discriminator.zip";
    private static final String COMBINED = "combined.zip";
    private static final String AVERAGE = "average.zip";
    /** Decay of the moving average of the generator's weights per step (horizon about 1,000 steps, one epoch). */
    static final double AVERAGE_DECAY = 0.999;
    /** The learning rate from {@link Options#slowFrom()} on, as a fraction of the first. */
    static final double SLOW_FACTOR = 0.25;
    private static final String STATE = "state.properties";
    private static final long PREVIEW_SEED = 7;

    private final Options options;
    private final Progress progress;

    /**
     * Settings of a GAN training.
     *
     * @param epochs              epochs to run in all (a resumed run continues to this number)
     * @param seed                fixes the initial weights, the order and the noise
     * @param batchSize           real pictures per step
     * @param trainLimit          use at most this many training pictures (quick runs); 0 = all
     * @param previewEpochs       epochs after which a preview grid is written ({@code preview-epoch-N.png})
     * @param outputDirectory     where {@code generator.zip}, its card and the previews go
     * @param checkpointDirectory where checkpoints go
     * @param slowFrom            first epoch trained at a quarter of the learning rate; 0 = never (not part of
     *                            the settings a checkpoint must match, so that a run can be extended)
     */
    public record Options(int epochs, long seed, int batchSize, int trainLimit, Set<Integer> previewEpochs,
                          Path outputDirectory, Path checkpointDirectory, int slowFrom) {
        /** The bundled generator's epochs. */
        public static final int DEFAULT_EPOCHS = 20;
        /** The bundled generator's seed. */
        public static final long DEFAULT_SEED = 20240502L;
        /** The bundled generator's batch size. */
        public static final int DEFAULT_BATCH = 64;
        /** The bundled generator's first epoch at the lower learning rate. */
        public static final int DEFAULT_SLOW_FROM = 15;

        public Options {
            Objects.requireNonNull(outputDirectory, "outputDirectory");
            checkpointDirectory = checkpointDirectory == null ? outputDirectory.resolve("gan-checkpoints") : checkpointDirectory;
            previewEpochs = Set.copyOf(previewEpochs);
            if (epochs < 1 || batchSize < 1 || trainLimit < 0 || slowFrom < 0) {
                throw new IllegalArgumentException("epochs and batchSize must be positive and trainLimit and slowFrom"
                        + " not negative: " + epochs + ", " + batchSize + ", " + trainLimit + ", " + slowFrom);
            }
        }

        /** Adam's learning rate in an epoch. */
        double learningRate(int epoch) {
            return slowFrom > 0 && epoch >= slowFrom ? GanArchitecture.LEARNING_RATE * SLOW_FACTOR : GanArchitecture.LEARNING_RATE;
        }

        String fingerprint() {
            return "seed=" + seed + ",batch=" + batchSize + ",limit=" + trainLimit + ",average=" + AVERAGE_DECAY
                    + ",architecture=" + GanArchitecture.DESCRIPTION;
        }
    }

    /** Told of progress; methods are called on the training thread. */
    public interface Progress {
        /** An epoch starts with this many steps. */
        default void epochStarted(int epoch, int epochs, int steps) {
        }

        /** One step is done. */
        default void stepFinished() {
        }

        /** An epoch is done. */
        default void epochFinished(EpochReport report) {
        }
    }

    /** What one epoch did: mean losses over its steps. */
    public record EpochReport(int epoch, double discriminatorLoss, double generatorLoss, double seconds) {
    }

    /** Where the generator was written and what the run did. */
    public record Result(Path modelFile, ModelCard card, int epochs, int resumedFrom, List<EpochReport> history,
                         double seconds) {
    }

    public GanTrainer(Options options, Progress progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = progress == null ? new Progress() { } : progress;
    }

    /**
     * Trains (or resumes) and writes the generator with its card.
     *
     * @param trainingSet       MNIST training digits (the test digits are never used here)
     * @param trainingSetSha256 checksum of the training pictures, for the card
     */
    public Result train(DigitDataset trainingSet, String trainingSetSha256) {
        Dl4jRuntime.require("nothing can be trained here");
        DigitDataset train = options.trainLimit() > 0 ? trainingSet.head(options.trainLimit()) : trainingSet;
        Path checkpoints = options.checkpointDirectory();
        dev.digits.io.FilePairs.removeLeftovers(checkpoints);
        dev.digits.io.FilePairs.removeLeftovers(options.outputDirectory());
        State state = State.read(dev.digits.io.FilePairs.partner(checkpoints.resolve(CHECKPOINT), checkpoints.resolve(STATE)),
                options.fingerprint());
        int resumedFrom = state.epoch;
        ComputationGraph generator = new ComputationGraph(GanArchitecture.generator(options.seed()));
        generator.init();
        ComputationGraph discriminator;
        ComputationGraph combined;
        ComputationGraph average;
        if (resumedFrom > 0) {
            java.util.Map<String, byte[]> saved = Checkpoints.readModels(checkpoints.resolve(CHECKPOINT));
            discriminator = restore(saved, DISCRIMINATOR, checkpoints.resolve(CHECKPOINT));
            combined = restore(saved, COMBINED, checkpoints.resolve(CHECKPOINT));
            average = restore(saved, AVERAGE, checkpoints.resolve(CHECKPOINT));
            LOG.info("Resuming the GAN after epoch {}", resumedFrom);
        } else {
            discriminator = new ComputationGraph(GanArchitecture.discriminator(options.seed() + 1));
            discriminator.init();
            combined = new ComputationGraph(GanArchitecture.combined(options.seed() + 2));
            combined.init();
            copy(generator, combined, GanArchitecture.GENERATOR_LAYERS);
            average = generator.clone();
        }
        copy(discriminator, combined, GanArchitecture.DISCRIMINATOR_LAYERS);
        copy(combined, generator, GanArchitecture.GENERATOR_LAYERS);

        Path savedPreview = options.outputDirectory().resolve("preview-epoch-" + resumedFrom + ".png");
        if (resumedFrom > 0 && options.previewEpochs().contains(resumedFrom) && !Files.isRegularFile(savedPreview)) {
            // Killed between the checkpoint and its preview, or resumed with nothing left to train: the checkpoint
            // holds the averaged generator that preview shows, so it is the same picture an unbroken run wrote.
            writePreview(average, savedPreview);
        }
        int steps = (train.size() + options.batchSize() - 1) / options.batchSize();
        for (int epoch = state.epoch + 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            progress.epochStarted(epoch, options.epochs(), steps);
            discriminator.setLearningRate(options.learningRate(epoch));
            combined.setLearningRate(options.learningRate(epoch));
            Random noise = new Random(options.seed() * 1_000_003L + epoch);
            double dLoss = 0;
            double gLoss = 0;
            int step = 0;
            for (DigitDataset.Batch batch : train.shuffled(options.seed() + epoch).batches(options.batchSize())) {
                double[] losses = step(batch, generator, discriminator, combined, noise);
                dLoss += losses[0];
                gLoss += losses[1];
                step++;
                updateAverage(average, generator, (long) (epoch - 1) * steps + step);
                progress.stepFinished();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochReport report = new EpochReport(epoch, dLoss / step, gLoss / step, seconds);
            state.epoch = epoch;
            state.seconds += seconds;
            state.history.add(report);
            state.writeWithCheckpoint(java.util.Map.of(DISCRIMINATOR, discriminator, COMBINED, combined, AVERAGE, average),
                    checkpoints.resolve(CHECKPOINT), checkpoints.resolve(STATE));
            LOG.info(String.format(Locale.ROOT, "GAN epoch %d: discriminator loss %.4f, generator loss %.4f, %.0f s",
                    epoch, report.discriminatorLoss(), report.generatorLoss(), seconds));
            if (options.previewEpochs().contains(epoch)) {
                writePreview(average, options.outputDirectory().resolve("preview-epoch-" + epoch + ".png"));
            }
            progress.epochFinished(report);
        }
        ModelCard card = ModelCard.builder()
                .put(ModelCard.NAME, "generator")
                .task(Task.GENERATE)
                .put(ModelCard.FORMAT, Dl4jFormat.COMPUTATION_GRAPH)
                .inputs(GanArchitecture.LATENT_INPUT, GanArchitecture.LABEL_INPUT)
                .outputs(GanArchitecture.PICTURE_OUTPUT)
                .put(ModelCard.LABELS, "0,1,2,3,4,5,6,7,8,9")
                .put(ModelCard.ARCHITECTURE, GanArchitecture.DESCRIPTION)
                .put(ModelCard.PARAMETERS, average.numParams())
                .put(ModelCard.EPOCHS, state.epoch)
                .put(ModelCard.SEED, options.seed())
                .put("training.settings", options.fingerprint())
                .put("training.pictures", train.size())
                .put("training.learning.rate", options.slowFrom() > 0
                        ? GanArchitecture.LEARNING_RATE + " to epoch " + (options.slowFrom() - 1) + ", then "
                        + options.learningRate(options.slowFrom())
                        : Double.toString(GanArchitecture.LEARNING_RATE))
                .put("training.weights", "moving average of the generator's weights, decay " + AVERAGE_DECAY)
                .put(ModelCard.TRAINING_SECONDS, String.format(Locale.ROOT, "%.0f", state.seconds))
                .put("training.hardware", Runtime.getRuntime().availableProcessors() + " cores, oneDNN "
                        + (Dl4jRuntime.oneDnnEnabled() ? "on" : "off"))
                .put(ModelCard.TRAINING_DATA_SHA256, trainingSetSha256)
                .put("training.losses", state.historyText())
                .put(ModelCard.CREATED, Instant.now().toString())
                .build();
        Path modelFile = options.outputDirectory().resolve(MODEL_FILE);
        // The moving average is the generator that is kept: it is what the card, the previews and an export describe.
        ModelCard written = Dl4jModels.save(average, modelFile, card);
        LOG.info("Saved {} after epoch {}", modelFile, state.epoch);
        return new Result(modelFile, written, state.epoch, resumedFrom, List.copyOf(state.history), state.seconds);
    }

    /** One discriminator step and one generator step; their losses. */
    private double[] step(DigitDataset.Batch batch, ComputationGraph generator, ComputationGraph discriminator,
                          ComputationGraph combined, Random noise) {
        int n = batch.size();
        INDArray real = Nd4j.create(batch.pixels(), new long[]{n, 1, 28, 28}, 'c');
        int[] fakeLabels = randomLabels(n, noise);
        INDArray fake = generator.output(true, latents(n, noise), GanInputs.oneHot(fakeLabels))[0];
        INDArray pictures = Nd4j.concat(0, real, fake);
        INDArray targets = Nd4j.concat(0, Nd4j.valueArrayOf(new long[]{n, 1}, 0.9f), Nd4j.zeros(n, 1));
        // The auxiliary head learns the digit of generated pictures too (AC-GAN's full class loss): with real
        // pictures only, the generator could please it with shapes it never had to tell apart.
        INDArray classes = Nd4j.concat(0, GanInputs.oneHot(batch.labels()), GanInputs.oneHot(fakeLabels));
        discriminator.fit(new MultiDataSet(new INDArray[]{pictures}, new INDArray[]{targets, classes}));
        double dLoss = discriminator.score();
        copy(discriminator, combined, GanArchitecture.DISCRIMINATOR_LAYERS);

        int[] labels = randomLabels(n, noise);
        combined.fit(new MultiDataSet(new INDArray[]{latents(n, noise), GanInputs.oneHot(labels)},
                new INDArray[]{Nd4j.ones(n, 1), GanInputs.oneHot(labels)}));
        double gLoss = combined.score();
        copy(combined, generator, GanArchitecture.GENERATOR_LAYERS);
        return new double[]{dLoss, gLoss};
    }

    /**
     * Moves the average's weights (and batch-norm statistics) towards the generator's after a step. The decay grows
     * as {@code (1 + step) / (10 + step)} up to {@link #AVERAGE_DECAY}, so that the average does not keep much of
     * the random start.
     */
    static void updateAverage(ComputationGraph average, ComputationGraph generator, long step) {
        double decay = Math.min(AVERAGE_DECAY, (1.0 + step) / (10.0 + step));
        INDArray kept = average.params();
        kept.muli(decay).addi(generator.params().mul(1 - decay));
    }

    private static INDArray latents(int n, Random noise) {
        float[] values = new float[n * GanArchitecture.LATENT];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) noise.nextGaussian();
        }
        return Nd4j.create(values, new long[]{n, GanArchitecture.LATENT}, 'c');
    }

    private static int[] randomLabels(int n, Random noise) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = noise.nextInt(10);
        }
        return labels;
    }

    /** Copies the parameters of the named layers (including batch-norm statistics) from one graph to another. */
    static void copy(ComputationGraph from, ComputationGraph to, String[] layers) {
        for (String layer : layers) {
            if (from.getLayer(layer).numParams() > 0) {
                to.getLayer(layer).setParams(from.getLayer(layer).params().dup());
            }
        }
    }

    /** A grid of one row per digit, ten columns of fixed latent vectors. */
    static void writePreview(ComputationGraph generator, Path file) {
        List<DigitImage> digits = new ArrayList<>();
        Random noise = new Random(PREVIEW_SEED);
        INDArray latents = latents(10, noise);
        for (int digit = 0; digit < 10; digit++) {
            int[] labels = new int[10];
            java.util.Arrays.fill(labels, digit);
            INDArray pictures = generator.output(false, latents, GanInputs.oneHot(labels))[0];
            float[] values = pictures.dup('c').data().asFloat();
            for (int i = 0; i < 10; i++) {
                digits.add(DigitImage.mnist(java.util.Arrays.copyOfRange(values, i * 784, (i + 1) * 784)));
            }
        }
        try {
            AtomicFiles.write(file, temporary -> ImageIO.write(DigitImage.grid(digits, 10, 2), "png", temporary.toFile()));
        } catch (IOException e) {
            throw new DigitsException(e.getMessage(), e);
        }
    }

    private static ComputationGraph restore(java.util.Map<String, byte[]> saved, String name, Path file) {
        byte[] bytes = saved.get(name);
        if (bytes == null) {
            throw Checkpoints.unreadable(file, new IOException("it holds no " + name));
        }
        try {
            return ModelSerializer.restoreComputationGraph(new java.io.ByteArrayInputStream(bytes), true);
        } catch (IOException e) {
            throw Checkpoints.unreadable(file, e);
        }
    }

    /** Where a GAN training stands, saved beside the checkpoints. */
    private static final class State {
        int epoch;
        double seconds;
        final List<EpochReport> history = new ArrayList<>();
        private String fingerprint;

        static State read(Path file, String fingerprint) {
            State state = new State();
            state.fingerprint = fingerprint;
            Properties properties = Checkpoints.readState(file, fingerprint);
            if (properties.isEmpty()) {
                return state;
            }
            state.epoch = Integer.parseInt(properties.getProperty("epoch"));
            state.seconds = Double.parseDouble(properties.getProperty("seconds"));
            for (String entry : properties.getProperty("history", "").split(";")) {
                if (!entry.isBlank()) {
                    String[] parts = entry.split(",");
                    state.history.add(new EpochReport(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]),
                            Double.parseDouble(parts[2]), Double.parseDouble(parts[3])));
                }
            }
            return state;
        }

        String historyText() {
            StringBuilder text = new StringBuilder();
            for (EpochReport r : history) {
                text.append(text.length() == 0 ? "" : ";").append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.1f",
                        r.epoch(), r.discriminatorLoss(), r.generatorLoss(), r.seconds()));
            }
            return text.toString();
        }

        /** The networks' checkpoint and this state as one unit: a kill between them must not train an epoch twice. */
        void writeWithCheckpoint(java.util.Map<String, ComputationGraph> networks, Path checkpoint, Path file) {
            Checkpoints.writeModelsWithState(networks, checkpoint, file, sha256 -> {
                Properties properties = new Properties();
                properties.setProperty("settings", fingerprint);
                properties.setProperty("epoch", Integer.toString(epoch));
                properties.setProperty("seconds", Double.toString(seconds));
                properties.setProperty("history", historyText());
                properties.setProperty("checkpoint.sha256", sha256);
                return properties;
            }, "Digits GAN training checkpoint");
        }
    }
}
