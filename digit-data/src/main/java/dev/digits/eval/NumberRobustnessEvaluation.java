package dev.digits.eval;

import dev.digits.NumberReader;
import dev.digits.data.NumberCondition;
import dev.digits.data.NumberRobustnessSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A number reader on a {@link NumberRobustnessSet}: numbers photographed on paper, the same numbers under each
 * {@link NumberCondition}, so that the conditions differ by what they do to the picture and not by what is written.
 *
 * @param overall     every picture of every condition; items are named {@code condition/index}
 * @param byCondition each condition's own measures, by its label, in the order of {@link NumberCondition#values()}
 */
public record NumberRobustnessEvaluation(NumberEvaluation overall, Map<String, NumberEvaluation> byCondition) {
    public NumberRobustnessEvaluation {
        Objects.requireNonNull(overall, "overall");
        byCondition = Collections.unmodifiableMap(new LinkedHashMap<>(byCondition));
    }

    /**
     * Reads numbers {@code 0..perCondition-1} under each condition; a picture the reader finds nothing in or fails on
     * is a wrong answer.
     *
     * @param each run after each picture (for progress), may be null
     */
    public static NumberRobustnessEvaluation of(NumberReader reader, NumberRobustnessSet set, int perCondition,
                                                Runnable each) {
        if (perCondition < 1) {
            throw new IllegalArgumentException("perCondition must be at least 1, got " + perCondition);
        }
        NumberEvaluation overall = new NumberEvaluation();
        Map<String, NumberEvaluation> byCondition = new LinkedHashMap<>();
        for (NumberCondition condition : NumberCondition.values()) {
            NumberEvaluation part = new NumberEvaluation();
            for (int i = 0; i < perCondition; i++) {
                NumberRobustnessSet.Sample sample = set.sample(condition, i);
                String item = condition.label() + "/" + i;
                dev.digits.NumberReading read = NumberEvaluation.read(reader, sample.picture(), item);
                part.addReading(item, sample.text(), read);
                overall.addReading(item, sample.text(), read);
                if (each != null) {
                    each.run();
                }
            }
            byCondition.put(condition.label(), part);
        }
        return new NumberRobustnessEvaluation(overall, byCondition);
    }

    /** Sequence accuracy (numbers read exactly) by condition label. */
    public Map<String, Double> sequenceAccuracyByCondition() {
        Map<String, Double> result = new LinkedHashMap<>();
        byCondition.forEach((label, evaluation) -> result.put(label, evaluation.sequenceAccuracy()));
        return Collections.unmodifiableMap(result);
    }
}
