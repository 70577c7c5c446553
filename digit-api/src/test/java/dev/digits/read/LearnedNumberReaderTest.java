package dev.digits.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The learned reader's own work, with stand-ins: a sequence model that always says "two digits, 4 then 2" with
 * a chosen certainty, and a classifier that names every digit 3 (probability 0.91). What it feeds the model,
 * how it decodes the heads, which reading each strategy gives, and when it leaves the model out.
 */
class LearnedNumberReaderTest {
    /** Says "42" with {@code certainty} for the length and each digit; records what it was given. */
    private static final class FortyTwo implements NumberSequenceModel {
        final float certainty;
        int length = 2;
        final List<float[]> seen = new ArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        FortyTwo(float certainty) {
            this.certainty = certainty;
        }

        @Override
        public List<Scores> run(float[] canvases, int count) {
            seen.add(canvases.clone());
            float[] lengths = spread(MAX_DIGITS, length - 1);
            float[][] digits = new float[MAX_DIGITS][];
            for (int k = 0; k < MAX_DIGITS; k++) {
                digits[k] = spread(10, k == 0 ? 4 : 2);
            }
            return List.of(new Scores(lengths, digits));
        }

        private float[] spread(int size, int chosen) {
            float[] p = new float[size];
            java.util.Arrays.fill(p, (1 - certainty) / (size - 1));
            p[chosen] = certainty;
            return p;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static LearnedNumberReader reader(FortyTwo model, LearnedNumberReader.Strategy strategy) {
        ModelCard classifierCard = ModelCard.builder().task(Task.CLASSIFY).build();
        ModelCard card = ModelCard.builder().task(Task.READ_NUMBERS).put(LearnedNumberReader.STRATEGY_KEY, "learned").build();
        return new LearnedNumberReader(model, new ConstantClassifier(classifierCard, "stand-in", 3), card, "stand-in", strategy);
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
    void theLearnedReadingDecodesTheHeadsAndBorrowsSegmentationBoxes() {
        FortyTwo model = new FortyTwo(0.99f);
        try (LearnedNumberReader reader = reader(model, LearnedNumberReader.Strategy.LEARNED)) {
            NumberReading reading = reader.read(ovals(2));
            assertEquals("42", reading.text());
            assertEquals(0.99f * 0.99f * 0.99f, reading.confidence(), 1e-5f, "length times each digit");
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
    void evenBoxesWhenSegmentationFindsAnotherCount() {
        try (LearnedNumberReader reader = reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.LEARNED)) {
            NumberReading reading = reader.read(ovals(3));
            assertEquals("42", reading.text());
            int left = reading.digits().get(0).box().x();
            int right = reading.digits().get(1).box().right();
            assertEquals(30 - 4, left, 3);
            assertEquals(330 + 4, right, 3);
            assertEquals(reading.digits().get(0).box().width(), reading.digits().get(1).box().width(), 1);
        }
    }

    @Test
    void eachStrategyGivesItsReading() {
        try (LearnedNumberReader sure = reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.CONFIDENT);
             LearnedNumberReader unsure = reader(new FortyTwo(0.5f), LearnedNumberReader.Strategy.CONFIDENT);
             LearnedNumberReader segmentation = reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.SEGMENTATION)) {
            BufferedImage two = ovals(2);
            assertEquals("42", sure.read(two).text(), "the model is surer than 0.91 x 0.91");
            assertEquals("33", unsure.read(two).text(), "segmentation is surer than the model");
            assertEquals("33", segmentation.read(two).text());
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
    void numbersLongerThanTheModelReadsAreSegmented() {
        FortyTwo model = new FortyTwo(0.999f);
        try (LearnedNumberReader reader = reader(model, LearnedNumberReader.Strategy.LEARNED)) {
            assertEquals("3333333", reader.read(ovals(7)).text());
            assertTrue(model.seen.isEmpty(), "the model was not asked");
        }
    }

    @Test
    void aClosedReaderRefusesToRead() {
        LearnedNumberReader reader = reader(new FortyTwo(0.99f), LearnedNumberReader.Strategy.LEARNED);
        reader.close();
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.read(ovals(1)));
    }
}
