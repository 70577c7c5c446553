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
    /** The same stages with the background estimated over the whole picture only: see {@link #read}. */
    private final NumberInput wideInput = new NumberInput(false, false);
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

    /**
     * {@inheritDoc}
     *
     * <p>The picture is read twice, once with the background estimated at the scale of the strokes (which
     * survives shadows, gradients and ruled lines) and once with it estimated over the whole picture (which
     * keeps bold ink whole), and the reading with the higher calibrated confidence, weighed with how many digits
     * each found ({@link #DIGIT_BONUS}), is given; or the local one when it read every digit of the other and more
     * ({@link #wideLostDigits}). On validation numbers this read 77% of touching numbers whole
     * against 68% with the local estimate alone, and 92% of the number robustness set against 91%. When the two
     * read different texts, the reading is
     * {@link NumberReading.Verdict#UNSURE} and says what the other read.
     */
    @Override
    public NumberReading read(BufferedImage picture) {
        return lifecycle.call(() -> given(outcomes(picture), calibration));
    }

    /** The reading given for both cleanings' outcomes: the surer one, doubted when the other read otherwise. */
    static NumberReading given(Outcome[] outcomes, ReadingCalibration calibration) {
        int chosen = surer(outcomes, calibration);
        NumberReading reading = calibrated(outcomes[chosen], calibration);
        if (!cleaningsDiffer(outcomes)) {
            return reading;
        }
        String other = outcomes[1 - chosen].reading().text();
        String doubt = "with its background estimated " + (chosen == 0 ? "over the whole picture" : "locally")
                + " the picture reads " + (other.isEmpty() ? "nothing" : other);
        return reading.judged(calibration.cleaningsDiffer(reading.confidence()), NumberReading.Verdict.UNSURE,
                reading.doubt().isEmpty() ? doubt : reading.doubt() + "; " + doubt);
    }

    /** Whether both cleanings gave a reading, and their texts differ. */
    private static boolean cleaningsDiffer(Outcome[] outcomes) {
        return outcomes[0] != null && outcomes[1] != null
                && !outcomes[0].reading().text().equals(outcomes[1].reading().text());
    }

    /**
     * The uncalibrated outcomes of both cleanings, local first; an entry is null where that cleaning found no
     * digit.
     *
     * @throws dev.digits.NoDigitFoundException when neither found one (the local cleaning's exception)
     */
    private Outcome[] outcomes(BufferedImage picture) {
        Outcome local = null;
        dev.digits.NoDigitFoundException localFailure = null;
        try {
            local = readUncalibrated(picture, input);
        } catch (dev.digits.NoDigitFoundException e) {
            localFailure = e;
        }
        Outcome wide = null;
        try {
            wide = readUncalibrated(picture, wideInput);
        } catch (dev.digits.NoDigitFoundException e) {
            if (local == null) {
                throw localFailure;
            }
        }
        return new Outcome[]{local, wide};
    }

    /**
     * The index of the outcome given: the local one when the wide one lost digits it read ({@link #wideLostDigits});
     * otherwise the one whose calibrated confidence's log-odds, plus {@link #DIGIT_BONUS} for each digit read (up
     * to {@link #COUNTED_EXTRA_DIGITS} more than the fewest a cleaning read) and {@link #WIDE_BONUS} for the wide
     * cleaning, is highest (the first of equals).
     */
    private static int surer(Outcome[] outcomes, ReadingCalibration calibration) {
        if (outcomes[0] != null && outcomes[1] != null
                && wideLostDigits(outcomes[1].reading().text(), outcomes[0].reading().text())) {
            return 0;
        }
        int fewest = Integer.MAX_VALUE;
        for (Outcome outcome : outcomes) {
            if (outcome != null) {
                fewest = Math.min(fewest, outcome.reading().digits().size());
            }
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != null) {
                NumberReading reading = calibrated(outcomes[i], calibration);
                int counted = Math.min(reading.digits().size(), fewest + COUNTED_EXTRA_DIGITS);
                double score = ReadingCalibration.logOdds(reading.confidence())
                        + DIGIT_BONUS * counted + (i == 1 ? WIDE_BONUS : 0);
                if (score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
        }
        return best;
    }

    /**
     * Whether the local cleaning read every digit the wide one read, in order, and more, of which at least one is
     * neither a 1 nor a repeat of its neighbour: then the wide cleaning lost ink of the number (in a shadow, in
     * faint ink) rather than the local one adding some. What the local cleaning adds on its own is mostly a 1 (the
     * rim of a blot, a sliver of a shadow's edge) or one digit cut in two.
     */
    static boolean wideLostDigits(String wide, String local) {
        if (wide.length() >= local.length()) {
            return false;
        }
        int matched = 0;
        boolean lostDigit = false;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (matched < wide.length() && wide.charAt(matched) == c) {
                matched++;
            } else if (c != '1' && (i == 0 || local.charAt(i - 1) != c)
                    && (i + 1 == local.length() || local.charAt(i + 1) != c)) {
                lostDigit = true;
            }
        }
        return matched == wide.length() && lostDigit;
    }

    /**
     * Log-odds a reading gains for each digit it reads when the cleanings are weighed: a cleaning that finds
     * more digits mostly found ink the other lost (the local estimate eats into bold strokes and touching
     * digits), and the confidence of a reading does not count digits it missed. With this and
     * {@link #WIDE_BONUS}, chosen on validation numbers of seed 7, the touching validation numbers of seed 77
     * were read whole 77% of the time instead of 74%, the others as often as before.
     */
    static final double DIGIT_BONUS = 1;

    /**
     * The most digits beyond the other cleaning's count that earn {@link #DIGIT_BONUS}: one cleaning finding a
     * digit or two more found ink the other lost, but one finding many more mostly read the paper's grain (faint
     * ink, where the wide cleaning stretched noise into twenty "digits" around the one digit the local cleaning
     * read).
     */
    static final int COUNTED_EXTRA_DIGITS = 2;

    /** Log-odds the reading of the wide cleaning gains when the cleanings are weighed (see {@link #DIGIT_BONUS}). */
    static final double WIDE_BONUS = 1;

    /**
     * Whose reading a combined one is: both readers' (they agree), one of two that read as many digits but
     * differently, one of two that read different numbers of digits, or another case.
     */
    enum Kind {
        AGREED, DISAGREED, MISCOUNTED, OTHER
    }

    /** A reading before calibration, and its kind. */
    record Outcome(NumberReading reading, Kind kind) {
        static Outcome other(NumberReading reading) {
            return new Outcome(reading, Kind.OTHER);
        }
    }

    private static NumberReading calibrated(Outcome outcome, ReadingCalibration calibration) {
        NumberReading reading = outcome.reading();
        return switch (outcome.kind()) {
            case AGREED -> SegmentingNumberReader.judgeConfidence(reading.judged(
                    calibration.agreed(reading.confidence()), NumberReading.Verdict.NUMBER, ""));
            case DISAGREED -> reading.judged(calibration.disagreed(reading.confidence()), reading.verdict(),
                    reading.doubt());
            case MISCOUNTED -> reading.judged(calibration.miscounted(reading.confidence()), reading.verdict(),
                    reading.doubt());
            case OTHER -> reading;
        };
    }

    private Outcome readUncalibrated(BufferedImage picture, NumberInput input) {
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
     * apart for readings both readers agree on, read differently, or count differently, and for readings the two
     * cleanings read differently) on numbers whose text is known, read
     * without calibration, and returns the card entries that record it. Fit it on numbers set aside for choosing
     * settings, never on those it will be measured on. The reader itself is unchanged: a reader opened with a card
     * holding the entries reads calibrated. Since {@link #read} keeps the surer of two readings by the calibrated
     * confidence, the fit is repeated on the readings each fit selects, starting from this reader's calibration.
     *
     * @param count   how many numbers
     * @param numbers the picture of the number {@code i} and its text
     * @throws IllegalArgumentException when the readings hold no right or no wrong ones of some kind
     */
    public Map<String, String> fitCalibration(int count, IntFunction<Map.Entry<BufferedImage, String>> numbers) {
        return lifecycle.call(() -> {
            List<Outcome[]> read = new ArrayList<>();
            List<String> truths = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Map.Entry<BufferedImage, String> number = numbers.apply(i);
                try {
                    read.add(outcomes(number.getKey()));
                    truths.add(number.getValue());
                } catch (dev.digits.NoDigitFoundException e) {
                    // no reading, no confidence to calibrate
                }
            }
            ReadingCalibration fitted = calibration;
            for (int round = 0; round < CALIBRATION_ROUNDS; round++) {
                fitted = fitOnSelected(read, truths, fitted);
            }
            return fitted.cardEntries();
        });
    }

    /** Rounds of fitting on the readings the previous fit selects. */
    private static final int CALIBRATION_ROUNDS = 3;

    /**
     * The maps fitted on the readings {@code selecting} gives: first those of each kind on readings both cleanings
     * read alike, then the cleanings' map on the others, calibrated by the new maps.
     */
    private static ReadingCalibration fitOnSelected(List<Outcome[]> read, List<String> truths,
                                                    ReadingCalibration selecting) {
        List<double[]> agreed = new ArrayList<>();
        List<double[]> disagreed = new ArrayList<>();
        List<double[]> miscounted = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            if (cleaningsDiffer(read.get(i))) {
                continue;
            }
            Outcome outcome = read.get(i)[surer(read.get(i), selecting)];
            double[] row = fittingRow(outcome.reading(), truths.get(i));
            switch (outcome.kind()) {
                case AGREED -> agreed.add(row);
                case DISAGREED -> disagreed.add(row);
                case MISCOUNTED -> miscounted.add(row);
                case OTHER -> { }
            }
        }
        ReadingCalibration byKind = selecting.refit(agreed, disagreed, miscounted);
        List<double[]> differing = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            if (cleaningsDiffer(read.get(i))) {
                NumberReading reading = calibrated(read.get(i)[surer(read.get(i), byKind)], byKind);
                differing.add(fittingRow(reading, truths.get(i)));
            }
        }
        return byKind.refitCleanings(differing);
    }

    /** A reading as {@code ReadingCalibration} fits it: {confidence, 1 if its text is the truth else 0}. */
    private static double[] fittingRow(NumberReading reading, String truth) {
        return new double[]{reading.confidence(), reading.text().equals(truth) ? 1 : 0};
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
                        + (other.text().isEmpty() ? "nothing" : other.text())),
                segmentedWeight == 1 ? Kind.DISAGREED : Kind.MISCOUNTED);
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
