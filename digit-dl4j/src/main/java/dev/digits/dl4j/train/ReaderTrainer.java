package dev.digits.dl4j.train;

import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.data.DigitDataset;
import dev.digits.data.NumberCondition;
import dev.digits.data.NumberRobustnessSet;
import dev.digits.data.SyntheticNumbers;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.NumberSequenceModel;
import dev.digits.io.FilePairs;
import dev.digits.read.LearnedNumberReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the learned number reader ({@link CtcArchitecture}) on synthetic numbers built from MNIST training
 * digits, half {@code separated} and half {@code touching}, and keeps the epoch whose whole-number accuracy is
 * best on numbers built from a validation split of the training digits (the split the classifier holds out,
 * so the digits of the validation numbers were seen by neither model). The MNIST test digits take no part.
 * The best model so far is written atomically after every epoch; the result is saved with its model card.
 */
public final class ReaderTrainer {
    /** The trained model's file name in the output folder. */
    public static final String MODEL_FILE = "number-reader.zip";
    /** The checkpoint folder inside the output folder: the last epoch's network and state, and the best epoch's. */
    public static final String CHECKPOINT_FOLDER = "reader-checkpoints";
    private static final Logger LOG = LoggerFactory.getLogger(ReaderTrainer.class);
    private static final int VALIDATION_BATCH = 256;
    /** Keeps training pages' seeds apart from {@link NumberRobustnessSet#DEFAULT_SEED}, the measured set's. */
    private static final long PAGE_SEED_OFFSET = 0x5EED_0FF5E7L;

    /**
     * Settings of a reader training.
     *
     * @param epochs            passes over the training numbers
     * @param seed              fixes the numbers, the order and the initial weights
     * @param batchSize         numbers per step
     * @param trainNumbers      synthetic training numbers
     * @param validationNumbers synthetic validation numbers
     * @param learningRate      Adam's first learning rate, decayed by {@code decay} each epoch
     * @param decay             learning-rate factor per epoch
     * @param outputDirectory   where {@code number-reader.zip} and its card go
     * @param maxDigits         the longest numbers trained and validated on (shorter ones make a quick test)
     * @param onPages           whether half the numbers are laid on photographed pages under the conditions of
     *                          {@link NumberRobustnessSet} (with seeds other than the measured set's), as
     *                          augmentation; the other half are plain numbers on white
     */
    public record Options(int epochs, long seed, int batchSize, int trainNumbers, int validationNumbers,
                          double learningRate, double decay, Path outputDirectory, int maxDigits, boolean onPages) {
        /** The bundled reader's epochs. */
        public static final int DEFAULT_EPOCHS = 6;
        /** The bundled reader's seed. */
        public static final long DEFAULT_SEED = 20240503L;
        /** The bundled reader's training numbers. */
        public static final int DEFAULT_TRAIN_NUMBERS = 100_000;

        public Options {
            Objects.requireNonNull(outputDirectory, "outputDirectory");
            if (epochs < 1 || batchSize < 1 || trainNumbers < 1 || validationNumbers < 1 || !(learningRate > 0)
                    || !(decay > 0)) {
                throw new IllegalArgumentException("epochs, batch size, numbers, learning rate and decay must be positive");
            }
            if (maxDigits < 1 || maxDigits > NumberSequenceModel.MAX_DIGITS) {
                throw new IllegalArgumentException("maxDigits must be from 1 to " + NumberSequenceModel.MAX_DIGITS
                        + ", got " + maxDigits);
            }
        }

        /**
         * Settings for numbers of up to {@value NumberSequenceModel#MAX_DIGITS} digits, the most the network reads,
         * half of them on photographed pages.
         */
        public Options(int epochs, long seed, int batchSize, int trainNumbers, int validationNumbers,
                       double learningRate, double decay, Path outputDirectory) {
            this(epochs, seed, batchSize, trainNumbers, validationNumbers, learningRate, decay, outputDirectory,
                    NumberSequenceModel.MAX_DIGITS, true);
        }

        /** The bundled reader's settings, writing to {@code outputDirectory}. */
        public static Options defaults(Path outputDirectory) {
            return new Options(DEFAULT_EPOCHS, DEFAULT_SEED, 64, DEFAULT_TRAIN_NUMBERS, 3000, 1e-3, 0.7, outputDirectory);
        }
    }

