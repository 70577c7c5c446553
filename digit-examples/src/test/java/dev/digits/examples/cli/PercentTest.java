package dev.digits.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code predict}'s percentages, written without a Formatter, read as {@code String.format} writes them. */
class PercentTest {
    @Test
    void percentagesMatchStringFormat() {
        Random random = new Random(7);
        double[] edges = {0, 1, 0.5, 0.9995, 0.99949999, 0.00049, 0.0005, 0.0035, 0.12345, 0.1235, 0.995, 0.9999999};
        for (int i = 0; i < 200_000 + edges.length; i++) {
            double share = i < edges.length ? edges[i] : i % 2 == 0 ? random.nextDouble() : random.nextFloat();
            assertEquals(String.format(Locale.ROOT, "%.1f", share * 100), PredictCommand.percent(share, 1), "" + share);
            assertEquals(String.format(Locale.ROOT, "%.0f", share * 100), PredictCommand.percent(share, 0), "" + share);
        }
    }
}
