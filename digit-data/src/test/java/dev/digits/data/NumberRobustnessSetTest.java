package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Box;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number robustness set: each condition on a picture whose digits are known does what it says (measured against
 * the same page without it where that is sharper), the text stays the number's, and pages repeat for a seed.
 */
class NumberRobustnessSetTest {
    private static final Logger LOG = LoggerFactory.getLogger(NumberRobustnessSetTest.class);
    /** Numbers of 1 to 6 digits: indices 2..5 have 3 to 6 digits. */
    private static final int[] INDICES = {0, 2, 3, 5, 7, 11};
    private static SyntheticNumbers numbers;
    private static NumberRobustnessSet set;

    @BeforeAll
    static void load() {
        numbers = new SyntheticNumbers(Mnist.fromDataFolder().test(), SyntheticNumbers.Variant.SEPARATED, 3);
        set = new NumberRobustnessSet(numbers, 11);
    }

    /** Number {@code index} under the condition and on the same page without it (no JPEG round trip in either). */
    private static NumberRobustnessSet.Sample[] withAndWithout(NumberCondition condition, int index) {
        SyntheticNumbers.Sample number = numbers.sample(index);
        long pageSeed = 7919L * index + condition.ordinal();
        return new NumberRobustnessSet.Sample[]{
            NumberRobustnessSet.render(number, condition, List.of(condition), pageSeed, false),
            NumberRobustnessSet.render(number, condition, List.of(), pageSeed, false)};
    }

    @Test
    void everyConditionKeepsTheNumbersTextOnAPageTwiceItsSizeOrMore() throws Exception {
        Path folder = Path.of("target", "number-robustness");
        Files.createDirectories(folder);
        for (NumberCondition condition : NumberCondition.values()) {
            for (int index : INDICES) {
                NumberRobustnessSet.Sample sample = set.sample(condition, index);
                BufferedImage picture = sample.picture();
                assertEquals(numbers.sample(index).text(), sample.text(), condition + " " + index);
                assertEquals(condition, sample.condition());
                assertTrue(picture.getWidth() >= 320 && picture.getWidth() <= NumberRobustnessSet.MAX_WIDTH, "width " + picture.getWidth());
                assertTrue(picture.getHeight() >= 200 && picture.getHeight() <= NumberRobustnessSet.MAX_HEIGHT, "height " + picture.getHeight());
                Box box = sample.numberBox();
                assertTrue(box.x() >= 0 && box.y() >= 0 && box.right() <= picture.getWidth() && box.bottom() <= picture.getHeight());
                assertTrue(picture.getWidth() >= box.width() + 2 * sample.digitHeight(), "room beside the number");
                assertTrue(picture.getHeight() >= box.height() + 2 * sample.digitHeight(), "room above and below");
                if (index == INDICES[3]) {
                    ImageIO.write(picture, "png", folder.resolve(condition.label() + "-" + sample.text() + ".png").toFile());
                }
            }
        }
    }

