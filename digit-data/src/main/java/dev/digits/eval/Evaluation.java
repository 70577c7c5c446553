package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Accuracy, confusion matrix and the misclassified items of a classifier on labelled pictures. Collect
 * with {@link #add}; not thread-safe.
 */
public final class Evaluation {
    private final int[][] confusion = new int[10][10];
    private final List<Miss> misclassified = new ArrayList<>();
    private int count;
    private int correct;
    private int notDigit;
    private int unsure;
    private int accepted;
    private int acceptedCorrect;

    /**
     * One wrong answer.
     *
     * @param item       the picture's file name or index
     * @param label      the true digit
     * @param predicted  the classifier's digit, -1 when it gave none
     * @param confidence its probability
     */
    public record Miss(String item, int label, int predicted, float confidence) {
    }

    /** Records one answer. */
    public void add(String item, int label, Prediction prediction) {
        count++;
        confusion[label][prediction.digit()]++;
        switch (prediction.verdict()) {
            case NOT_A_DIGIT -> notDigit++;
            case UNSURE -> unsure++;
            case DIGIT -> {
                accepted++;
                acceptedCorrect += label == prediction.digit() ? 1 : 0;
            }
        }
        if (label == prediction.digit()) {
            correct++;
        } else {
            misclassified.add(new Miss(item, label, prediction.digit(), prediction.confidence()));
        }
    }

    /**
     * Records a picture the classifier gave no answer for (no digit found): wrong, outside the confusion
     * matrix, listed with {@code predicted = -1} and confidence 0.
     */
    public void addNoAnswer(String item, int label) {
        count++;
        misclassified.add(new Miss(item, label, -1, 0f));
    }

    /**
     * Classifies a whole data set in batches.
     *
     * @param batchDone told the size of each finished batch (for progress), may be null
     */
    public static Evaluation of(DigitClassifier classifier, DigitDataset data, IntConsumer batchDone) {
        Evaluation evaluation = new Evaluation();
        int batchSize = 1000;
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            List<DigitImage> images = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                images.add(data.image(i));
            }
            List<Prediction> predictions = classifier.classify(images);
            for (int i = from; i < to; i++) {
                evaluation.add(Integer.toString(i), data.label(i), predictions.get(i - from));
            }
            if (batchDone != null) {
                batchDone.accept(to - from);
            }
        }
        return evaluation;
    }

    public int count() {
        return count;
    }

    public int correct() {
        return correct;
    }

    /** Fraction right, 0..1 (0 when nothing was added). */
    public double accuracy() {
        return count == 0 ? 0 : (double) correct / count;
    }

    /** How many answers had the verdict "not a digit" (all pictures here are digits, so these are refusals). */
    public int notDigit() {
        return notDigit;
    }

    /** How many answers had the verdict "unsure". */
    public int unsure() {
        return unsure;
    }

    /**
     * Accuracy on the answers whose verdict is {@link dev.digits.Verdict#DIGIT}; pictures without an answer and
     * refused ones are left out. NaN when there are none.
     */
    public double acceptedAccuracy() {
        return accepted == 0 ? Double.NaN : (double) acceptedCorrect / accepted;
    }

    /** {@code confusion[trueLabel][predicted]}, a copy. */
    public int[][] confusion() {
        int[][] copy = new int[10][];
        for (int i = 0; i < 10; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** The wrong answers in the order they were added. */
    public List<Miss> misclassified() {
        return Collections.unmodifiableList(misclassified);
    }
}
