package dev.digits.read;

import dev.digits.Box;
import dev.digits.DigitClassifier;
import dev.digits.ModelCard;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.Prediction;
import dev.digits.preprocess.NumberLine;
import dev.digits.preprocess.NumberSegmenter;
import dev.digits.spi.Lifecycle;
import dev.digits.NumberSequenceModel;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Reads a number with a learned sequence model (scores over the digits and a blank for each column of the whole
 * line, trained with CTC, decoded greedily; see {@link NumberSequenceModel}), with a segmenting reader beside it.
 * Both start from the same stages ({@link NumberInput}); the {@link Strategy} decides whose reading is given.
 * Pictures of one digit in MNIST form are always read by segmentation, and so is a picture both find one digit
 * in (so a digit reads as {@link DigitClassifier#classify(BufferedImage)} names it, except with
 * {@link Strategy#LEARNED}). The learned reading takes its digits' boxes from segmentation when both find as many
 * digits, and otherwise from the columns each digit was read in.
 *
 * <p><b>Concurrency.</b> The stages are stateless and the model and the classifier are safe for concurrent use,
 * so any number of threads may read at once; {@link #close()} waits for running reads, then closes both.
 */
public final class LearnedNumberReader implements NumberReader {
    /** The card key naming the strategy a bundled reader uses. */
    public static final String STRATEGY_KEY = "reading.strategy";

    /** Whose reading is given. */
    public enum Strategy {
        /** Segmentation and the classifier only. */
        SEGMENTATION,
        /** The learned model only (within its length). */
        LEARNED,
        /** The reading whose confidence is higher. */
        CONFIDENT;

        /** The strategy's name in cards and on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The strategy of a name.
         *
         * @throws IllegalArgumentException for an unknown name
         */
        public static Strategy of(String label) {
            for (Strategy s : values()) {
                if (s.label().equalsIgnoreCase(label.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown reading strategy '" + label + "'; known: segmentation, learned, confident");
        }
    }

    private final NumberSequenceModel model;
    private final SegmentingNumberReader segmenting;
    private final NumberInput input = new NumberInput();
    private final ModelCard card;
    private final String backendName;
    private final Strategy strategy;
    private final ReadingCalibration calibration;
    private final Lifecycle lifecycle = new Lifecycle("number reader");

    /**
     * @param model       the learned model; the reader owns it
     * @param classifier  the digit classifier of the segmenting reader; the reader owns it
     * @param card        the learned model's card
     * @param backendName the backend running both
     * @param strategy    whose reading is given; null: the card's {@value #STRATEGY_KEY}, or {@code confident}
     */
    LearnedNumberReader(NumberSequenceModel model, DigitClassifier classifier, ModelCard card, String backendName,
                               Strategy strategy) {
        this.model = Objects.requireNonNull(model, "model");
        this.segmenting = new SegmentingNumberReader(Objects.requireNonNull(classifier, "classifier"));
        this.card = Objects.requireNonNull(card, "card");
        this.backendName = Objects.requireNonNull(backendName, "backendName");
        this.strategy = strategy != null ? strategy
                : card.get(STRATEGY_KEY).map(Strategy::of).orElse(Strategy.CONFIDENT);
        this.calibration = ReadingCalibration.of(card);
    }

    /** A reader like this one that uses another strategy and shares its model and classifier (closing either closes both). */
    public LearnedNumberReader withStrategy(Strategy other) {
        return new LearnedNumberReader(model, segmenting, card, backendName, other);
    }

    private LearnedNumberReader(NumberSequenceModel model, SegmentingNumberReader segmenting, ModelCard card,
                                String backendName, Strategy strategy) {
        this.model = model;
        this.segmenting = segmenting;
        this.card = card;
        this.backendName = backendName;
        this.strategy = strategy;
        this.calibration = ReadingCalibration.of(card);
    }

    /** Whose reading this reader gives. */
    public Strategy strategy() {
        return strategy;
    }

    @Override
    public NumberReading read(BufferedImage picture) {
        return lifecycle.call(() -> calibrated(readUncalibrated(picture)));
    }

    /** Whose reading a combined one is: both readers' (they agree), one of two that disagree, or another case. */
    enum Kind {
        AGREED, DISAGREED, OTHER
    }

    /** A reading before calibration, and its kind. */
    record Outcome(NumberReading reading, Kind kind) {
        static Outcome other(NumberReading reading) {
            return new Outcome(reading, Kind.OTHER);
        }
    }

    private NumberReading calibrated(Outcome outcome) {
        NumberReading reading = outcome.reading();
        return switch (outcome.kind()) {
            case AGREED -> SegmentingNumberReader.judgeConfidence(reading.judged(
                    calibration.agreed(reading.confidence()), NumberReading.Verdict.NUMBER, ""));
            case DISAGREED -> reading.judged(calibration.disagreed(reading.confidence()), reading.verdict(),
                    reading.doubt());
            case OTHER -> reading;
        };
    }

    private Outcome readUncalibrated(BufferedImage picture) {
        NumberInput.Prepared prepared = input.prepare(picture);
        NumberReading segmented;
        try {
            segmented = segmenting.read(prepared);
        } catch (dev.digits.NoDigitFoundException e) {
            if (strategy != Strategy.LEARNED || prepared.segments() == null) {
                throw e;
            }
            segmented = null; // the sequence model alone is asked: the classifier's doubts do not stop it
        }
        if (strategy == Strategy.SEGMENTATION || prepared.segments() == null) {
            return Outcome.other(segmented);
        }
        float[][] columns = model.run(input.canvas(prepared), 1).get(0);
        NumberReading learned = decode(CtcDecoding.decode(columns), prepared.segments(), segmented)
                .withCandidateLines(prepared.segments().line().lines());
        if (strategy == Strategy.LEARNED) {
            if (learned.digits().isEmpty()) {
                throw new dev.digits.NoDigitFoundException("The sequence model reads no digit in this ink (every"
                        + " column blank); try --strategy segmentation");
            }
            return Outcome.other(SegmentingNumberReader.judgeConfidence(learned));
        }
        if (learned.digits().size() <= 1 && segmented.digits().size() == 1) {
            // One digit by both counts: the classifier, the better judge of one digit, names it.
            return Outcome.other(segmented);
        }
        return combine(learned, segmented);
    }

    /**
     * Fits the calibration of this reader's whole-number confidence (see {@code ReadingCalibration}: Platt scaling,
     * apart for readings both readers agree on and for those they do not) on numbers whose text is known, read
     * without calibration, and returns the card entries that record it. Fit it on numbers set aside for choosing
     * settings, never on those it will be measured on. The reader itself is unchanged: a reader opened with a card
     * holding the entries reads calibrated.
     *
     * @param count   how many numbers
     * @param numbers the picture of the number {@code i} and its text
     * @throws IllegalArgumentException when the readings hold no right or no wrong ones of either kind
     */
    public Map<String, String> fitCalibration(int count, IntFunction<Map.Entry<BufferedImage, String>> numbers) {
        return lifecycle.call(() -> {
            List<double[]> agreed = new ArrayList<>();
            List<double[]> disagreed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Map.Entry<BufferedImage, String> number = numbers.apply(i);
                Outcome outcome;
                try {
                    outcome = readUncalibrated(number.getKey());
                } catch (dev.digits.NoDigitFoundException e) {
                    continue; // no reading, no confidence to calibrate
                }
                double[] row = {outcome.reading().confidence(), outcome.reading().text().equals(number.getValue()) ? 1 : 0};
                switch (outcome.kind()) {
                    case AGREED -> agreed.add(row);
                    case DISAGREED -> disagreed.add(row);
                    case OTHER -> { }
                }
            }
            return ReadingCalibration.fit(agreed, disagreed).cardEntries();
        });
    }

    /**
     * The reading of both readers, before calibration: when they agree, it is surer than either; when they
     * disagree, the sequence model's if the two differ in length, else the surer one's, unsure, with a share of its
     * confidence.
     */
    static Outcome combine(NumberReading learned, NumberReading segmented) {
        if (learned.digits().isEmpty()) {
            // Every column blank is no reading, however sure: the empty product of digits' probabilities is 1.
            return Outcome.other(segmented.judged(segmented.confidence() * DISAGREEMENT_SHARE,
                    NumberReading.Verdict.UNSURE, "the sequence model reads no digit here"));
        }
        if (learned.text().equals(segmented.text())) {
            float both = 1 - (1 - learned.confidence()) * (1 - segmented.confidence());
            NumberReading agreed = learned.confidence() >= segmented.confidence() ? learned : segmented;
            return new Outcome(agreed.judged(both, NumberReading.Verdict.NUMBER, ""), Kind.AGREED);
        }
        // Segmentation miscounts touching digits far more often than the sequence model (on validation numbers it
        // read 29% of touching numbers whole, the sequence model 65%), and its confidence does not show it.
        double segmentedWeight = learned.text().length() != segmented.text().length() ? MISCOUNT_SHARE : 1;
        NumberReading chosen = learned.confidence() > segmented.confidence() * segmentedWeight ? learned : segmented;
        NumberReading other = chosen == learned ? segmented : learned;
        return new Outcome(chosen.judged(chosen.confidence() * DISAGREEMENT_SHARE, NumberReading.Verdict.UNSURE,
                "the readers disagree: " + (chosen == learned ? "segmentation" : "the sequence model") + " read "
                        + (other.text().isEmpty() ? "nothing" : other.text())), Kind.DISAGREED);
    }

    /**
     * Segmentation's confidence counts this share against the sequence model's when the two read different
     * lengths: its confidence is the product of its digits', which says nothing of digits it cut wrongly.
     */
    static final double MISCOUNT_SHARE = 0.5;

    /** The share of its confidence a reading keeps when the other reader read something else. */
    static final float DISAGREEMENT_SHARE = 0.7f;

    /**
     * The text a CTC reader's columns spell (greedy decoding: the likeliest class in each column, repeats
     * merged, blanks dropped). Trainers measure their networks with it, so that they are judged as they read.
     *
     * @param logits {@code [NumberSequenceModel.COLUMNS][NumberSequenceModel.CLASSES]} scores
     */
    public static String text(float[][] logits) {
        return CtcDecoding.text(logits);
    }

    /**
     * The learned reading of a line: its digits with the boxes segmentation gave when it found as many, else
     * boxes from the columns each digit was read in ({@code segmented} may be null: segmentation found none).
     */
    static NumberReading decode(CtcDecoding.Line line, NumberSegmenter.Segments segments, NumberReading segmented) {
        List<Prediction> predictions = new ArrayList<>(line.digits().size());
        for (CtcDecoding.Digit digit : line.digits()) {
            predictions.add(Prediction.of(digit.probabilities()));
        }
        List<Box> boxes = segmented != null && segmented.digits().size() == line.digits().size()
                ? segmented.digits().stream().map(NumberReading.ReadDigit::box).toList()
                : columnBoxes(segments, line.digits());
        NumberReading reading = SegmentingNumberReader.reading(predictions, boxes, segments.separators());
        double confidence = 1;
        for (CtcDecoding.Digit digit : line.digits()) {
            confidence *= digit.confidence();
        }
        // The product of the digits' own probabilities: the best path's probability counts every blank column's
        // doubt too, and came out far below the share read right (ECE 0.43 on validation numbers).
        return new NumberReading(reading.text(), reading.digits(), (float) confidence, reading.separators());
    }

    /**
     * Each digit's box from its columns: the canvas lays the line's ink out linearly from {@link NumberLine#LEFT},
     * wide gaps narrowed ({@link NumberLine.Narrowing}).
     */
    private static List<Box> columnBoxes(NumberSegmenter.Segments segments, List<CtcDecoding.Digit> digits) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (NumberSegmenter.Piece piece : segments.pieces()) {
            Box b = piece.candidate().box();
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxY = Math.max(maxY, b.bottom());
        }
        NumberLine.Narrowing narrowing = NumberLine.Narrowing.of(
                segments.pieces().stream().map(p -> p.candidate().box()).toList());
        int narrowedWidth = Math.max(1, narrowing.width());
        double canvasInk = NumberLine.canvasInkWidth(narrowedWidth, Math.max(1, maxY - minY));
        double pixelsPerColumn = (double) NumberLine.WIDTH / NumberSequenceModel.COLUMNS;
        List<Box> boxes = new ArrayList<>(digits.size());
        for (CtcDecoding.Digit digit : digits) {
            double from = (digit.firstColumn() * pixelsPerColumn - NumberLine.LEFT) / canvasInk;
            double to = ((digit.lastColumn() + 1) * pixelsPerColumn - NumberLine.LEFT) / canvasInk;
            int left = minX + narrowing.original((int) Math.round(Math.max(0, Math.min(1, from)) * narrowedWidth));
            int right = minX + narrowing.original((int) Math.round(Math.max(0, Math.min(1, to)) * narrowedWidth));
            boxes.add(new Box(left, minY, Math.max(1, right - left), Math.max(1, maxY - minY)));
        }
        return boxes;
    }

    /** The learned model's card. */
    public ModelCard card() {
        return card;
    }

    @Override
    public String backendName() {
        return backendName;
    }

    /** Closes the model and the classifier once running reads have ended; idempotent. */
    @Override
    public void close() {
        lifecycle.close(() -> {
            try {
                model.close();
            } finally {
                segmenting.close();
            }
        });
    }

    @Override
    public String toString() {
        return "LearnedNumberReader[" + backendName + ", " + strategy.label() + "]";
    }

    /**
     * The canvas a learned reader's network sees for a picture of a number ({@link
     * dev.digits.preprocess.NumberLine#PIXELS} values): cleaned, the ink on one line cut into pieces and laid out
     * as {@link dev.digits.preprocess.NumberLine} does. Trainers make their training canvases with it, so that
     * training and reading see the same.
     *
     * @throws dev.digits.NoDigitFoundException when the picture holds no ink
     */
    public static float[] canvas(java.awt.image.BufferedImage picture) {
        NumberInput input = new NumberInput();
        return input.canvas(input.prepare(picture));
    }

    /**
     * The factory {@link dev.digits.Digits} pairs a backend's network and a classifier with (listed in
     * {@code META-INF/services}); not for direct use.
     */
    public static final class Factory implements NumberSequenceModel.ReaderFactory {
        @Override
        public NumberReader numberReader(NumberSequenceModel network, DigitClassifier classifier, ModelCard card,
                                         String backendName) {
            return new LearnedNumberReader(network, classifier, card, backendName, null);
        }
    }
}