    /**
     * What a training gave.
     *
     * @param modelFile                  the saved model
     * @param card                       its card
     * @param bestEpoch                  the epoch kept
     * @param validationSequenceAccuracy whole numbers read right on the validation numbers, by the kept model
     * @param seconds                    wall time of the epochs
     */
    public record Result(Path modelFile, ModelCard card, int bestEpoch, double validationSequenceAccuracy, double seconds) {
    }

    private final Options options;
    private final TrainingProgress progress;

    public ReaderTrainer(Options options, TrainingProgress progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = progress == null ? TrainingProgress.NONE : progress;
    }

    /**
     * Trains on numbers built from {@code mnistTraining} (MNIST's training set).
     *
     * @param trainingSetSha256 recorded in the card to name the data
     */
    public Result train(DigitDataset mnistTraining, String trainingSetSha256) {
        Dl4jRuntime.require("nothing can be trained here");
        DigitDataset.Split split = mnistTraining.split(TrainingOptions.DEFAULT_VALIDATION_SIZE,
                TrainingOptions.DEFAULT_SEED);
        // A kill must not restart an hour's training: after each epoch the network with its optimiser state and
        // where the training stands are written as one unit, and a run with the same settings resumes there.
        Path checkpoints = options.outputDirectory().resolve(CHECKPOINT_FOLDER);
        FilePairs.removeLeftovers(checkpoints);
        FilePairs.removeLeftovers(options.outputDirectory());
        long start = System.nanoTime();
        ReaderData train = prepared(checkpoints, "training", () -> ReaderData.of(variants(split.rest(), options.seed()),
                options.trainNumbers()));
        ReaderData validation = prepared(checkpoints, "validation", () -> ReaderData.of(
                variants(split.heldOut(), options.seed() + 1), options.validationNumbers()));
        LOG.info("Have {} training and {} validation numbers after {} s", train, validation,
                Math.round((System.nanoTime() - start) / 1e9));
        Path checkpoint = checkpoints.resolve("checkpoint.zip");
        Path stateFile = checkpoints.resolve("state.properties");
        Properties state = Checkpoints.readState(FilePairs.partner(checkpoint, stateFile), fingerprint());
        int resumedFrom = Integer.parseInt(state.getProperty("epoch", "0"));
        ComputationGraph graph;
        if (resumedFrom > 0) {
            graph = restore(checkpoint, true);
            LOG.info("Resuming after epoch {}", resumedFrom);
        } else {
            graph = new ComputationGraph(CtcArchitecture.configuration(options.seed(), options.learningRate(),
                    options.decay()));
            graph.init();
        }
        LOG.info("Reader network: {} parameters; first convolution on helper {}", graph.numParams(),
                Dl4jRuntime.helperOf(graph.getLayer("conv1")));
        int[] usable = train.usable();
        int batches = (usable.length + options.batchSize() - 1) / options.batchSize();
        // In the checkpoint folder, not beside the model: it is an intermediate without a card of its own.
        Path best = checkpoints.resolve("best.zip");
        int bestEpoch = Integer.parseInt(state.getProperty("best.epoch", "0"));
        double bestAccuracy = Double.parseDouble(state.getProperty("best.accuracy", "-1"));
        double seconds = Double.parseDouble(state.getProperty("seconds", "0"));
        Random random = new Random(options.seed());
        for (int epoch = 1; epoch <= resumedFrom; epoch++) {
            shuffle(usable, random); // the order each finished epoch drew, so the next epoch draws its own
        }
        for (int epoch = resumedFrom + 1; epoch <= options.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            progress.epochStarted(epoch, options.epochs(), batches);
            shuffle(usable, random);
            // Dropout draws from ND4J's generator: seeded per epoch, a resumed epoch draws what it would have.
            Nd4j.getRandom().setSeed(ClassifierTrainer.epochSeed(options.seed(), epoch));
            for (int from = 0; from < usable.length; from += options.batchSize()) {
                int[] indices = java.util.Arrays.copyOfRange(usable, from, Math.min(usable.length, from + options.batchSize()));
                graph.fit(train.batch(indices));
                progress.batchFinished();
                if ((from / options.batchSize()) % 250 == 249) {
                    LOG.info(String.format(Locale.ROOT, "Epoch %d, batch %d: CTC loss %.3f", epoch,
                            from / options.batchSize() + 1, graph.score()));
                }
            }
            graph.getConfiguration().setEpochCount(epoch);
            double accuracy = sequenceAccuracy(graph, validation);
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            seconds += epochSeconds;
            boolean better = accuracy > bestAccuracy;
            if (better) {
                bestAccuracy = accuracy;
                bestEpoch = epoch;
                Checkpoints.writeModel(graph, best, false);
            }
            int done = epoch;
            int keptEpoch = bestEpoch;
            double keptAccuracy = bestAccuracy;
            double spent = seconds;
            Checkpoints.writeModelWithState(graph, checkpoint, stateFile, sha256 -> {
                Properties next = new Properties();
                next.setProperty("settings", fingerprint());
                next.setProperty("epoch", Integer.toString(done));
                next.setProperty("best.epoch", Integer.toString(keptEpoch));
                next.setProperty("best.accuracy", Double.toString(keptAccuracy));
                next.setProperty("seconds", Double.toString(spent));
                next.setProperty("checkpoint.sha256", sha256);
                return next;
            }, "Digits number-reader training checkpoint");
            LOG.info(String.format(Locale.ROOT, "Epoch %d: validation sequence accuracy %.4f, %.0f s%s", epoch, accuracy,
                    epochSeconds, better ? " (best)" : ""));
            progress.epochFinished(new TrainingProgress.EpochReport(epoch, accuracy, Double.NaN, epochSeconds, better));
        }
        ComputationGraph kept = restore(best, false);
        ModelCard card = ModelCard.builder()
                .put(ModelCard.NAME, "number-reader")
                .task(Task.READ_NUMBERS)
                .inputs(CtcArchitecture.INPUT)
                .outputs(CtcArchitecture.OUTPUT)
                .put(ModelCard.ARCHITECTURE, CtcArchitecture.DESCRIPTION)
                .put(ModelCard.PARAMETERS, kept.numParams())
                .put(ModelCard.EPOCHS, options.epochs())
                .put("training.best.epoch", bestEpoch)
                .put(ModelCard.SEED, options.seed())
                .put("training.numbers", options.trainNumbers())
                .put("training.data", "synthetic numbers (1-" + options.maxDigits()
                        + " digits, separated and touching" + (options.onPages() ? ", half on photographed pages" : "")
                        + ") of MNIST training digits outside the classifier's validation split")
                .put("training.validation.numbers", options.validationNumbers())
                .put(ModelCard.TRAINING_SECONDS, String.format(Locale.ROOT, "%.0f", seconds))
                .put(ModelCard.TRAINING_DATA_SHA256, trainingSetSha256)
                .put("validation.sequence.accuracy", String.format(Locale.ROOT, "%.4f", bestAccuracy))
                .put(ModelCard.CREATED, Instant.now().toString())
                .build();
        Path modelFile = options.outputDirectory().resolve(MODEL_FILE);
        ModelCard written = Dl4jModels.save(kept, modelFile, card);
        LOG.info("Saved {} (epoch {}, validation sequence accuracy {})", modelFile, bestEpoch, bestAccuracy);
        return new Result(modelFile, written, bestEpoch, bestAccuracy, seconds);
    }

