package dev.digits.data;

import dev.digits.Box;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Numbers photographed on paper under one {@link NumberCondition} at a time (or a few, {@link NumberCondition#MIXED}),
 * to measure how a number reader copes with real pictures: each number of a {@link SyntheticNumbers} set is laid onto
 * a page two to four times its size (paper white, grey or yellowish; up to {@value #MAX_WIDTH} pixels wide), with its
 * ink softened as a camera sees it and a little sensor noise, then the condition is applied. Built from MNIST's test
 * digits with {@link #DEFAULT_SEED} it is the robustness set of {@code digits evaluate-numbers --robustness}; built
 * from training digits with other seeds, the same conditions serve as augmentation for training.
 *
 * <p>{@code sample(condition, index)} shows number {@code index} of the synthetic set (so every condition shows the
 * same numbers) and depends only on the set's numbers, its seed, the condition and the index. Immutable and safe for
 * concurrent use.
 */
public final class NumberRobustnessSet {
    /** The seed of the robustness set of {@code digits evaluate-numbers}; training uses others. */
    public static final long DEFAULT_SEED = SyntheticNumbers.DEFAULT_SEED;
    /** The widest page, in pixels. */
    public static final int MAX_WIDTH = 1500;
    /** The tallest page, in pixels. */
    public static final int MAX_HEIGHT = 1000;

    /**
     * One picture.
     *
     * @param picture     the photographed page
     * @param text        the number's digits, left to right
     * @param condition   the condition it was made under
     * @param applied     what was done to it: the condition itself, or for {@code MIXED} the two or three others
     * @param numberBox   where the number's ink lies on the page
     * @param digitHeight the digits' usual height on the page, in pixels
     */
    public record Sample(BufferedImage picture, String text, NumberCondition condition, List<NumberCondition> applied,
                         Box numberBox, int digitHeight) {
        public Sample {
            applied = List.copyOf(applied);
        }
    }

    private final SyntheticNumbers numbers;
    private final long seed;

    /**
     * @param numbers the numbers shown: MNIST test digits to measure, training digits to train
     * @param seed    fixes the pages and conditions (the numbers have their own seed)
     */
    public NumberRobustnessSet(SyntheticNumbers numbers, long seed) {
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.seed = seed;
    }

    /** Separated numbers of 1 to 6 MNIST test digits, for measuring; fetches MNIST when it is missing. */
    public static NumberRobustnessSet mnistTest(long seed) {
        return new NumberRobustnessSet(SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED, seed), seed);
    }

    /**
     * Separated numbers of 1 to 6 MNIST training digits under the same conditions, as augmentation for training a
     * number reader; fetches MNIST when it is missing.
     *
     * @param seed a seed other than {@link #DEFAULT_SEED}, so that training pages are not the measured ones
     * @throws IllegalArgumentException for {@link #DEFAULT_SEED}
     */
    public static NumberRobustnessSet mnistTraining(long seed) {
        if (seed == DEFAULT_SEED) {
            throw new IllegalArgumentException("Seed " + DEFAULT_SEED + " makes the measured pages; train with another");
        }
        return new NumberRobustnessSet(SyntheticNumbers.mnistTraining(SyntheticNumbers.Variant.SEPARATED, seed), seed);
    }

    /** The numbers shown. */
    public SyntheticNumbers numbers() {
        return numbers;
    }

    /** The seed of the pages and conditions. */
    public long seed() {
        return seed;
    }

    /** Number {@code index} (0 or more) photographed under a condition. */
    public Sample sample(NumberCondition condition, int index) {
        Objects.requireNonNull(condition, "condition");
        if (index < 0) {
            throw new IllegalArgumentException("index must be at least 0, got " + index);
        }
        long pageSeed = (seed * 0x9E3779B97F4A7C15L + condition.ordinal()) * 0xBF58476D1CE4E5B9L + index;
        List<NumberCondition> applied = condition == NumberCondition.MIXED
                ? mix(new Random(scramble(~pageSeed))) : List.of(condition);
        return render(numbers.sample(index), condition, applied, pageSeed, true);
    }

    /** SplitMix64's finaliser: Random's first draws follow its seed closely, and neighbouring indices' seeds are close. */
    private static long scramble(long seed) {
        long z = (seed ^ seed >>> 30) * 0xBF58476D1CE4E5B9L;
        z = (z ^ z >>> 27) * 0x94D049BB133111EBL;
        return z ^ z >>> 31;
    }

    /**
     * Two or three conditions that can meet on one page: one kind of uneven light at most (two would leave too
     * little to read to say anything about either), and one kind of paper and one kind of ink.
     */
    static List<NumberCondition> mix(Random random) {
        List<NumberCondition> pool = new ArrayList<>(EnumSet.complementOf(EnumSet.of(NumberCondition.MIXED)));
        Collections.shuffle(pool, random);
        int wanted = 2 + random.nextInt(2);
        EnumSet<NumberCondition> chosen = EnumSet.noneOf(NumberCondition.class);
        EnumSet<NumberCondition> light = EnumSet.of(NumberCondition.SHADOW, NumberCondition.GRADIENT, NumberCondition.VIGNETTE);
        for (NumberCondition candidate : pool) {
            boolean clash = light.contains(candidate) && chosen.stream().anyMatch(light::contains)
                    || candidate == NumberCondition.BALLPOINT_SQUARED && (chosen.contains(NumberCondition.FAINT_INK)
                    || chosen.contains(NumberCondition.RULED_LINES))
                    || (candidate == NumberCondition.FAINT_INK || candidate == NumberCondition.RULED_LINES)
                    && chosen.contains(NumberCondition.BALLPOINT_SQUARED);
            if (!clash && chosen.size() < wanted) {
                chosen.add(candidate);
            }
        }
        return List.copyOf(chosen);
    }

    /**
     * One number on a page with the conditions {@code applied}. Every random choice is drawn from
     * {@code pageSeed} whatever is applied, so the same page without a condition differs by that condition only.
     *
     * @param compress false to leave out the JPEG round trip even when {@code JPEG} is applied (for tests)
     */
    static Sample render(SyntheticNumbers.Sample number, NumberCondition condition, List<NumberCondition> applied,
                         long pageSeed, boolean compress) {
        NumberLook look = new NumberLook(new Random(scramble(pageSeed)));
        EnumSet<NumberCondition> on = applied.isEmpty() ? EnumSet.noneOf(NumberCondition.class) : EnumSet.copyOf(applied);
        NumberLayout.Ink ink = NumberLayout.Ink.of(number, look, on);
        NumberLayout layout = new NumberLayout(ink, look, on);
        Box box = layout.numberBox;
        int digitHeight = ink.digitHeight;
        boolean squared = on.contains(NumberCondition.BALLPOINT_SQUARED);
        NumberPage page = new NumberPage(layout.width, layout.height, squared ? look.squaredPaper : look.paper);
        // Lines belong to the paper, so they turn with the writing.
        double paperDegrees = on.contains(NumberCondition.ROTATION) ? look.rotation : 0;
        double cx = box.x() + box.width() / 2.0;
        double cy = box.y() + box.height() / 2.0;
        if (squared) {
            double step = Math.max(8, look.gridStep * digitHeight);
            page.lines(false, step, look.gridOffset[0] * step, 1, paperDegrees, cx, cy, look.gridColour);
            page.lines(true, step, look.gridOffset[1] * step, 1, paperDegrees, cx, cy, look.gridColour);
        }
        if (on.contains(NumberCondition.RULED_LINES)) {
            // Closer than a digit is high, so at least one line runs through the digits.
            double step = Math.max(8, look.ruledStep * digitHeight);
            page.lines(false, step, look.ruledOffset * step, digitHeight >= 60 ? 2 : 1.2, paperDegrees, cx, cy,
                    look.ruledColour);
        }
        if (on.contains(NumberCondition.PAGE_EDGE_MARGIN)) {
            page.rule(layout.ruleX, Math.max(1.5, digitHeight / 40.0), paperDegrees, cy, look.marginColour);
        }
        float[] pen = on.contains(NumberCondition.BALLPOINT_SQUARED) ? look.ballpoint
                : on.contains(NumberCondition.FAINT_INK) ? new float[]{1 - look.faint, 1 - look.faint, 1 - look.faint * 0.95f}
                : look.pen;
        page.ink(ink.plane, ink.width, ink.height, layout.inkLeft, layout.inkTop, pen);
        if (on.contains(NumberCondition.PAGE_EDGE_MARGIN)) {
            page.desk(look.deskSide, layout.deskDepth, layout.deskDrift, look.deskColour, look.grainPhase);
        }
        if (on.contains(NumberCondition.CLUTTER) && layout.clutterSide >= 0) {
            page.clutter(layout.clutterSide, layout.clutterReach, look.clutterKind, look.clutterShape, look.clutterColour);
        }
        page.light(look.light(on, box, layout.width, layout.height));
        page.noise(look.noise, look.noiseSeed);
        BufferedImage picture = page.toImage();
        if (compress && on.contains(NumberCondition.JPEG)) {
            picture = RobustnessSet.jpeg(picture, look.jpegQuality);
        }
        return new Sample(picture, number.text(), condition, applied, box, digitHeight);
    }
}
