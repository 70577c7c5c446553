package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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

    @Test
    void colourPicturesKeepTheirChannelsThroughSplitsAndTurnGrayWithLumaWeights() {
        // Two 2x1 pictures; pixel (x, y) of picture n has channels (r, g, b) side by side.
        byte[] pixels = {
                (byte) 255, 0, 0, 0, (byte) 255, 0,
                0, 0, (byte) 255, 10, 20, 30};
        DigitDataset colour = DigitDataset.of(pixels, new byte[]{3, 7}, 2, 1, 3);
        assertEquals(3, colour.channels());
        assertEquals(6, colour.pictureSize());
        assertEquals(1f, colour.image(0).pixel(1, 0, 1));
        assertEquals(3, colour.image(1).channels());
        assertEquals(30 / 255f, colour.image(1).pixel(1, 0, 2));
        DigitDataset shuffled = colour.shuffled(1).subset(0, 2);
        assertEquals(3, shuffled.channels());

        DigitDataset gray = colour.grayscale();
        assertEquals(1, gray.channels());
        assertEquals(2, gray.pictureSize());
        // round(0.299 * 255) = 76, round(0.587 * 255) = 150, round(0.114 * 255) = 29,
        // round(0.299 * 10 + 0.587 * 20 + 0.114 * 30) = round(18.15) = 18.
        assertEquals(76, Math.round(gray.image(0).pixel(0, 0, 0) * 255));
        assertEquals(150, Math.round(gray.image(0).pixel(1, 0, 0) * 255));
        assertEquals(29, Math.round(gray.image(1).pixel(0, 0, 0) * 255));
        assertEquals(18, Math.round(gray.image(1).pixel(1, 0, 0) * 255));
        assertEquals(7, gray.label(1));
        assertSame(gray, gray.grayscale(), "a gray data set is returned as it is");
    }
}