    /**
     * The numbers a run with these settings prepared before (kept in the checkpoint folder under the settings'
     * hash), or prepared now and kept for a resumed run. The pictures depend on the preprocessing code too:
     * delete the folder when that changes.
     */
    private ReaderData prepared(Path checkpoints, String kind, java.util.function.Supplier<ReaderData> build) {
        String key = Integer.toHexString(fingerprint().hashCode());
        Path file = checkpoints.resolve(kind + "-numbers-" + key + ".bin");
        java.util.Optional<ReaderData> kept = ReaderData.load(file);
        if (kept.isPresent()) {
            LOG.info("Read the {} numbers prepared before from {}", kind, file);
            return kept.get();
        }
        ReaderData data = build.get();
        try {
            java.nio.file.Files.createDirectories(checkpoints);
            data.save(file);
        } catch (IOException e) {
            LOG.warn("Cannot keep the prepared {} numbers in {} ({}); a resumed run prepares them again", kind, file,
                    e.getMessage());
        }
        return data;
    }

    private List<IntFunction<ReaderData.Example>> variants(DigitDataset digits, long seed) {
        List<IntFunction<ReaderData.Example>> variants = new ArrayList<>();
        for (SyntheticNumbers.Variant variant : List.of(SyntheticNumbers.Variant.SEPARATED, SyntheticNumbers.Variant.TOUCHING)) {
            SyntheticNumbers numbers = new SyntheticNumbers(digits, variant, seed, options.maxDigits());
            variants.add(i -> ReaderData.Example.of(numbers.sample(i)));
            if (options.onPages()) {
                // Other numbers than the plain ones, so that each page adds digits rather than repeating them.
                SyntheticNumbers paged = new SyntheticNumbers(digits, variant, ~seed, options.maxDigits());
                NumberRobustnessSet pages = new NumberRobustnessSet(paged, PAGE_SEED_OFFSET + seed);
                NumberCondition[] conditions = NumberCondition.values();
                variants.add(i -> {
                    NumberRobustnessSet.Sample sample = pages.sample(conditions[i % conditions.length], i);
                    return new ReaderData.Example(sample.picture(), sample.text());
                });
            }
        }
        return variants;
    }

