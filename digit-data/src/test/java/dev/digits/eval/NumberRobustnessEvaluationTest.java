package dev.digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.data.Mnist;
import dev.digits.data.NumberCondition;
import dev.digits.data.NumberRobustnessSet;
import dev.digits.data.SyntheticNumbers;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sequence accuracy per condition, with a stand-in reader that knows every picture but those in shadow. */
class NumberRobustnessEvaluationTest {
    @Test
    void eachConditionIsMeasuredOnItsOwnPictures() {
        NumberRobustnessSet set = new NumberRobustnessSet(
                new SyntheticNumbers(Mnist.fromDataFolder().test(), SyntheticNumbers.Variant.SEPARATED, 5), 9);
        int perCondition = 4;
        // The pages are made again while measuring: the stand-in knows them by their pixels.
        Map<Integer, String> known = new HashMap<>();
        for (NumberCondition condition : NumberCondition.values()) {
            for (int i = 0; i < perCondition; i++) {
                NumberRobustnessSet.Sample sample = set.sample(condition, i);
                known.put(fingerprint(sample.picture()), condition == NumberCondition.SHADOW ? null : sample.text());
            }
        }
        AtomicInteger steps = new AtomicInteger();
        NumberRobustnessEvaluation result = NumberRobustnessEvaluation.of(reader(known), set, perCondition,
                steps::incrementAndGet);
        int all = perCondition * NumberCondition.values().length;
        assertEquals(all, steps.get());
        assertEquals(all, result.overall().count());
        assertEquals(all - perCondition, result.overall().correct());
        assertEquals(Arrays.stream(NumberCondition.values()).map(NumberCondition::label).toList(),
                List.copyOf(result.byCondition().keySet()));
        result.byCondition().forEach((label, part) -> {
            assertEquals(perCondition, part.count(), label);
            assertEquals(label.equals("shadow") ? 0.0 : 1.0, part.sequenceAccuracy(), label);
        });
        assertEquals(0.0, result.sequenceAccuracyByCondition().get("shadow"));
        assertEquals("shadow/0", result.overall().misread().get(0).item());
        assertEquals(null, result.overall().misread().get(0).read());
        assertThrows(IllegalArgumentException.class, () -> NumberRobustnessEvaluation.of(reader(known), set, 0, null));
    }

    private static int fingerprint(BufferedImage picture) {
        return Arrays.hashCode(picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth()));
    }

    /** Reads a known picture's text; throws as a reader that finds no digit does for those it does not know. */
    private static NumberReader reader(Map<Integer, String> known) {
        return new NumberReader() {
            @Override
            public NumberReading read(BufferedImage picture) {
                String text = known.get(fingerprint(picture));
                if (text == null) {
                    throw new dev.digits.NoDigitFoundException("in the shadow");
                }
                return new NumberReading(text, List.of(), 0.9f);
            }

            @Override
            public String backendName() {
                return "stand-in";
            }

            @Override
            public void close() {
            }
        };
    }
}
