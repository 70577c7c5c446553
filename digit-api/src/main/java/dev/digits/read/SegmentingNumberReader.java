package dev.digits.read;

import dev.digits.Box;
import dev.digits.DigitClassifier;
import dev.digits.NoDigitFoundException;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.Prediction;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.preprocess.NumberSegmenter;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
final class SegmentingNumberReader implements NumberReader {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentingNumberReader.class);

    private final DigitClassifier classifier;
    private final NumberInput input = new NumberInput();

    SegmentingNumberReader(DigitClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The text is the digits left to right, without separators; the confidence is the product of the
     * digits' confidences.
     */
    @Override
    public NumberReading read(BufferedImage picture) {
        return read(input.prepare(picture));
    }

    /** The reading of a picture that {@link NumberInput#prepare} prepared. */
    NumberReading read(NumberInput.Prepared prepared) {
        CleanedPicture cleaned = prepared.cleaned();
        if (prepared.mnistForm().isPresent()) {
            // Already one digit in MNIST form: cutting and rescaling it would only spoil it.
            Box box = new Box(0, 0, cleaned.inputWidth(), cleaned.inputHeight());
            return reading(classifier.classify(List.of(prepared.mnistForm().get())), List.of(box), List.of());
        }
        NumberSegmenter.Segments segments = prepared.segments();
        List<PieceGrouping.Digit> groups = PieceGrouping.digits(input.segmenter(), input.normaliser(), classifier,
                segments.picture(), segments);
        List<PieceGrouping.Digit> digits = groups;
        long notDigits = groups.stream().filter(d -> d.prediction().verdict() == dev.digits.Verdict.NOT_A_DIGIT).count();
        LOG.debug("{}x{} picture: {} pieces, {} digits ({} not digits), {} separators, {} candidate lines",
                cleaned.inputWidth(), cleaned.inputHeight(), segments.pieces().size(), digits.size(), notDigits,
                segments.separators().size(), segments.line().lines());
        if (notDigits == groups.size()) {
            // A scribble, a letter, a drawing: the classifier names no piece of it a digit, so neither does the reader.
            throw new NoDigitFoundException("The ink is not digits: the classifier calls every piece of it 'not a"
                    + " digit'; give a picture of a number");
        }
        NumberReading reading = reading(digits.stream().map(PieceGrouping.Digit::prediction).toList(),
                digits.stream().map(d -> d.candidate().box()).toList(), segments.separators())
                .withCandidateLines(segments.line().lines());
        if (notDigits > 0) {
            // Among digits, a piece the classifier doubts is more often an odd digit than a stray mark: it is read,
            // and the reading is flagged for a look.
            return reading.judged(reading.confidence() * NOT_A_DIGIT_AMONG_DIGITS, NumberReading.Verdict.UNSURE,
                    notDigits + (notDigits == 1 ? " piece looks" : " pieces look") + " like no digit to the classifier");
        }
        return judgeConfidence(reading);
    }

    /** A confidence this low makes a reading unsure. */
    static final float UNSURE_BELOW = 0.5f;
    /** A reading with a piece the classifier calls not a digit is worth this share of its confidence. */
    private static final float NOT_A_DIGIT_AMONG_DIGITS = 0.5f;

    /** The reading, unsure when its confidence is below {@link #UNSURE_BELOW}. */
    static NumberReading judgeConfidence(NumberReading reading) {
        if (reading.confidence() < UNSURE_BELOW && reading.verdict() == NumberReading.Verdict.NUMBER) {
            return reading.judged(reading.confidence(), NumberReading.Verdict.UNSURE, String.format(
                    java.util.Locale.ROOT, "low confidence (%.0f%%)", 100 * reading.confidence()));
        }
        return reading;
    }

    static NumberReading reading(List<Prediction> predictions, List<Box> boxes, List<Box> separators) {
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