    /** The share of numbers whose every digit the network reads right (greedy CTC decoding, as reading does). */
    static double sequenceAccuracy(ComputationGraph graph, ReaderData data) {
        int right = 0;
        for (int from = 0; from < data.size(); from += VALIDATION_BATCH) {
            int[] indices = java.util.stream.IntStream.range(from, Math.min(data.size(), from + VALIDATION_BATCH)).toArray();
            float[] out = graph.output(false, data.features(indices))[0].dup('c').data().asFloat();
            List<float[][]> columns = NumberSequenceModel.columnsOf(out, indices.length);
            for (int j = 0; j < indices.length; j++) {
                if (data.length(indices[j]) > 0 && LearnedNumberReader.text(columns.get(j)).equals(data.text(indices[j]))) {
                    right++;
                }
            }
        }
        return (double) right / data.size();
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The settings a checkpoint must have been made with to be resumed (the epochs may grow). */
    private String fingerprint() {
        return "seed=" + options.seed() + ",batch=" + options.batchSize() + ",numbers=" + options.trainNumbers()
                + ",validation=" + options.validationNumbers() + ",rate=" + options.learningRate() + ",decay="
                + options.decay() + (options.maxDigits() == NumberSequenceModel.MAX_DIGITS ? "" : ",digits=" + options.maxDigits())
                + (options.onPages() ? ",pages" : "");
    }

    private static ComputationGraph restore(Path file, boolean withUpdater) {
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), withUpdater);
        } catch (IOException e) {
            throw Checkpoints.unreadable(file, e);
        }
    }
}
