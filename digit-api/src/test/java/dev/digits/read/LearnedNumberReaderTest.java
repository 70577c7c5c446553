package dev.digits.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Box;
import dev.digits.ConstantClassifier;
import dev.digits.ModelCard;
import dev.digits.NumberReading;
import dev.digits.Task;
import dev.digits.preprocess.NumberLine;
import dev.digits.NumberSequenceModel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The learned reader's own work, with stand-ins: a CTC model that always spells "42" (or "4") with a chosen
 * certainty in every column, and a classifier that names every digit 3 (probability 0.91). What it feeds the
 * model, how it decodes the columns, which reading each strategy gives and what verdict it comes with.
 */
class LearnedNumberReaderTest {
    /** Spells "42" (columns 10-12 say 4, 16-18 say 2, the rest blank) with {@code certainty} in each column. */
    private static final class FortyTwo implements NumberSequenceModel {
        final float certainty;
        int length = 2;
        int first = 4;
        int second = 2;
        final List<float[]> seen = new ArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        FortyTwo(float certainty) {
            this.certainty = certainty;
        }

        @Override
        public List<float[][]> run(float[] canvases, int count) {
            seen.add(canvases.clone());
            float[][] columns = new float[COLUMNS][];
            for (int t = 0; t < COLUMNS; t++) {
                int chosen = t >= 10 && t <= 12 ? first : length > 1 && t >= 16 && t <= 18 ? second : BLANK;
                columns[t] = logits(chosen);
            }
            return List.<float[][]>of(columns);
        }

        /** Logits whose softmax gives {@code certainty} to the chosen class and shares the rest evenly. */
        private float[] logits(int chosen) {
            float[] z = new float[CLASSES];
            float other = (1 - certainty) / (CLASSES - 1);
            for (int c = 0; c < CLASSES; c++) {
                z[c] = (float) Math.log(c == chosen ? certainty : other);
            }
            return z;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static LearnedNumberReader reader(FortyTwo model, LearnedNumberReader.Strategy strategy) {
        return reader(model, strategy, ModelCard.builder().task(Task.READ_NUMBERS).put(LearnedNumberReader.STRATEGY_KEY, "learned")
                .build());
    }

    private static LearnedNumberReader reader(FortyTwo model, LearnedNumberReader.Strategy strategy, ModelCard card) {
        ModelCard classifierCard = ModelCard.builder().task(Task.CLASSIFY).build();
        return new LearnedNumberReader(model, new ConstantClassifier(classifierCard, "stand-in", 3), card, "stand-in", strategy);
    }

    private static double logOdds(double p) {
        return Math.log(p / (1 - p));
    }

    private static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static BufferedImage ovals(int count) {
        BufferedImage picture = new BufferedImage(60 + count * 120, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(9));
        for (int i = 0; i < count; i++) {
            g.drawOval(30 + i * 120, 40, 60, 110);
        }
        g.dispose();
        return picture;
    }

    @Test
    void theCardChoosesTheStrategyUnlessTheCallerDoes() {
        assertEquals(LearnedNumberReader.Strategy.LEARNED, reader(new FortyTwo(0.99f), null).strategy());
        assertEquals(LearnedNumberReader.Strategy.CONFIDENT,
                reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.CONFIDENT).strategy());
        assertThrows(IllegalArgumentException.class, () -> LearnedNumberReader.Strategy.of("guess"));
        assertEquals(LearnedNumberReader.Strategy.SEGMENTATION, LearnedNumberReader.Strategy.of(" Segmentation "));
    }

