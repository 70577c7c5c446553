package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.data.DigitDataset;
import dev.digits.data.LabelledPictures;
import dev.digits.data.Mnist;
import dev.digits.data.SyntheticNumbers;
import dev.digits.preprocess.Pictures;
import dev.digits.read.NumberReaders;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The segmenting number reader on the bundled classifier: real pictures, drawings and synthetic numbers. */
class NumberReadingTest {
    private static DigitClassifier classifier;
    private static NumberReader reader;

    @BeforeAll
    static void open() {
        classifier = Digits.classifier();
        // A second classifier for the reader, which owns and closes its own.
        reader = NumberReaders.segmenting(Digits.classifier());
    }

    @AfterAll
    static void close() {
        reader.close();
        classifier.close();
    }

    @Test
    void aRealPictureOfOneDigitReadsAsTheClassifierNamesIt() throws Exception {
        Path manifest = Paths.get(NumberReadingTest.class.getResource("/realdigits/manifest.csv").toURI());
        List<LabelledPictures.Entry> entries = LabelledPictures.read(manifest);
        assertEquals(5, entries.size());
        for (LabelledPictures.Entry entry : entries) {
            BufferedImage picture = Pictures.read(entry.file());
            NumberReading reading = reader.read(picture);
            String name = entry.file().getFileName().toString();
            assertEquals(String.valueOf(classifier.classify(picture).digit()), reading.text(), name);
            assertEquals(entry.label(), reading.text(), name);
            assertEquals(1, reading.digits().size(), name);
        }
    }

    @Test
    void aDrawnDigitReadsAsTheClassifierNamesIt() {
        for (int digit : new int[]{1, 4, 7}) {
            BufferedImage picture = paper(300, 300);
            Graphics2D g = pen(picture, 14);
            drawDigit(g, digit, 100, 60, 180);
            g.dispose();
            NumberReading reading = reader.read(picture);
            assertEquals(String.valueOf(classifier.classify(picture).digit()), reading.text());
            assertEquals(String.valueOf(digit), reading.text());
        }
    }

    @Test
    void aDrawnNumberWithADashAndADotReadsItsDigitsOnly() {
        BufferedImage picture = paper(900, 260);
        Graphics2D g = pen(picture, 12);
        drawDigit(g, 1, 60, 50, 160);
        drawDigit(g, 7, 170, 50, 160);
        g.drawLine(330, 135, 390, 135); // the dash
        drawDigit(g, 4, 430, 50, 160);
        g.fillOval(580, 196, 16, 16); // the dot, on the baseline
        drawDigit(g, 1, 640, 50, 160);
        drawDigit(g, 7, 730, 50, 160);
        g.dispose();
        NumberReading reading = reader.read(picture);
        assertEquals("17417", reading.text());
        assertEquals(2, reading.separators().size(), reading.separators().toString());
        assertTrue(reading.separators().get(0).x() > 300 && reading.separators().get(0).right() < 420, "the dash");
        assertTrue(reading.separators().get(1).x() > 560 && reading.separators().get(1).right() < 620, "the dot");
    }

