package dev.digits.dl4j.train;

import dev.digits.dl4j.Dl4jFormat;
import dev.digits.data.BadDataException;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.io.FilePairs;
import dev.digits.data.DigitDataset;
import dev.digits.dl4j.Dl4jEvaluation;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.dl4j.InputStandardisation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the digit classifier ({@link ClassifierArchitecture}) with seeded Adam on MNIST's training set (or on
 * SVHN's, see {@link #train(DigitDataset, DatasetRecipe, String, DigitDataset)}),
 * distorting pictures on the fly, choosing the best epoch on a validation split carved from the training
 * set, stopping early when validation stops improving. After every epoch a checkpoint (weights and
 * optimiser state) is written atomically, so a run that is interrupted, or asked for more epochs,
 * resumes where the last one stopped. The result is saved with its model card.
 */
public final class ClassifierTrainer {
    /** File name of the trained model in the output folder. */
    public static final String MODEL_FILE = "classifier.zip";

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);
    static final String CHECKPOINT = "checkpoint.zip";
    private static final String BEST = "best.zip";
    private static final String STATE = "state.properties";

    private final TrainingOptions options;
    private final TrainingProgress progress;

    public ClassifierTrainer(TrainingOptions options, TrainingProgress progress) {
        this.options = options;
        this.progress = progress == null ? TrainingProgress.NONE : progress;
    }

    /**
     * Trains on {@code trainingSet} and, when {@code testSet} is not null, measures the kept model on it
     * once at the end (the test set never takes part in choosing).
     *
     * @param trainingSetSha256 recorded in the card to name the data the model was trained on
     */
    public TrainingResult train(DigitDataset trainingSet, String trainingSetSha256, DigitDataset testSet) {
        return train(trainingSet, DatasetRecipe.MNIST, trainingSetSha256, testSet);
    }

    /**
     * Trains on square single-channel pictures of any side the architecture takes (28 for MNIST, 32 for SVHN's
     * gray pictures) with a data set's recipe; see {@link #train(DigitDataset, String, DigitDataset)}.
     *
     * @param trainingSetChecksum recorded in the card under {@link DatasetRecipe#checksumKey()}
     * @throws BadDataException when the pictures are not square and single-channel (make colour ones gray first)
     */
    public TrainingResult train(DigitDataset trainingSet, DatasetRecipe recipe, String trainingSetChecksum,
                                DigitDataset testSet) {
        int side = trainingSet.width();
        if (trainingSet.height() != side || trainingSet.channels() != 1) {
            throw new BadDataException("The classifier trains on square single-channel pictures, got " + trainingSet.width()
                    + "x" + trainingSet.height() + "x" + trainingSet.channels() + "; make colour pictures gray first");
        }
        if (options.augment() && side != DigitImage.MNIST_SIZE) {
            throw new IllegalArgumentException("The distortions are made for 28x28 handwriting; train " + side + "x" + side
                    + " pictures without them (augment off)");
        }
        Dl4jRuntime.require("nothing can be trained here");
        LOG.info("oneDNN layer helpers: {}", Dl4jRuntime.oneDnnEnabled() ? "on" : "OFF (training will be slow)");
        // The validation split does not follow the seed: runs from different seeds hold out the same pictures, so
        // they can be compared, and averaged into an ensemble, on pictures none of them trained on.
        DigitDataset.Split split = trainingSet.split(options.validationSize(), TrainingOptions.VALIDATION_SPLIT_SEED);
        DigitDataset train = options.trainLimit() > 0 ? split.rest().head(options.trainLimit()) : split.rest();
        DigitDataset validation = split.heldOut();
        LOG.info("Training on {} {}x{} pictures of {}, validating on {}", train.size(), side, side, recipe.name(),
                validation.size());
        InputStandardisation standardisation = recipe.standardise() ? InputStandardisation.measure(train)
                : InputStandardisation.NONE;
        if (!standardisation.isNone()) {
            LOG.info("Standardising the input with the training pictures' mean {} and standard deviation {}",
                    standardisation.mean(), standardisation.std());
        }

        Teacher teacher = teacher(options, side, standardisation, recipe);
        List<String> teacherChecksums = teacher == null ? List.of() : teacher.checksums();
        String teachersFingerprint = teacher == null ? ""
                : ",teachers=" + String.join("+", teacherChecksums) + ",distillation=" + options.distillation();

        Path checkpoints = options.checkpointDirectory();
        FilePairs.removeLeftovers(checkpoints);
        FilePairs.removeLeftovers(options.outputDirectory());
        State state = State.read(FilePairs.partner(checkpoints.resolve(CHECKPOINT), checkpoints.resolve(STATE)),
                options.fingerprint() + recipe.fingerprint(side) + teachersFingerprint);
        MultiLayerNetwork network;
        int resumedFrom = state.epoch;
        if (resumedFrom > 0) {
            network = restore(checkpoints.resolve(CHECKPOINT), true);
            LOG.info("Resuming after epoch {} (best so far: epoch {}, validation accuracy {})", state.epoch,
                    state.bestEpoch, state.bestAccuracy);
        } else {
            network = new MultiLayerNetwork(ClassifierArchitecture.configuration(side, options.width(), options.seed(),
                    options.learningRate(), options.decay(), 10));
            network.init();
        }
        LOG.info("First convolution runs on helper {}", Dl4jRuntime.helperOf(network.getLayer(0)));
        network.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                progress.batchFinished();
            }
        });
        Augmenter augmenter = options.augment() ? Augmenter.bundledRecipe() : null;
        int batches = (train.size() + options.batchSize() - 1) / options.batchSize();
        for (int epoch = state.epoch + 1; epoch <= options.epochs() && state.sinceBest < options.patience(); epoch++) {
            long start = System.nanoTime();
            progress.epochStarted(epoch, options.epochs(), batches);
            // Dropout draws from ND4J's global generator, which a restored network does not reseed (and a fresh JVM
            // seeds from the clock): seeded per epoch, an epoch draws the same masks whether the run was resumed or
            // not, so that 1 epoch + resume 1 gives the weights 2 epochs give.
            Nd4j.getRandom().setSeed(epochSeed(options.seed(), epoch));
            network.fit(new AugmentingIterator(train, options.batchSize(), augmenter, standardisation, options.seed(), epoch,
                    teacher, options.distillation()));
            Dl4jEvaluation.Score score = Dl4jEvaluation.score(network, validation, standardisation);
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean best = state.bestEpoch == 0 || score.accuracy() > state.bestAccuracy
                    || (score.accuracy() == state.bestAccuracy && score.loss() < state.bestLoss);
            state.epoch = epoch;
            state.seconds += seconds;
            if (best) {
                state.bestEpoch = epoch;
                state.bestAccuracy = score.accuracy();
                state.bestLoss = score.loss();
                state.sinceBest = 0;
                Checkpoints.writeModel(network, checkpoints.resolve(BEST), false);
            } else {
                state.sinceBest++;
            }
            LOG.info(String.format(Locale.ROOT, "Epoch %d: validation accuracy %.4f, loss %.4f, %.1f s%s", epoch,
                    score.accuracy(), score.loss(), seconds, best ? " (best)" : ""));
            TrainingProgress.EpochReport report = new TrainingProgress.EpochReport(epoch, score.accuracy(), score.loss(),
                    seconds, best);
            state.history.add(report);
            state.writeWithCheckpoint(network, checkpoints.resolve(CHECKPOINT), checkpoints.resolve(STATE));
            progress.epochFinished(report);
        }
        if (state.sinceBest >= options.patience()) {
            LOG.info("Stopped early: no better validation score for {} epochs", options.patience());
        }

        MultiLayerNetwork kept = restore(checkpoints.resolve(BEST), false);
        double testAccuracy = testSet == null ? Double.NaN : Dl4jEvaluation.score(kept, testSet, standardisation).accuracy();
        long macs = NetworkStats.multiplyAdds(kept, side);
        ModelCard card = ModelCard.builder()
                .put(ModelCard.NAME, recipe.modelName())
                .task(Task.CLASSIFY)
                .put(ModelCard.FORMAT, Dl4jFormat.MULTILAYER_NETWORK)
                .inputs(standardisation.describe(ClassifierArchitecture.input(side)))
                .outputs(ClassifierArchitecture.OUTPUT)
                .put(ModelCard.LABELS, "0,1,2,3,4,5,6,7,8,9")
                .put(ModelCard.ARCHITECTURE, ClassifierArchitecture.description(side, options.width()))
                .put(ModelCard.PARAMETERS, kept.numParams())
                .put(ModelCard.MACS, macs)
                .put(ModelCard.EPOCHS, state.epoch)
                .put("training.best.epoch", state.bestEpoch)
                .put(ModelCard.SEED, options.seed())
                .put("training.settings", options.fingerprint() + recipe.fingerprint(side) + teachersFingerprint)
                .put("training.teachers", teacherChecksums.isEmpty() ? null : teacherChecksums.size() + " ten-digit"
                        + " classifiers, SHA-256 " + String.join(" ", teacherChecksums))
                .put("training.distillation", teacherChecksums.isEmpty() ? null : options.distillation())
                .put(DatasetRecipe.DATASET_ENTRY, recipe.isMnist() ? null : recipe.name())
                .put("training.pictures", train.size())
                .put("training.validation.pictures", validation.size())
                .put("training.validation.split.seed", TrainingOptions.VALIDATION_SPLIT_SEED)
                .put(ModelCard.TRAINING_SECONDS, String.format(Locale.ROOT, "%.0f", state.seconds))
                .put("training.hardware", Runtime.getRuntime().availableProcessors() + " cores, oneDNN "
                        + (Dl4jRuntime.oneDnnEnabled() ? "on" : "off"))
                .put(recipe.checksumKey(), trainingSetChecksum)
                .put(ModelCard.VALIDATION_ACCURACY, String.format(Locale.ROOT, "%.4f", state.bestAccuracy))
                .put(recipe.testAccuracyKey(), testSet == null ? null : String.format(Locale.ROOT, "%.4f", testAccuracy))
                .put(ModelCard.CREATED, Instant.now().toString())
                .build();
        Path modelFile = options.outputDirectory().resolve(MODEL_FILE);
        ModelCard written = Dl4jModels.save(kept, modelFile, card, false);
        LOG.info("Saved {} (epoch {}, validation accuracy {}, test accuracy {})", modelFile, state.bestEpoch,
                state.bestAccuracy, testAccuracy);
        return new TrainingResult(modelFile, written, state.epoch, state.bestEpoch, state.bestAccuracy, testAccuracy,
                state.seconds, resumedFrom, macs, kept.numParams(), List.copyOf(state.history));
    }

    /** The teachers of a distillation, or null without them. */
    private static Teacher teacher(TrainingOptions options, int side, InputStandardisation standardisation,
                                   DatasetRecipe recipe) {
        if (options.teachers().isEmpty()) {
            return null;
        }
        if (side != DigitImage.MNIST_SIZE || !standardisation.isNone()) {
            throw new IllegalArgumentException("Teachers are ten-digit MNIST classifiers; train " + recipe.name()
                    + " without them");
        }
        Teacher teacher = Teacher.load(options.teachers());
        LOG.info("Learning from {} teacher(s) with weight {}", teacher.size(), options.distillation());
        return teacher;
    }

    /** The seed of ND4J's generator for one epoch: a function of the training's seed and the epoch alone. */
    static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    private static MultiLayerNetwork restore(Path file, boolean withUpdater) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), withUpdater);
        } catch (IOException e) {
            throw Checkpoints.unreadable(file, e);
        }
    }

    /** Where a training stands, saved beside the checkpoint. */
    private static final class State {
        int epoch;
        int bestEpoch;
        double bestAccuracy;
        double bestLoss = Double.MAX_VALUE;
        int sinceBest;
        double seconds;
        /** Every epoch's figures so far, resumed runs included, so that the curves show the whole training. */
        final List<TrainingProgress.EpochReport> history = new ArrayList<>();
        private String fingerprint;

        static State read(Path file, String fingerprint) {
            State state = new State();
            state.fingerprint = fingerprint;
            Properties properties = Checkpoints.readState(file, fingerprint);
            if (properties.isEmpty()) {
                return state;
            }
            state.epoch = Integer.parseInt(properties.getProperty("epoch"));
            state.bestEpoch = Integer.parseInt(properties.getProperty("best.epoch"));
            state.bestAccuracy = Double.parseDouble(properties.getProperty("best.accuracy"));
            state.bestLoss = Double.parseDouble(properties.getProperty("best.loss"));
            state.sinceBest = Integer.parseInt(properties.getProperty("epochs.since.best"));
            state.seconds = Double.parseDouble(properties.getProperty("seconds"));
            // Checkpoints written before the history was kept have none: their curves start at the resumed epoch.
            for (int epoch = 1; epoch <= state.epoch; epoch++) {
                String row = properties.getProperty("history." + epoch);
                if (row != null) {
                    String[] values = row.split(",");
                    state.history.add(new TrainingProgress.EpochReport(epoch, Double.parseDouble(values[0]),
                            Double.parseDouble(values[1]), Double.parseDouble(values[2]), Boolean.parseBoolean(values[3])));
                }
            }
            return state;
        }

        /** The checkpoint and this state as one unit: a kill between them must not train an epoch twice. */
        void writeWithCheckpoint(MultiLayerNetwork network, Path checkpoint, Path file) {
            Checkpoints.writeModelWithState(network, checkpoint, file, sha256 -> {
                Properties properties = properties();
                properties.setProperty("checkpoint.sha256", sha256);
                return properties;
            }, "Digits training checkpoint");
        }

        private Properties properties() {
            Properties properties = new Properties();
            properties.setProperty("settings", fingerprint);
            properties.setProperty("epoch", Integer.toString(epoch));
            properties.setProperty("best.epoch", Integer.toString(bestEpoch));
            properties.setProperty("best.accuracy", Double.toString(bestAccuracy));
            properties.setProperty("best.loss", Double.toString(bestLoss));
            properties.setProperty("epochs.since.best", Integer.toString(sinceBest));
            properties.setProperty("seconds", Double.toString(seconds));
            for (TrainingProgress.EpochReport report : history) {
                properties.setProperty("history." + report.epoch(), report.validationAccuracy() + ","
                        + report.validationLoss() + "," + report.seconds() + "," + report.best());
            }
            return properties;
        }
    }
}
