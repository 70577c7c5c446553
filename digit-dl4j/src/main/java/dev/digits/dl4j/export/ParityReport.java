package dev.digits.dl4j.export;

import dev.digits.Task;
import java.util.OptionalDouble;

/**
 * How closely an exported model gives its source model's answers, for one task.
 *
 * <p>What an item, an answer and a difference are depends on the task: for a classifier, a picture, its most
 * probable digit, and the largest difference of any probability (the ten digits' and "not a digit"); for a
 * generator, a seeded picture, "every pixel within the tolerance", and the largest pixel difference; for a number
 * reader, a picture of a number, the text read, and the difference of the confidences (infinite when a text
 * differs, so that one misread fails the check on its own).
 *
 * @param task          the task both models were run for
 * @param checked       items given to both models
 * @param agreeing      items on which both gave the same answer
 * @param maxDifference the largest difference found (see above)
 * @param tolerance     the largest difference the check accepts
 * @param accuracy      the exported model's accuracy on the items, when it means something (a classifier on
 *                      MNIST-form test pictures); empty otherwise
 */
public record ParityReport(Task task, int checked, int agreeing, double maxDifference, double tolerance,
                           OptionalDouble accuracy) {
    /**
     * @throws IllegalArgumentException when the counts are impossible or nothing was checked, since "no difference
     *                                  found" on no items proves nothing
     */
    public ParityReport {
        if (checked <= 0 || agreeing < 0 || agreeing > checked) {
            throw new IllegalArgumentException("A parity check needs 0 <= agreeing <= checked and checked > 0, got "
                    + agreeing + " of " + checked);
        }
        if (accuracy == null) {
            accuracy = OptionalDouble.empty();
        }
    }

    /** The share of items with the same answer, 0..1. */
    public double agreement() {
        return (double) agreeing / checked;
    }

    /** Whether the exported model can stand in for its source: the same answer everywhere, within the tolerance. */
    public boolean agrees() {
        return agreeing == checked && maxDifference <= tolerance;
    }
}
