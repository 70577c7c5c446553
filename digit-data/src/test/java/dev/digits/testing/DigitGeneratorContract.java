package dev.digits.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link DigitGenerator} must do, whatever its backend: each backend's test suite extends this class
 * (published in digit-api's test-jar) and says how to open its generator. Quality is measured elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DigitGeneratorContract {
    private DigitGenerator generator;

    /** Opens a fresh generator of the backend under test. */
    protected abstract DigitGenerator open();

    @BeforeAll
    void openOne() {
        generator = open();
    }

    @AfterAll
    void closeIt() {
        generator.close();
    }

    @Test
    void picturesAreInMnistForm() {
        List<DigitImage> pictures = generator.generate(4, 12, 3);
        assertEquals(12, pictures.size());
        for (DigitImage picture : pictures) {
            assertTrue(picture.isMnistForm(), picture.toString());
            float max = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float v = picture.pixel(x, y, 0);
                    assertTrue(v >= 0f && v <= 1f, "pixel " + v);
                    max = Math.max(max, v);
                }
            }
            assertTrue(max > 0.5f, "a generated digit has ink");
        }
        assertEquals(Task.GENERATE, generator.card().task());
        assertFalse(generator.backendName().isBlank());
    }

    @Test
    void aSeedAlwaysMeansTheSamePictures() {
        List<DigitImage> first = generator.generate(7, 5, 99);
        assertEquals(first, generator.generate(7, 5, 99));
        assertTrue(first.get(0).maxDifference(generator.generate(7, 99)) <= 1e-5,
                "one picture of a seed is the first of many (a batch of another size may round differently)");
        assertNotEquals(first.get(0), first.get(1), "each picture has its own latent vector");
        assertNotEquals(first, generator.generate(7, 5, 100));
        float[] latent = new float[generator.latentSize()];
        latent[0] = 1f;
        assertEquals(generator.generate(2, latent), generator.generate(2, latent.clone()));
    }

    @Test
    void badArgumentsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.generate(10, 1L));
        assertTrue(e.getMessage().contains("0 to 9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> generator.generate(-1, 1L));
        e = assertThrows(IllegalArgumentException.class, () -> generator.generate(3, 0, 1L));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> generator.generate(3, new float[generator.latentSize() + 1]));
        assertTrue(e.getMessage().contains(generator.latentSize() + " values"), e.getMessage());
        float[] notANumber = new float[generator.latentSize()];
        notANumber[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> generator.generate(3, notANumber));
    }

    @Test
    void manyThreadsGetTheSerialPictures() throws Exception {
        List<DigitImage> serial = generator.generate(5, 8, 11);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DigitImage>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> generator.generate(5, 8, 11)));
            }
            for (Future<List<DigitImage>> future : futures) {
                List<DigitImage> pictures = future.get();
                for (int i = 0; i < serial.size(); i++) {
                    assertTrue(serial.get(i).maxDifference(pictures.get(i)) <= 1e-6f, "picture " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedGeneratorSaysSo() {
        DigitGenerator other = open();
        other.generate(1, 1L);
        other.close();
        other.close();
        assertThrows(IllegalStateException.class, () -> other.generate(1, 1L));
    }
}
