package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Digits;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.Task;
import dev.digits.data.Mnist;
import dev.digits.read.LearnedNumberReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short reader training learns to read some numbers whole and writes a reader both ways of opening run. */
class ReaderTrainerTest {
    @TempDir
    Path folder;

    @Test
    void aShortRunLearnsAndWritesAReader() {
        ReaderTrainer.Options options = new ReaderTrainer.Options(1, 7, 64, 3000, 600, 1e-3, 0.7, folder);
        ReaderTrainer.Result result = new ReaderTrainer(options, null).train(Mnist.fromDataFolder().train(), "test");
        // One epoch of 3,000 numbers read 13.5% of 600 validation numbers whole when measured; reading none
        // right by chance is all but certain (a 1-digit number is 1 in 60 by guessing length and digit).
        assertTrue(result.validationSequenceAccuracy() >= 0.08, "validation sequence accuracy "
                + result.validationSequenceAccuracy());
        assertTrue(Files.isRegularFile(result.modelFile()));
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(result.modelFile()));
        assertEquals(Task.READ_NUMBERS, card.task());
        assertEquals(7, card.outputs().size(), "a length head and six digit heads");
        try (NumberReader reader = Digits.numberReader(ModelSource.file(result.modelFile()), "dl4j")) {
            assertTrue(reader instanceof LearnedNumberReader);
            assertEquals("dl4j", reader.backendName());
        }
    }
}