    @Test
    void shadowDarkensPartOfTheLineByAThirdOrMore() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.SHADOW, index);
            double[] ratio = ratio(pair[0].picture(), pair[1].picture());
            Box box = pair[0].numberBox();
            int dark = 0;
            int lit = 0;
            for (int y = box.y(); y < box.bottom(); y++) {
                for (int x = box.x(); x < box.right(); x++) {
                    double r = ratio[y * pair[0].picture().getWidth() + x];
                    dark += r < 0.7 ? 1 : 0;
                    lit += r > 0.93 ? 1 : 0;
                }
            }
            int area = box.width() * box.height();
            assertTrue(dark > area / 10 && lit > area / 10, "shadow over part of the line " + index + ": " + dark + " dark, "
                    + lit + " lit of " + area);
        }
    }

    @Test
    void gradientFallsOffByFortyPercentOrMoreAcrossTheFrame() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.GRADIENT, index);
            BufferedImage picture = pair[0].picture();
            double[] ratio = ratio(picture, pair[1].picture());
            int w = picture.getWidth();
            int h = picture.getHeight();
            double[] strips = {
                mean(ratio, w, 0, 0, w, h / 10), mean(ratio, w, 0, h - h / 10, w, h),
                mean(ratio, w, 0, 0, w / 10, h), mean(ratio, w, w - w / 10, 0, w, h)};
            double darkest = Arrays.stream(strips).min().orElseThrow();
            double brightest = Arrays.stream(strips).max().orElseThrow();
            assertTrue(darkest < 0.7 * brightest, "gradient " + index + ": " + Arrays.toString(strips));
        }
    }

    @Test
    void vignetteDarkensTheCorners() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.VIGNETTE, index);
            BufferedImage picture = pair[0].picture();
            double[] ratio = ratio(picture, pair[1].picture());
            int w = picture.getWidth();
            int h = picture.getHeight();
            int cw = w / 20;
            int ch = h / 20;
            double centre = mean(ratio, w, w / 2 - cw, h / 2 - ch, w / 2 + cw, h / 2 + ch);
            for (double corner : new double[]{mean(ratio, w, 0, 0, cw, ch), mean(ratio, w, w - cw, 0, w, ch),
                mean(ratio, w, 0, h - ch, cw, h), mean(ratio, w, w - cw, h - ch, w, h)}) {
                assertTrue(corner < 0.62 * centre, "vignette " + index + ": corner " + corner + ", centre " + centre);
            }
        }
    }

    @Test
    void faintInkHasLittleContrast() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.FAINT_INK, index);
            double faint = darkestInk(pair[0]);
            double plain = darkestInk(pair[1]);
            assertTrue(faint > 0.55 && faint < 0.92, "faint ink " + index + " at " + faint + " of the paper");
            assertTrue(plain < 0.35, "ordinary ink " + index + " at " + plain + " of the paper");
        }
    }

    @Test
    void ballpointIsBlueOnSquaredPaper() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.BALLPOINT_SQUARED, index);
            BufferedImage picture = pair[0].picture();
            Box box = pair[0].numberBox();
            int[] ink = darkestPixel(picture, box);
            assertTrue(ink[2] > ink[0] + 60 && ink[2] > ink[1] + 40, "blue ink " + index + ": " + Arrays.toString(ink));
            // Squared paper is a light paper of its own: lines show against its middle tone.
            double[] ratio = ratio(picture, pair[1].picture());
            double paper = median(ratio);
            for (int i = 0; i < ratio.length; i++) {
                ratio[i] /= paper;
            }
            int w = picture.getWidth();
            int h = picture.getHeight();
            int columns = 0;
            for (int x = 0; x < w; x++) {
                columns += mean(ratio, w, x, 0, x + 1, h) < 0.95 ? 1 : 0;
            }
            int rows = 0;
            for (int y = 0; y < h; y++) {
                rows += mean(ratio, w, 0, y, w, y + 1) < 0.95 ? 1 : 0;
            }
            // A grid line every half to one digit height: at least one per digit height in each direction.
            assertTrue(columns >= w / pair[0].digitHeight() / 2 && rows >= h / pair[0].digitHeight() / 2,
                    "grid " + index + ": " + columns + " columns, " + rows + " rows");
        }
    }

    @Test
    void ruledLinesRunThroughTheDigits() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.RULED_LINES, index);
            BufferedImage picture = pair[0].picture();
            double[] ratio = ratio(picture, pair[1].picture());
            Box box = pair[0].numberBox();
            int w = picture.getWidth();
            int through = 0;
            for (int y = box.y(); y < box.bottom(); y++) {
                boolean leftOfIt = mean(ratio, w, 0, y, box.x(), y + 1) < 0.93;
                boolean rightOfIt = mean(ratio, w, box.right(), y, w, y + 1) < 0.93;
                through += leftOfIt && rightOfIt ? 1 : 0;
            }
            assertTrue(through >= 1, "a ruled line through the rows of the digits " + index);
            int columns = 0;
            for (int x = 0; x < w; x++) {
                columns += mean(ratio, w, x, 0, x + 1, picture.getHeight()) < 0.95 ? 1 : 0;
            }
            assertEquals(0, columns, "ruled, not squared");
        }
    }

    @Test
    void pageEdgeShowsADarkDeskAndAMarginRuleBesideTheNumber() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample sample = set.sample(NumberCondition.PAGE_EDGE_MARGIN, index);
            BufferedImage picture = sample.picture();
            double[] lum = luminance(picture);
            int w = picture.getWidth();
            int h = picture.getHeight();
            double paper = median(lum);
            double darkestEdge = Math.min(Math.min(mean(lum, w, 0, 0, w, 3), mean(lum, w, 0, h - 3, w, h)),
                    Math.min(mean(lum, w, 0, 0, 3, h), mean(lum, w, w - 3, 0, w, h)));
            assertTrue(darkestEdge < 0.5 * paper, "a desk along a side " + index + ": " + darkestEdge + " against " + paper);
            Box box = sample.numberBox();
            int rule = -1;
            for (int x = 0; x < w && rule < 0; x++) {
                int red = 0;
                for (int y = box.y(); y < box.bottom(); y++) {
                    int rgb = picture.getRGB(x, y);
                    red += (rgb >> 16 & 0xff) - (rgb >> 8 & 0xff) > 30 ? 1 : 0;
                }
                rule = red >= 0.8 * box.height() ? x : -1;
            }
            assertTrue(rule >= 0, "a red or pink margin rule " + index);
            assertTrue(rule < box.x() - 1 || rule > box.right(), "the rule at " + rule + " clear of the number " + box);
        }
    }

    @Test
    void clutterLiesAwayFromTheLine() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.CLUTTER, index);
            BufferedImage picture = pair[0].picture();
            double[] ratio = ratio(picture, pair[1].picture());
            Box box = pair[0].numberBox();
            int margin = pair[0].digitHeight() / 4;
            int w = picture.getWidth();
            int darkened = 0;
            for (int y = 0; y < picture.getHeight(); y++) {
                for (int x = 0; x < w; x++) {
                    boolean near = x >= box.x() - margin && x < box.right() + margin && y >= box.y() - margin
                            && y < box.bottom() + margin;
                    if (ratio[y * w + x] < 0.5) {
                        assertFalse(near, "clutter at " + x + "," + y + " next to the number " + box + " (" + index + ")");
                        darkened++;
                    }
                }
            }
            assertTrue(darkened >= 100, "clutter " + index + ": " + darkened + " pixels");
        }
    }

    @Test
    void slantLeansTheDigits() {
        for (int index : INDICES) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.SLANT, index);
            double lean = lean(pair[0]) - lean(pair[1]);
            // At least 5 degrees between halves whose middles are about a quarter of the height apart.
            double least = 0.4 * Math.tan(Math.toRadians(5)) * pair[1].numberBox().height() / 2;
            // Not the ink box: a shear leaves it alone when the outermost ink lies on the middle rows.
            assertTrue(Math.abs(lean) >= least, "slant " + index + ": " + lean + " against at least " + least);
        }
    }

    @Test
    void rotationTurnsTheLine() {
        for (int index : new int[]{2, 3, 5, 11}) {
            NumberRobustnessSet.Sample[] pair = withAndWithout(NumberCondition.ROTATION, index);
            double tilt = tilt(pair[0]) - tilt(pair[1]);
            double least = 0.4 * Math.sin(Math.toRadians(3)) * pair[1].numberBox().width() / 2;
            assertTrue(Math.abs(tilt) >= least, "rotation " + index + ": " + tilt + " against at least " + least);
            assertTrue(!pair[0].numberBox().equals(pair[1].numberBox()), "ink box unchanged " + index);
        }
    }

    @Test
    void jpegLeavesBlocks() {
        for (int index : INDICES) {
            SyntheticNumbers.Sample number = numbers.sample(index);
            long pageSeed = 31L * index;
            List<NumberCondition> jpeg = List.of(NumberCondition.JPEG);
            BufferedImage compressed = NumberRobustnessSet.render(number, NumberCondition.JPEG, jpeg, pageSeed, true).picture();
            BufferedImage clean = NumberRobustnessSet.render(number, NumberCondition.JPEG, jpeg, pageSeed, false).picture();
            double[] a = luminance(compressed);
            double[] b = luminance(clean);
            double difference = 0;
            for (int i = 0; i < a.length; i++) {
                difference += Math.abs(a[i] - b[i]);
            }
            assertTrue(difference / a.length > 0.004, "JPEG changed the pixels " + index + ": " + difference / a.length);
            assertTrue(blockiness(a, compressed.getWidth()) > 1.15 * blockiness(b, clean.getWidth()),
                    "8x8 blocks " + index + ": " + blockiness(a, compressed.getWidth()) + " against " + blockiness(b, clean.getWidth()));
        }
    }

    @Test
    void mixedAppliesTwoOrThreeThatCanMeet() {
        EnumSet<NumberCondition> light = EnumSet.of(NumberCondition.SHADOW, NumberCondition.GRADIENT, NumberCondition.VIGNETTE);
        EnumSet<NumberCondition> seen = EnumSet.noneOf(NumberCondition.class);
        for (int index = 0; index < 60; index++) {
            NumberRobustnessSet.Sample sample = set.sample(NumberCondition.MIXED, index);
            List<NumberCondition> applied = sample.applied();
            assertTrue(applied.size() == 2 || applied.size() == 3, applied.toString());
            assertFalse(applied.contains(NumberCondition.MIXED));
            assertTrue(applied.stream().filter(light::contains).count() <= 1, applied.toString());
            assertEquals(numbers.sample(index).text(), sample.text());
            seen.addAll(applied);
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(NumberCondition.MIXED)), seen, "every condition takes part");
        assertEquals(List.of(NumberCondition.SLANT), set.sample(NumberCondition.SLANT, 4).applied());
    }

    @Test
    void aSeedGivesTheSamePagesAndAnotherSeedOthers() {
        NumberRobustnessSet again = new NumberRobustnessSet(
                new SyntheticNumbers(Mnist.fromDataFolder().test(), SyntheticNumbers.Variant.SEPARATED, 3), 11);
        NumberRobustnessSet other = new NumberRobustnessSet(numbers, 12);
        for (NumberCondition condition : NumberCondition.values()) {
            BufferedImage first = set.sample(condition, 5).picture();
            assertArrayEquals(pixels(first), pixels(again.sample(condition, 5).picture()), condition.label());
            BufferedImage otherSeed = other.sample(condition, 5).picture();
            assertEquals(set.sample(condition, 5).text(), other.sample(condition, 5).text(), "the same numbers");
            assertFalse(Arrays.equals(pixels(first), pixels(otherSeed)), condition.label() + " on another page");
        }
        assertFalse(Arrays.equals(pixels(set.sample(NumberCondition.SHADOW, 5).picture()),
                pixels(set.sample(NumberCondition.SHADOW, 6).picture())));
    }

    @Test
    void labelsNameTheConditions() {
        for (NumberCondition condition : NumberCondition.values()) {
            assertEquals(condition, NumberCondition.of(condition.label()));
            assertTrue(condition.label().matches("[a-z]+(-[a-z]+)*"), condition.label());
        }
        assertEquals(NumberCondition.FAINT_INK, NumberCondition.of("FAINT_INK"));
        assertThrows(IllegalArgumentException.class, () -> NumberCondition.of("fog"));
        assertThrows(IllegalArgumentException.class, () -> set.sample(NumberCondition.JPEG, -1));
    }

    @Test
    void picturesAreQuickToMake() {
        set.sample(NumberCondition.MIXED, 0);
        long start = System.nanoTime();
        int count = 0;
        for (NumberCondition condition : NumberCondition.values()) {
            for (int index = 0; index < 12; index++) {
                set.sample(condition, index);
                count++;
            }
        }
        double millis = (System.nanoTime() - start) / 1e6 / count;
        LOG.info("{} ms per picture", String.format(java.util.Locale.ROOT, "%.1f", millis));
        // About 10 ms on one busy core; the bound leaves room for a loaded build machine.
        assertTrue(millis < 100, millis + " ms per picture");
    }

    private static int[] pixels(BufferedImage picture) {
        return picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
    }

    private static double[] luminance(BufferedImage picture) {
        int[] rgb = pixels(picture);
        double[] lum = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            lum[i] = (0.299 * (rgb[i] >> 16 & 0xff) + 0.587 * (rgb[i] >> 8 & 0xff) + 0.114 * (rgb[i] & 0xff)) / 255;
        }
        return lum;
    }

    /** Each pixel's brightness with the condition over that without it. */
    private static double[] ratio(BufferedImage with, BufferedImage without) {
        assertEquals(with.getWidth(), without.getWidth());
        assertEquals(with.getHeight(), without.getHeight());
        double[] a = luminance(with);
        double[] b = luminance(without);
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] / Math.max(0.02, b[i]);
        }
        return a;
    }

    private static double mean(double[] values, int width, int x0, int y0, int x1, int y1) {
        double sum = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += values[y * width + x];
                n++;
            }
        }
        return n == 0 ? 1 : sum / n;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The darkest ink in the number's box (its 1% darkest pixels) as a share of the page's paper. */
    private static double darkestInk(NumberRobustnessSet.Sample sample) {
        double[] lum = luminance(sample.picture());
        int w = sample.picture().getWidth();
        Box box = sample.numberBox();
        double[] inBox = new double[box.width() * box.height()];
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < box.width(); x++) {
                inBox[y * box.width() + x] = lum[(box.y() + y) * w + box.x() + x];
            }
        }
        Arrays.sort(inBox);
        return inBox[inBox.length / 100] / median(lum);
    }

    /** The red, green and blue of the darkest pixel in a box. */
    private static int[] darkestPixel(BufferedImage picture, Box box) {
        int best = 0xffffff;
        int bestSum = Integer.MAX_VALUE;
        for (int y = box.y(); y < box.bottom(); y++) {
            for (int x = box.x(); x < box.right(); x++) {
                int rgb = picture.getRGB(x, y);
                int sum = (rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff);
                if (sum < bestSum) {
                    bestSum = sum;
                    best = rgb;
                }
            }
        }
        return new int[]{best >> 16 & 0xff, best >> 8 & 0xff, best & 0xff};
    }

    /** The ink's mean x in the upper half of the number's box less that in the lower half. */
    private static double lean(NumberRobustnessSet.Sample sample) {
        Box box = sample.numberBox();
        int middle = box.y() + box.height() / 2;
        return inkCentre(sample, box.x(), box.y(), box.right(), middle, true)
                - inkCentre(sample, box.x(), middle, box.right(), box.bottom(), true);
    }

    /** The ink's mean y in the left half of the number's box less that in the right half. */
    private static double tilt(NumberRobustnessSet.Sample sample) {
        Box box = sample.numberBox();
        int middle = box.x() + box.width() / 2;
        return inkCentre(sample, box.x(), box.y(), middle, box.bottom(), false)
                - inkCentre(sample, middle, box.y(), box.right(), box.bottom(), false);
    }

    private static double inkCentre(NumberRobustnessSet.Sample sample, int x0, int y0, int x1, int y1, boolean alongX) {
        double[] lum = luminance(sample.picture());
        int w = sample.picture().getWidth();
        double paper = median(lum);
        double sum = 0;
        double weight = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double ink = Math.max(0, 1 - lum[y * w + x] / paper - 0.3);
                sum += ink * (alongX ? x : y);
                weight += ink;
            }
        }
        return sum / Math.max(1e-9, weight);
    }

    /** Mean jump across the 8-pixel block borders of JPEG over the mean jump between other neighbours. */
    private static double blockiness(double[] lum, int width) {
        double border = 0;
        double inside = 0;
        int borders = 0;
        int insides = 0;
        for (int y = 0; y < lum.length / width; y++) {
            for (int x = 0; x + 1 < width; x++) {
                double jump = Math.abs(lum[y * width + x + 1] - lum[y * width + x]);
                if (x % 8 == 7) {
                    border += jump;
                    borders++;
                } else {
                    inside += jump;
                    insides++;
                }
            }
        }
        return border / borders / (inside / insides);
    }
}
