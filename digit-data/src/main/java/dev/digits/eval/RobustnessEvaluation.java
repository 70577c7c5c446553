package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.data.Corruption;
import dev.digits.data.RobustnessSet;
import dev.digits.preprocess.Preprocessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A classifier on a {@link RobustnessSet}: MNIST test digits made to look like photos, scans and drawings, the
 * same number of pictures for each {@link Corruption}.
 *
 * @param overall      every picture of every corruption; items are named {@code corruption/sourceIndex}
 * @param byCorruption accuracy per corruption, by its label, in the order of {@link Corruption#values()}
 */
public record RobustnessEvaluation(Evaluation overall, Map<String, Double> byCorruption) {
    public RobustnessEvaluation {
        byCorruption = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCorruption));
    }

    /**
     * Measures a classifier on {@code perCorruption} pictures of each corruption, classified one by one as whole
     * pictures; a picture in which the preprocessing finds no digit is a wrong answer.
     *
     * @param preprocessor the preprocessing to use, or null for the classifier's own
     * @param each         told every picture once it is classified, may be null
     */
    public static RobustnessEvaluation of(DigitClassifier classifier, Preprocessor preprocessor, RobustnessSet set,
                                          int perCorruption, Consumer<Evaluation.Answer> each) {
        Evaluation overall = new Evaluation();
        Map<String, Double> byCorruption = new LinkedHashMap<>();
        for (Corruption corruption : Corruption.values()) {
            Evaluation part = new Evaluation();
            set.generate(corruption, perCorruption, sample -> {
                Evaluation.Answer answer = new Evaluation.Answer(corruption.label() + "/" + sample.sourceIndex(),
                        sample.label(), Evaluation.classify(classifier, preprocessor, sample.picture()), sample.picture());
                part.add(answer.item(), answer.label(), answer.prediction());
                overall.add(answer.item(), answer.label(), answer.prediction());
                if (each != null) {
                    each.accept(answer);
                }
            });
            byCorruption.put(corruption.label(), part.accuracy());
        }
        return new RobustnessEvaluation(overall, byCorruption);
    }
}