    @Test
    void theLearnedReadingDecodesTheColumnsAndBorrowsSegmentationBoxes() {
        FortyTwo model = new FortyTwo(0.99f);
        try (LearnedNumberReader reader = reader(model, LearnedNumberReader.Strategy.LEARNED)) {
            NumberReading reading = reader.read(ovals(2));
            assertEquals("42", reading.text());
            assertEquals(0.99 * 0.99, reading.confidence(), 1e-4, "the product of the digits' probabilities");
            assertEquals(0.99f / (0.99f + 9 * 0.001f), reading.digits().get(0).prediction().confidence(), 1e-4f,
                    "a digit's probabilities are renormalised over the ten digits");
            assertEquals(30 - 4, reading.digits().get(0).box().x(), 3);
            assertEquals(150 - 4, reading.digits().get(1).box().x(), 3);
            float[] canvas = model.seen.get(0);
            assertEquals(NumberLine.PIXELS, canvas.length);
            for (float v : canvas) {
                assertTrue(v >= 0 && v <= 1, "canvas values in [0, 1]");
            }
        }
        assertEquals(1, model.closed.get(), "closing the reader closes the model once");
    }

    @Test
    void columnBoxesWhenSegmentationFindsAnotherCount() {
        try (LearnedNumberReader reader = reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.LEARNED)) {
            NumberReading reading = reader.read(ovals(3));
            assertEquals("42", reading.text());
            Box four = reading.digits().get(0).box();
            Box two = reading.digits().get(1).box();
            assertTrue(four.right() <= two.x(), "left to right without overlap: " + four + " " + two);
            assertTrue(four.x() >= 26 - 3 && two.right() <= 334 + 3, "within the ink: " + four + " " + two);
            assertEquals(four.height(), two.height(), "both the line's height");
        }
    }

