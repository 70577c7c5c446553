package dev.digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fréchet distance and pairwise distances against values worked out by hand. */
class GeneratorMetricsTest {
    @Test
    void frechetDistanceOfOneDimensionalGaussiansIsTheClosedForm() {
        float[][] a = {{0}, {2}};          // mean 1, variance 2
        float[][] b = {{3}, {5}, {7}};     // mean 5, variance 4
        double expected = 16 + 2 + 4 - 2 * Math.sqrt(8);
        assertEquals(expected, GeneratorMetrics.frechetDistance(a, b), 1e-9);
    }

    @Test
    void frechetDistanceOfASetWithItselfIsZeroAndGrowsWithAShift() {
        Random random = new Random(3);
        float[][] a = new float[500][6];
        float[][] shifted = new float[500][6];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < 6; j++) {
                a[i][j] = (float) (random.nextGaussian() * (j + 1) + (i % 3) * j);
                shifted[i][j] = a[i][j] + (j == 2 ? 3f : 0f);
            }
        }
        assertEquals(0, GeneratorMetrics.frechetDistance(a, a), 1e-6);
        assertEquals(9, GeneratorMetrics.frechetDistance(a, shifted), 1e-4, "a shift of 3 in one feature costs 9");
    }

    @Test
    void meanPairwiseDistance() {
        float[][] corners = {{0, 0}, {3, 0}, {0, 4}};
        assertEquals((3 + 4 + 5) / 3.0, GeneratorMetrics.meanPairwiseDistance(corners), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GeneratorMetrics.meanPairwiseDistance(new float[1][2]));
    }
}
