package dev.digits.dl4j.train;

import dev.digits.ModelCard;
import java.nio.file.Path;

/**
 * What a training produced.
 *
 * @param modelFile          the saved model; its card is beside it
 * @param card               the card as written
 * @param epochsRun          epochs trained in all, resumed runs included
 * @param bestEpoch          the epoch whose weights were kept
 * @param validationAccuracy accuracy of the kept weights on the validation split
 * @param testAccuracy       accuracy on the test set, or NaN when none was given
 * @param trainingSeconds    wall time of all epochs, resumed runs included
 * @param resumedFromEpoch   the checkpoint's epoch this run started after, 0 for a fresh start
 * @param multiplyAdds       per picture
 * @param parameters         trainable values
 * @param history            every epoch's validation figures, resumed runs included, in order
 */
public record TrainingResult(Path modelFile, ModelCard card, int epochsRun, int bestEpoch, double validationAccuracy,
                             double testAccuracy, double trainingSeconds, int resumedFromEpoch, long multiplyAdds,
                             long parameters, java.util.List<TrainingProgress.EpochReport> history) {
}
