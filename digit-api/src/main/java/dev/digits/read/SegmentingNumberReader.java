package dev.digits.read;

import dev.digits.Box;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.Prediction;
import dev.digits.preprocess.CleanedPicture;
import dev.digits.preprocess.Cleaner;
import dev.digits.preprocess.DigitCandidate;
import dev.digits.preprocess.MnistPreprocessor;
import dev.digits.preprocess.Normaliser;
import dev.digits.preprocess.NumberSegmenter;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a number written on one line (one digit to ten or more; photos, scans and drawings) by
 * segmentation: the MNIST procedure's {@link Cleaner}, then {@link NumberSegmenter} (digits with their
 * broken strokes joined, wide ink cut where digits may touch, dots, commas and dashes set aside as
 * separators), then the {@link Normaliser} and the classifier on every way neighbouring pieces could form a
 * digit, all in one batch; the grouping the classifier is surest of is the reading (see {@code PieceGrouping}).
 * Boxes are in the input picture's coordinates. A picture of one digit reads as the digit
 * {@link DigitClassifier#classify(BufferedImage)} names, as both run the same stages on it.
 *
 * <p><b>Concurrency.</b> Immutable: the stages are immutable and stateless, and the classifier is safe for
 * concurrent use, so any number of threads may read at once. {@link #close()} closes the classifier, which
 * waits for running calls to end.
 */
public final class SegmentingNumberReader implements NumberReader {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentingNumberReader.class);
    /** The single-digit working size: a square picture is cleaned exactly as for one digit. */
    private static final int WORKING_SIZE = 256;
    /**
     * The most a wide picture's longer side is reduced to: a number on a long strip keeps about as many
     * pixels per digit height as a single digit has, within this bound on the work per picture.
     */
    private static final int MAX_WORKING_SIZE = 1024;

    private final DigitClassifier classifier;
    private final Cleaner cleaner;
    private final NumberSegmenter segmenter = new NumberSegmenter();
    private final Normaliser normaliser;

    SegmentingNumberReader(DigitClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        MnistPreprocessor mnist = MnistPreprocessor.builder().keepStages(false).build();
        this.cleaner = mnist.cleaner();
        this.normaliser = mnist.normaliser();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The text is the digits left to right, without separators; the confidence is the product of the
     * digits' confidences.
     */
    @Override
    public NumberReading read(BufferedImage picture) {
        CleanedPicture cleaned = cleaner.withWorkingSize(workingSize(picture)).clean(picture);
        Optional<DigitImage> mnistForm = cleaned.mnistForm();
        if (mnistForm.isPresent()) {
            // Already one digit in MNIST form: cutting and rescaling it would only spoil it.
            Box box = new Box(0, 0, cleaned.inputWidth(), cleaned.inputHeight());
            return reading(classifier.classify(List.of(mnistForm.get())), List.of(box), List.of());
        }
        NumberSegmenter.Segments segments = segmenter.segment(cleaned);
        List<PieceGrouping.Digit> digits = PieceGrouping.digits(segmenter, normaliser, classifier, cleaned, segments);
        LOG.debug("{}x{} picture: {} pieces, {} digits, {} separators", cleaned.inputWidth(), cleaned.inputHeight(),
                segments.pieces().size(), digits.size(), segments.separators().size());
        return reading(digits.stream().map(PieceGrouping.Digit::prediction).toList(),
                digits.stream().map(d -> d.candidate().box()).toList(), segments.separators());
    }

    private static NumberReading reading(List<Prediction> predictions, List<Box> boxes, List<Box> separators) {
        StringBuilder text = new StringBuilder();
        List<NumberReading.ReadDigit> digits = new ArrayList<>();
        double confidence = 1;
        for (int i = 0; i < predictions.size(); i++) {
            Prediction prediction = predictions.get(i);
            text.append(prediction.digit());
            digits.add(new NumberReading.ReadDigit(prediction, boxes.get(i)));
            confidence *= prediction.confidence();
        }
        return new NumberReading(text.toString(), digits, (float) confidence, separators);
    }

    /**
     * The working size for a picture: 256 for a square one, as for a single digit, and up to four times that
     * for a long strip, so that its digits are not reduced to a few pixels.
     */
    static int workingSize(BufferedImage picture) {
        if (picture == null) {
            return WORKING_SIZE; // the cleaner explains what is wrong with a null picture
        }
        int longer = Math.max(picture.getWidth(), picture.getHeight());
        int shorter = Math.max(1, Math.min(picture.getWidth(), picture.getHeight()));
        return (int) Math.min(MAX_WORKING_SIZE, Math.round(WORKING_SIZE * Math.max(1.0, (double) longer / shorter)));
    }

    @Override
    public String backendName() {
        return classifier.backendName();
    }

    /** Closes the classifier; idempotent. */
    @Override
    public void close() {
        classifier.close();
    }

    @Override
    public String toString() {
        return "SegmentingNumberReader[" + classifier.backendName() + "]";
    }
}
