package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short GAN training on a small subset: it moves, resumes and writes a generator both ways of opening agree on. */
class GanTrainerTest {
    @TempDir
    Path folder;

    @Test
    void aShortRunTrainsResumesAndWritesAGenerator() throws java.io.IOException {
        DigitDataset subset = Mnist.fromDataFolder().train().head(256);
        GanTrainer.Options two = new GanTrainer.Options(2, 11, 64, 0, Set.of(2), folder, null);
        GanTrainer.Result first = new GanTrainer(two, null).train(subset, "test");
        assertEquals(2, first.history().size());
        GanTrainer.EpochReport one = first.history().get(0);
        GanTrainer.EpochReport second = first.history().get(1);
        assertTrue(Double.isFinite(one.discriminatorLoss()) && Double.isFinite(one.generatorLoss()));
        assertNotEquals(one.discriminatorLoss(), second.discriminatorLoss(), "the discriminator's loss moves");
        assertNotEquals(one.generatorLoss(), second.generatorLoss(), "the generator's loss moves");
        assertTrue(Files.isRegularFile(folder.resolve("preview-epoch-2.png")));
        // Both networks sit in one checkpoint file, and the state names its SHA-256: they are written as one unit.
        java.nio.file.Path checkpoint = two.checkpointDirectory().resolve("gan-checkpoint.zip");
        java.util.Properties state = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(two.checkpointDirectory().resolve("state.properties"))) {
            state.load(in);
        }
        assertEquals(dev.digits.io.Sha256.hex(checkpoint), state.getProperty("checkpoint.sha256"));
        assertEquals(java.util.Set.of("discriminator.zip", "combined.zip"), Checkpoints.readModels(checkpoint).keySet());

        GanTrainer.Result resumed = new GanTrainer(new GanTrainer.Options(3, 11, 64, 0, Set.of(), folder, null), null)
                .train(subset, "test");
        assertEquals(2, resumed.resumedFrom());
        assertEquals(3, resumed.history().size());
        assertEquals(one.discriminatorLoss(), resumed.history().get(0).discriminatorLoss(), 1e-4,
                "the resumed run keeps the first epochs' record");

        ModelCard card = CardFiles.read(CardFiles.cardPathFor(resumed.modelFile()));
        assertEquals(Task.GENERATE, card.task());
        assertEquals("3", card.require(ModelCard.EPOCHS));
        try (DigitGenerator generator = Digits.generator(ModelSource.file(resumed.modelFile()), "dl4j")) {
            assertEquals(GanArchitecture.LATENT, generator.latentSize());
            List<DigitImage> pictures = generator.generate(3, 5, 42);
            assertEquals(5, pictures.size());
            assertTrue(pictures.get(0).isMnistForm());
            assertEquals(pictures, generator.generate(3, 5, 42), "a seed means the same pictures");
            assertNotEquals(pictures.get(0), pictures.get(1));
            assertTrue(pictures.get(0).maxDifference(generator.generate(3, 42)) <= 1e-5,
                    "one picture of a seed is the first of many (batches of other sizes may round differently)");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.generate(10, 1));
            assertTrue(e.getMessage().contains("0 to 9"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> generator.generate(1, 0, 1));
            assertTrue(e.getMessage().contains("count"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> generator.generate(1, new float[3]));
            assertTrue(e.getMessage().contains(GanArchitecture.LATENT + " values"), e.getMessage());
        }
    }
}
