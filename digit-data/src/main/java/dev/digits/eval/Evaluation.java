package dev.digits.eval;

import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.NoDigitFoundException;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.LabelledPictures;
import dev.digits.preprocess.Pictures;
import dev.digits.preprocess.Preprocessor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Accuracy, confusion matrix and the misclassified items of a classifier on labelled pictures. The static
 * procedures measure a classifier on a data set ({@link #of}), on a folder of labelled pictures
 * ({@link #ofPictures}) or on pictures through a preprocessing ({@link #ofWholePictures}); or collect answers with
 * {@link #add}. Not thread-safe.
 */
public final class Evaluation {
    private final int[][] confusion = new int[10][10];
    private final List<Miss> misclassified = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
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
     * One picture classified by a procedure, handed to its listener (for progress, or to keep the pictures missed).
     *
     * @param item       the picture's name: its file relative to the folder, or its index
     * @param label      the true digit
     * @param prediction the classifier's answer; empty when the preprocessing found no digit or the picture
     *                   could not be read
     * @param picture    the picture as read; null when it could not be read
     */
    public record Answer(String item, int label, Optional<Prediction> prediction, BufferedImage picture) {
        /** Whether the answer is wrong or missing. */
        public boolean missed() {
            return prediction.isEmpty() || prediction.get().digit() != label;
        }
    }

    /**
     * Records a picture that could not be read or classified: a wrong answer like {@link #addNoAnswer}, and
     * listed in {@link #failed()} with why.
     */
    public void addFailed(String item, int label, String reason) {
        addNoAnswer(item, label);
        failed.put(item, reason);
    }

    /** Records an answer, or no answer ({@link #addNoAnswer}) when {@code prediction} is empty. */
    public void add(String item, int label, Optional<Prediction> prediction) {
        if (prediction.isPresent()) {
            add(item, label, prediction.get());
        } else {
            addNoAnswer(item, label);
        }
    }

    /**
     * Classifies every picture of a folder (a manifest's entries, each label a single digit) one by one; a
     * picture that cannot be read, or runs out of memory, counts as a wrong answer and is listed in
     * {@link #failed()}, so that one bad file costs only its own answer.
     *
     * @param preprocessor the preprocessing to use, or null for the classifier's own
     * @param folder       the manifest's folder: items are named by their file relative to it
     * @param each         told every picture once it is classified or failed, may be null
     * @throws DigitsException when a label is not a single digit (the manifest is for another task)
     */
    public static Evaluation ofPictures(DigitClassifier classifier, Preprocessor preprocessor, Path folder,
                                        List<LabelledPictures.Entry> entries, Consumer<Answer> each) {
        Evaluation evaluation = new Evaluation();
        Path base = folder.toAbsolutePath().normalize();
        for (LabelledPictures.Entry entry : entries) {
            if (entry.label().length() != 1) {
                throw new DigitsException("Label '" + entry.label() + "' of " + entry.file()
                        + " is not a single digit; evaluate reads single digits");
            }
            String name = base.relativize(entry.file()).toString();
            int label = entry.label().charAt(0) - '0';
            Answer answer;
            try {
                BufferedImage picture = Pictures.read(entry.file());
                answer = new Answer(name, label, classify(classifier, preprocessor, picture), picture);
                evaluation.add(name, label, answer.prediction());
            } catch (DigitsException e) {
                evaluation.addFailed(name, label, e.getMessage());
                answer = new Answer(name, label, Optional.empty(), null);
            } catch (OutOfMemoryError e) {
                evaluation.addFailed(name, label, entry.file() + ": not enough memory to read this picture; give a"
                        + " smaller picture or run java with a larger -Xmx");
                answer = new Answer(name, label, Optional.empty(), null);
            }
            if (each != null) {
                each.accept(answer);
            }
        }
        return evaluation;
    }

    /**
     * Classifies each picture of a data set as a whole picture, through the preprocessing (as a photo would be),
     * not as a ready model input: e.g. SVHN's colour pictures for a classifier of another input size. A picture
     * in which the preprocessing finds no digit is a wrong answer. Items are named by their index.
     *
     * @param preprocessor the preprocessing to use, or null for the classifier's own
     * @param each         told every picture once it is classified, may be null
     */
    public static Evaluation ofWholePictures(DigitClassifier classifier, Preprocessor preprocessor, DigitDataset data,
                                          Consumer<Answer> each) {
        Evaluation evaluation = new Evaluation();
        for (int i = 0; i < data.size(); i++) {
            BufferedImage picture = data.image(i).toBufferedImage();
            Answer answer = new Answer(Integer.toString(i), data.label(i), classify(classifier, preprocessor, picture), picture);
            evaluation.add(answer.item(), answer.label(), answer.prediction());
            if (each != null) {
                each.accept(answer);
            }
        }
        return evaluation;
    }

    /**
     * The classifier's answer for a whole picture, or none when the preprocessing finds no digit there (a miss,
     * not an error). With no preprocessor given, the classifier's own runs.
     */
    static Optional<Prediction> classify(DigitClassifier classifier, Preprocessor preprocessor, BufferedImage picture) {
        try {
            return Optional.of(preprocessor == null ? classifier.classify(picture)
                    : classifier.classify(preprocessor.preprocess(picture).image()));
        } catch (NoDigitFoundException e) {
            return Optional.empty();
        }
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

    /** The pictures that could not be read or classified, by item, with why, in the order they were added. */
    public Map<String, String> failed() {
        return Collections.unmodifiableMap(failed);
    }

    /** The wrong answers in the order they were added. */
    public List<Miss> misclassified() {
        return Collections.unmodifiableList(misclassified);
    }
}
