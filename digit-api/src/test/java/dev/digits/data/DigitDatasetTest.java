package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigitDatasetTest {
    /** Picture i has all pixels equal to i, label i % 10: each picture is recognisable after shuffling. */
    private static DigitDataset numbered(int count) {
        byte[] pixels = new byte[count * 4];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 4; p++) {
                pixels[i * 4 + p] = (byte) i;
            }
            labels[i] = (byte) (i % 10);
        }
        return DigitDataset.of(pixels, labels, 2, 2);
    }

    private static int id(DigitDataset data, int index) {
        return Math.round(data.image(index).pixel(0, 0, 0) * 255);
    }

    @Test
    void shufflingIsSeededAndKeepsPicturesWithTheirLabels() {
        DigitDataset data = numbered(100);
        DigitDataset a = data.shuffled(42);
        DigitDataset b = data.shuffled(42);
        DigitDataset c = data.shuffled(43);
        List<Integer> orderA = new ArrayList<>();
        List<Integer> orderC = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            assertEquals(id(a, i), id(b, i));
            assertEquals(id(a, i) % 10, a.label(i));
            orderA.add(id(a, i));
            orderC.add(id(c, i));
        }
        assertNotEquals(orderA, orderC);
        assertEquals(100, new HashSet<>(orderA).size());
    }

    @Test
    void splitIsDisjointAndComplete() {
        DigitDataset.Split split = numbered(100).split(30, 5);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < split.heldOut().size(); i++) {
            seen.add(id(split.heldOut(), i));
        }
        for (int i = 0; i < split.rest().size(); i++) {
            seen.add(id(split.rest(), i));
        }
        assertEquals(30, split.heldOut().size());
        assertEquals(70, split.rest().size());
        assertEquals(100, seen.size());
    }

    @Test
    void batchesCoverEverythingInOrder() {
        DigitDataset data = numbered(25);
        int total = 0;
        for (DigitDataset.Batch batch : data.batches(10)) {
            assertEquals(total, batch.firstIndex());
            assertEquals(batch.size() * 4, batch.pixels().length);
            assertEquals(total % 10, batch.labels()[0]);
            total += batch.size();
        }
        assertEquals(25, total);
        assertArrayEquals(new int[]{3, 3, 3, 3, 3, 2, 2, 2, 2, 2}, data.labelCounts());
    }
}
