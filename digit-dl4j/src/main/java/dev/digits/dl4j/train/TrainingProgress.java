package dev.digits.dl4j.train;

/** Hears how a training goes, e.g. to draw a progress bar. Every method does nothing by default. */
public interface TrainingProgress {
    /** An epoch begins; it has {@code batches} steps. */
    default void epochStarted(int epoch, int maxEpochs, int batches) {
    }

    /** One step of the current epoch is done. */
    default void batchFinished() {
    }

    /** An epoch ended with these validation figures. */
    default void epochFinished(EpochReport report) {
    }

    /**
     * Figures of one epoch.
     *
     * @param epoch              1-based
     * @param validationAccuracy accuracy on the held-out part of the training set
     * @param validationLoss     mean cross-entropy there
     * @param seconds            wall time of the epoch
     * @param best               whether this epoch is the best so far
     */
    record EpochReport(int epoch, double validationAccuracy, double validationLoss, double seconds, boolean best) {
    }

    /** Ignores everything. */
    TrainingProgress NONE = new TrainingProgress() {
    };
}
