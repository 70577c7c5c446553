package dev.digits.dl4j.train;

import dev.digits.data.DigitDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a classifier training. Build with {@link #builder(Path)}; the defaults reproduce the bundled
 * classifier.
 *
 * @param epochs              most epochs to run (early stopping may end sooner)
 * @param seed                fixes the order, the distortions, the dropout and the initial weights (the validation
 *                            split is always the bundled one: {@link #VALIDATION_SPLIT_SEED})
 * @param batchSize           pictures per step
 * @param validationSize      training pictures held out to choose the best epoch
 * @param patience            epochs without a better validation score before stopping
 * @param learningRate        Adam's first learning rate
 * @param decay               learning-rate factor per epoch
 * @param trainLimit          use at most this many training pictures (for quick runs); 0 = all
 * @param augment             distort pictures on the fly
 * @param outputDirectory     where {@code classifier.zip} and its card go
 * @param checkpointDirectory where checkpoints go; a run resumes from the checkpoint found there
 * @param width               the network's width ({@link ClassifierArchitecture.Width#STANDARD}: the bundled one's)
 * @param teachers            ten-digit classifiers (from {@code digits train}) whose mean probabilities on each
 *                            distorted picture are mixed into its target (distillation); empty for the labels alone
 * @param distillation        the teachers' weight in a target, in [0, 1); 0 without teachers
 */
public record TrainingOptions(int epochs, long seed, int batchSize, int validationSize, int patience,
                              double learningRate, double decay, int trainLimit, boolean augment,
                              Path outputDirectory, Path checkpointDirectory, ClassifierArchitecture.Width width,
                              List<Path> teachers, double distillation) {
    /** Default of {@link #epochs()}: the bundled classifier's. */
    public static final int DEFAULT_EPOCHS = 30;
    /** Default of {@link #seed()}: the bundled classifier's. */
    public static final long DEFAULT_SEED = 20240501L;
    /**
     * The seed that chooses the validation split, whatever {@link #seed()} is: every run holds out the pictures the
     * bundled models held out, so that members of an ensemble never trained on the pictures it is chosen on.
     */
    public static final long VALIDATION_SPLIT_SEED = DEFAULT_SEED;
    /** Default of {@link #validationSize()}: the training pictures the bundled models held out. */
    public static final int DEFAULT_VALIDATION_SIZE = 5000;

    /**
     * The training digits the bundled models held out for validation ({@value #DEFAULT_VALIDATION_SIZE} of them,
     * split with {@link #DEFAULT_SEED}): where settings are chosen, never the test set.
     *
     * @param training MNIST's training set
     */
    public static DigitDataset bundledValidationDigits(DigitDataset training) {
        return training.split(DEFAULT_VALIDATION_SIZE, VALIDATION_SPLIT_SEED).heldOut();
    }
    /** Default of {@link #patience()}. */
    public static final int DEFAULT_PATIENCE = 5;

    public TrainingOptions {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(checkpointDirectory, "checkpointDirectory");
        Objects.requireNonNull(width, "width");
        teachers = List.copyOf(teachers);
        if (!(distillation >= 0 && distillation < 1) || (teachers.isEmpty() != (distillation == 0))) {
            throw new IllegalArgumentException("distillation is the teachers' weight in [0, 1), above 0 exactly when there"
                    + " are teachers: " + distillation + " with " + teachers.size() + " teachers");
        }
        if (epochs < 1 || batchSize < 1 || validationSize < 1 || patience < 1 || trainLimit < 0) {
            throw new IllegalArgumentException("epochs, batchSize, validationSize and patience must be positive,"
                    + " trainLimit not negative: " + epochs + ", " + batchSize + ", " + validationSize + ", " + patience
                    + ", " + trainLimit);
        }
        if (!(learningRate > 0) || !(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("learningRate must be positive and decay in (0, 1]: " + learningRate + ", " + decay);
        }
    }

    /** Defaults that reproduce the bundled classifier, writing to {@code outputDirectory}. */
    public static Builder builder(Path outputDirectory) {
        return new Builder(outputDirectory);
    }

    /** What must match for a checkpoint to be resumed: everything but the number of epochs and folders. */
    String fingerprint() {
        return "seed=" + seed + ",batch=" + batchSize + ",validation=" + validationSize + ",lr=" + learningRate
                + ",decay=" + decay + ",limit=" + trainLimit + ",augment=" + augment
                + ",architecture=" + width.description() + ",validationSplit=" + VALIDATION_SPLIT_SEED;
    }

    /** Builds {@link TrainingOptions}. */
    public static final class Builder {
        private int epochs = DEFAULT_EPOCHS;
        private long seed = DEFAULT_SEED;
        private int batchSize = 128;
        private int validationSize = DEFAULT_VALIDATION_SIZE;
        private int patience = DEFAULT_PATIENCE;
        private double learningRate = 2e-3;
        private double decay = 0.82;
        private int trainLimit;
        private boolean augment = true;
        private final Path outputDirectory;
        private Path checkpointDirectory;
        private ClassifierArchitecture.Width width = ClassifierArchitecture.Width.STANDARD;
        private List<Path> teachers = List.of();
        private double distillation;

        private Builder(Path outputDirectory) {
            this.outputDirectory = outputDirectory;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder validationSize(int value) {
            validationSize = value;
            return this;
        }

        public Builder patience(int value) {
            patience = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder decay(double value) {
            decay = value;
            return this;
        }

        public Builder trainLimit(int value) {
            trainLimit = value;
            return this;
        }

        public Builder augment(boolean value) {
            augment = value;
            return this;
        }

        /** Default: {@code outputDirectory/checkpoints}. */
        public Builder checkpointDirectory(Path value) {
            checkpointDirectory = value;
            return this;
        }

        /** Default: {@link ClassifierArchitecture.Width#STANDARD}, the bundled classifier's. */
        public Builder width(ClassifierArchitecture.Width value) {
            width = value;
            return this;
        }

        /**
         * Distillation: the pupil's target on each distorted picture is {@code (1 - weight) · label + weight · the
         * teachers' mean probabilities}. Default: no teachers.
         */
        public Builder teachers(List<Path> files, double weight) {
            teachers = files;
            distillation = files.isEmpty() ? 0 : weight;
            return this;
        }

        public TrainingOptions build() {
            return new TrainingOptions(epochs, seed, batchSize, validationSize, patience, learningRate, decay, trainLimit,
                    augment, outputDirectory,
                    checkpointDirectory != null ? checkpointDirectory : outputDirectory.resolve("checkpoints"), width,
                    teachers, distillation);
        }
    }
}