    @Test
    void syntheticSeparatedNumbersAreMostlyReadExactly() {
        SyntheticNumbers set = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED, SyntheticNumbers.DEFAULT_SEED);
        List<String> wrong = new ArrayList<>();
        int count = 120;
        for (int i = 0; i < count; i++) {
            SyntheticNumbers.Sample sample = set.sample(i);
            String read;
            try {
                read = reader.read(sample.picture()).text();
            } catch (dev.digits.NoDigitFoundException e) {
                read = "nothing (" + e.getMessage() + ")"; // a wrong answer, counted as one
            }
            if (!read.equals(sample.text())) {
                wrong.add(sample.text() + " read " + read);
            }
        }
        // The full set measures about 97%; 120 numbers leave room for chance, not for a broken reader.
        assertTrue(wrong.size() <= 8, wrong.size() + " of " + count + " misread: " + wrong);
    }

    @Test
    void aTenDigitNumberOfMnistDigitsReadsLeftToRightWithItsBoxes() {
        DigitDataset test = Mnist.fromDataFolder().test();
        // The first test digits of each label, 0 to 9, written one after another.
        BufferedImage picture = paper(10 * 60 + 40, 100);
        Graphics2D g = picture.createGraphics();
        for (int d = 0; d < 10; d++) {
            int index = 0;
            while (test.label(index) != d) {
                index++;
            }
            BufferedImage digit = invert(test.image(index).toBufferedImage());
            g.drawImage(digit, 20 + d * 60, 15, 64, 64, null);
        }
        g.dispose();
        NumberReading reading = reader.read(picture);
        assertEquals("0123456789", reading.text());
        for (int d = 0; d < 10; d++) {
            int centre = reading.digits().get(d).box().x() + reading.digits().get(d).box().width() / 2;
            assertEquals(20 + d * 60 + 32, centre, 16, "digit " + d + " at " + reading.digits().get(d).box());
        }
    }

    private static BufferedImage invert(BufferedImage mnist) {
        BufferedImage out = new BufferedImage(mnist.getWidth(), mnist.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < mnist.getHeight(); y++) {
            for (int x = 0; x < mnist.getWidth(); x++) {
                int v = 255 - (mnist.getRGB(x, y) & 0xff);
                out.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    static BufferedImage paper(int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return picture;
    }

    private static Graphics2D pen(BufferedImage picture, float width) {
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return g;
    }

    /** A 1, 4 or 7 as people write them, {@code size} high, its box's top-left corner at (x, y). */
    private static void drawDigit(Graphics2D g, int digit, int x, int y, int size) {
        int w = size / 2;
        switch (digit) {
            case 1 -> g.drawLine(x + w / 2, y, x + w / 2 - 6, y + size);
            case 4 -> {
                g.drawLine(x + w / 2, y, x, y + size * 6 / 10);
                g.drawLine(x, y + size * 6 / 10, x + w, y + size * 6 / 10);
                g.drawLine(x + w * 3 / 4, y + size / 5, x + w * 3 / 4, y + size);
            }
            case 7 -> {
                g.drawLine(x, y, x + w, y);
                g.drawLine(x + w, y, x + w / 4, y + size);
            }
            default -> throw new IllegalArgumentException("no drawing of " + digit);
        }
    }

    @Test
    void theBundledReaderAndACopyWithAnotherStrategyShareTheModelAndCloseSafely() {
        NumberReader bundled = Digits.numberReader();
        org.junit.jupiter.api.Assertions.assertInstanceOf(dev.digits.read.LearnedNumberReader.class, bundled);
        dev.digits.read.LearnedNumberReader learned = ((dev.digits.read.LearnedNumberReader) bundled)
                .withStrategy(dev.digits.read.LearnedNumberReader.Strategy.LEARNED);
        java.awt.image.BufferedImage picture = dev.digits.data.SyntheticNumbers.mnistTest(
                dev.digits.data.SyntheticNumbers.Variant.SEPARATED, 3).sample(2).picture();
        assertEquals(3, learned.read(picture).text().length(), "sample 2 has three digits");
        learned.close();
        bundled.close();
        bundled.close();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> bundled.read(picture));
    }

    /** A tangle of zigzag strokes as big as a digit: what a user scribbles, not a digit. */
    private static void scribble(Graphics2D g, int x, int y, int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int px = x + random.nextInt(size);
        int py = y + random.nextInt(size);
        for (int k = 0; k < 14; k++) {
            int nx = x + random.nextInt(size);
            int ny = y + random.nextInt(size);
            g.drawLine(px, py, nx, ny);
            px = nx;
            py = ny;
        }
    }

    /**
     * Issue 22, item 4: a scribble that predict calls "not a digit" was read by read as 8 at 83%. Now a picture
     * whose every piece the classifier calls not a digit has no number, and a number with such a piece among its
     * digits is read with the verdict unsure, saying why.
     */
    @Test
    void aScribbleIsNoNumberAndAmongDigitsItMakesTheReadingUnsure() {
        BufferedImage alone = null;
        for (long s = 1; s <= 40 && alone == null; s++) {
            BufferedImage candidate = paper(300, 300);
            Graphics2D g = pen(candidate, 9);
            scribble(g, 60, 60, 180, s);
            g.dispose();
            if (classifier.classify(candidate).verdict() == dev.digits.Verdict.NOT_A_DIGIT) {
                alone = candidate;
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(alone, "a scribble the classifier calls not a digit");
        BufferedImage scribbleAlone = alone;
        dev.digits.NoDigitFoundException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.digits.NoDigitFoundException.class, () -> reader.read(scribbleAlone));
        assertTrue(e.getMessage().contains("not a digit"), e.getMessage());

        // Among digits, the piece is cut and scaled with the line, so the classifier may judge it otherwise: the
        // scribble whose piece it calls not a digit there is the case.
        NumberReading doubted = null;
        for (long s = 1; s <= 40 && doubted == null; s++) {
            BufferedImage number = paper(900, 300);
            Graphics2D g = pen(number, 9);
            drawDigit(g, 7, 60, 60, 180);
            drawDigit(g, 4, 260, 60, 180);
            scribble(g, 480, 60, 180, s);
            drawDigit(g, 1, 740, 60, 180);
            g.dispose();
            NumberReading reading = reader.read(number);
            if (reading.digits().stream().anyMatch(d -> d.prediction().verdict() == dev.digits.Verdict.NOT_A_DIGIT)) {
                doubted = reading;
            } else {
                assertTrue(reading.text().length() >= 3, reading.text());
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(doubted, "a scribble among digits that the classifier calls not a digit");
        assertEquals(dev.digits.NumberReading.Verdict.UNSURE, doubted.verdict(), doubted.text());
        assertTrue(doubted.doubt().contains("like no digit"), doubted.doubt());
    }

    @Test
    void aCleanNumberIsReadWithTheVerdictNumber() {
        BufferedImage number = paper(700, 300);
        Graphics2D g = pen(number, 9);
        drawDigit(g, 7, 60, 60, 180);
        drawDigit(g, 4, 260, 60, 180);
        drawDigit(g, 1, 460, 60, 180);
        g.dispose();
        NumberReading reading = reader.read(number);
        assertEquals("741", reading.text());
        assertEquals(dev.digits.NumberReading.Verdict.NUMBER, reading.verdict(), reading.doubt());
        assertEquals(1, reading.candidateLines());
    }

    /**
     * Issue 22: segmentation reads about 29% of touching numbers whole; the bundled CTC reader alone read 65% of
     * 600 touching validation numbers. On 100 touching test numbers it must read at least half.
     */
    @Test
    void theBundledCtcReaderReadsTouchingNumbersThatSegmentationCannot() {
        SyntheticNumbers set = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.TOUCHING, SyntheticNumbers.DEFAULT_SEED);
        int right = 0;
        int count = 100;
        try (NumberReader bundled = Digits.numberReader();
             dev.digits.read.LearnedNumberReader learned = ((dev.digits.read.LearnedNumberReader) bundled)
                     .withStrategy(dev.digits.read.LearnedNumberReader.Strategy.LEARNED)) {
            for (int i = 0; i < count; i++) {
                SyntheticNumbers.Sample sample = set.sample(i);
                try {
                    right += learned.read(sample.picture()).text().equals(sample.text()) ? 1 : 0;
                } catch (dev.digits.NoDigitFoundException e) {
                    // a wrong answer
                }
            }
        }
        assertTrue(right >= 50, right + " of " + count + " touching numbers read whole");
    }
}