    @Test
    void eachStrategyGivesItsReadingAndDisagreementIsUnsure() {
        try (LearnedNumberReader sure = reader(new FortyTwo(0.999f), LearnedNumberReader.Strategy.CONFIDENT);
             LearnedNumberReader unsure = reader(new FortyTwo(0.9f), LearnedNumberReader.Strategy.CONFIDENT);
             LearnedNumberReader segmentation = reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.SEGMENTATION)) {
            BufferedImage two = ovals(2);
            NumberReading model = sure.read(two);
            assertEquals("42", model.text(), "the model (0.999 x 0.999) is surer than 0.91 x 0.91");
            assertEquals(NumberReading.Verdict.UNSURE, model.verdict(), "the readers disagree");
            assertTrue(model.doubt().contains("segmentation read 33"), model.doubt());
            assertEquals("33", unsure.read(two).text(), "segmentation is surer than the model (0.9 x 0.9)");
            NumberReading segmented = segmentation.read(two);
            assertEquals("33", segmented.text());
            assertEquals(NumberReading.Verdict.NUMBER, segmented.verdict(), "0.91 x 0.91 is confident enough");
        }
    }

    @Test
    void aDigitBothFindAloneIsNamedByTheClassifier() {
        FortyTwo model = new FortyTwo(0.999f);
        model.length = 1;
        try (LearnedNumberReader confident = reader(model, LearnedNumberReader.Strategy.CONFIDENT);
             LearnedNumberReader learned = confident.withStrategy(LearnedNumberReader.Strategy.LEARNED)) {
            assertEquals("3", confident.read(ovals(1)).text(), "the classifier's digit, though the model is surer");
            assertEquals("4", learned.read(ovals(1)).text());
        }
    }

    @Test
    void theCardsCalibrationMapsAgreedAndDisagreedConfidencesApart() {
        ModelCard calibrated = ModelCard.builder().task(Task.READ_NUMBERS).put(ReadingCalibration.AGREED_KEY, "0.5,0.25")
                .put(ReadingCalibration.DISAGREED_KEY, "2,1").build();
        ModelCard plain = ModelCard.builder().task(Task.READ_NUMBERS).build();
        FortyTwo threeThree = new FortyTwo(0.99f);
        threeThree.first = 3;
        threeThree.second = 3;
        try (LearnedNumberReader raw = reader(threeThree, null, plain);
             LearnedNumberReader mapped = reader(threeThree, null, calibrated)) {
            NumberReading before = raw.read(ovals(2));
            NumberReading after = mapped.read(ovals(2));
            assertEquals("33", after.text(), "both readers read 33");
            assertEquals(NumberReading.Verdict.NUMBER, after.verdict());
            assertEquals(logistic(0.5 * logOdds(before.confidence()) + 0.25), after.confidence(), 1e-5);
        }
        try (LearnedNumberReader raw = reader(new FortyTwo(0.999f), null, plain);
             LearnedNumberReader mapped = reader(new FortyTwo(0.999f), null, calibrated)) {
            NumberReading before = raw.read(ovals(2));
            NumberReading after = mapped.read(ovals(2));
            assertEquals("42", after.text(), "the readers disagree; the model is surer");
            assertEquals(NumberReading.Verdict.UNSURE, after.verdict());
            assertEquals(before.doubt(), after.doubt());
            assertEquals(logistic(2 * logOdds(before.confidence()) + 1), after.confidence(), 1e-5);
        }
    }

    @Test
    void fittingTheCalibrationReadsUncalibratedAndNeedsBothKinds() {
        ModelCard calibrated = ModelCard.builder().task(Task.READ_NUMBERS).put(ReadingCalibration.AGREED_KEY, "0.5,0.25")
                .put(ReadingCalibration.DISAGREED_KEY, "2,1").build();
        try (LearnedNumberReader reader = reader(new FortyTwo(0.999f), null, calibrated)) {
            BufferedImage two = ovals(2);
            // The stand-ins always disagree: no agreed reading to fit.
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> reader.fitCalibration(4, i -> java.util.Map.entry(two, i % 2 == 0 ? "42" : "33")));
            assertTrue(e.getMessage().contains("agreed"), e.getMessage());
        }
    }

    @Test
    void whenTheTwoCleaningsReadOtherTextsTheSurerIsGivenUnsure() {
        ReadingCalibration calibration = twoMaps();
        LearnedNumberReader.Outcome local = new LearnedNumberReader.Outcome(
                new NumberReading("4431", List.of(), 0.9f), LearnedNumberReader.Kind.AGREED);
        LearnedNumberReader.Outcome wide = new LearnedNumberReader.Outcome(
                new NumberReading("4437", List.of(), 0.99f), LearnedNumberReader.Kind.AGREED);
        NumberReading given = LearnedNumberReader.given(new LearnedNumberReader.Outcome[]{local, wide}, calibration);
        float wideCalibrated = calibration.agreed(0.99f);
        assertEquals("4437", given.text(), "the surer after calibration");
        assertEquals(NumberReading.Verdict.UNSURE, given.verdict());
        assertTrue(given.doubt().contains("estimated locally the picture reads 4431"), given.doubt());
        assertEquals(calibration.cleaningsDiffer(wideCalibrated), given.confidence(), 1e-6f);
        assertTrue(given.confidence() < wideCalibrated);

        LearnedNumberReader.Outcome alike = new LearnedNumberReader.Outcome(
                new NumberReading("4437", List.of(), 0.9f), LearnedNumberReader.Kind.AGREED);
        NumberReading agreed = LearnedNumberReader.given(new LearnedNumberReader.Outcome[]{alike, wide}, calibration);
        assertEquals(NumberReading.Verdict.NUMBER, agreed.verdict(), agreed.doubt());
        assertEquals(wideCalibrated, agreed.confidence(), 1e-6f);
        LearnedNumberReader.Outcome longer = new LearnedNumberReader.Outcome(
                new NumberReading("443170", List.of(digit(), digit(), digit(), digit(), digit(), digit()), 0.9f),
                LearnedNumberReader.Kind.AGREED);
        LearnedNumberReader.Outcome shorter = new LearnedNumberReader.Outcome(
                new NumberReading("4437", List.of(digit(), digit(), digit(), digit()), 0.95f),
                LearnedNumberReader.Kind.AGREED);
        assertEquals("443170", LearnedNumberReader.given(new LearnedNumberReader.Outcome[]{longer, shorter},
                calibration).text(), "two more digits outweigh a little less confidence and the wide cleaning's bonus");
        NumberReading alone = LearnedNumberReader.given(new LearnedNumberReader.Outcome[]{local, null}, calibration);
        assertEquals("4431", alone.text(), "the wide cleaning found nothing");
        assertEquals(calibration.agreed(0.9f), alone.confidence(), 1e-6f);
    }

    @Test
    void aCleaningThatReadsTheGrainOfThePaperAsManyDigitsDoesNotOutweighTheOtherByItsCount() {
        ReadingCalibration calibration = twoMaps();
        LearnedNumberReader.Outcome one = new LearnedNumberReader.Outcome(
                new NumberReading("1", List.of(digit()), 0.9f), LearnedNumberReader.Kind.AGREED);
        List<NumberReading.ReadDigit> twenty = java.util.Collections.nCopies(20, digit());
        LearnedNumberReader.Outcome grain = new LearnedNumberReader.Outcome(
                new NumberReading("55535713775216512543", twenty, 0.05f), LearnedNumberReader.Kind.OTHER);
        NumberReading given = LearnedNumberReader.given(new LearnedNumberReader.Outcome[]{one, grain}, calibration);
        assertEquals("1", given.text(), "twenty digits at 5% must not win by their count");
        assertEquals(NumberReading.Verdict.UNSURE, given.verdict());
    }

    /**
     * In a shadow or in faint ink the wide cleaning loses digits, and its shorter reading is often the surer one
     * ("43248" read "4348"). When the local cleaning read all its digits and more, the local reading is given;
     * unless what it adds is only 1s (the rim of a blot, a sliver of a shadow's edge) or a digit cut in two.
     */
    @Test
    void aWideReadingThatLostDigitsTheLocalOneReadGivesWay() {
        ReadingCalibration calibration = twoMaps();
        LearnedNumberReader.Outcome local = new LearnedNumberReader.Outcome(
                new NumberReading("43248", java.util.Collections.nCopies(5, digit()), 0.6f), LearnedNumberReader.Kind.AGREED);
        LearnedNumberReader.Outcome wide = new LearnedNumberReader.Outcome(
                new NumberReading("4348", java.util.Collections.nCopies(4, digit()), 0.999f), LearnedNumberReader.Kind.AGREED);
        NumberReading given = LearnedNumberReader.given(new LearnedNumberReader.Outcome[]{local, wide}, calibration);
        assertEquals("43248", given.text());
        assertEquals(NumberReading.Verdict.UNSURE, given.verdict(), "the cleanings read differently");
        assertTrue(given.doubt().contains("4348"), given.doubt());

        assertTrue(LearnedNumberReader.wideLostDigits("512", "51272"));
        assertTrue(LearnedNumberReader.wideLostDigits("", "7"));
        assertFalse(LearnedNumberReader.wideLostDigits("47", "471"), "a 1 beside the number is a rim's");
        assertFalse(LearnedNumberReader.wideLostDigits("6480", "64480"), "a 4 cut in two");
        assertFalse(LearnedNumberReader.wideLostDigits("4348", "43258"), "not the wide digits in order");
        assertFalse(LearnedNumberReader.wideLostDigits("758", "758"));
    }

    /** A calibration with the agreed and the cleanings' maps, the others the identity. */
    private static ReadingCalibration twoMaps() {
        return ReadingCalibration.of(ModelCard.builder().task(Task.READ_NUMBERS)
                .put(ReadingCalibration.AGREED_KEY, "0.5,0.25").put(ReadingCalibration.CLEANINGS_KEY, "0.3,-0.7")
                .build());
    }

    private static NumberReading.ReadDigit digit() {
        return new NumberReading.ReadDigit(dev.digits.Prediction.of(new float[]{1, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                new Box(0, 0, 1, 1));
    }

    @Test
    void aClosedReaderRefusesToRead() {
        LearnedNumberReader reader = reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.LEARNED);
        reader.close();
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.read(ovals(1)));
    }
}
