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
        // Numbers of 1 to 3 digits: CTC leaves its all-blank start sooner on short lines, so a test can afford it.
        ReaderTrainer.Options options = new ReaderTrainer.Options(2, 7, 32, 3000, 600, 2e-3, 0.7, folder, 3);
        ReaderTrainer.Result result = new ReaderTrainer(options, null).train(Mnist.fromDataFolder().train(), "test");
        // One epoch of 3,000 numbers read 13.5% of 600 validation numbers whole when measured; reading none
        // right by chance is all but certain (a 1-digit number is 1 in 60 by guessing length and digit).
        assertTrue(result.validationSequenceAccuracy() >= 0.08, "validation sequence accuracy "
                + result.validationSequenceAccuracy());
        assertTrue(Files.isRegularFile(result.modelFile()));
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(result.modelFile()));
        assertEquals(Task.READ_NUMBERS, card.task());
        assertEquals(1, card.outputs().size(), "the columns' scores");
        try (NumberReader reader = Digits.numberReader(ModelSource.file(result.modelFile()), "dl4j")) {
            assertTrue(reader instanceof LearnedNumberReader);
            assertEquals("dl4j", reader.backendName());
        }
    }

    /**
     * Issue 23, item 6: train-reader could not resume (a kill restarted an hour's job) and left
     * number-reader-best.zip without its card beside the model. Now 1 epoch + resume 1 gives exactly the weights of 2
     * epochs, and the best epoch's network waits in the checkpoint folder.
     */
    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        Path whole = folder.resolve("whole");
        Path resumed = folder.resolve("resumed");
        var digits = Mnist.fromDataFolder().train();
        new ReaderTrainer(new ReaderTrainer.Options(2, 7, 64, 600, 200, 1e-3, 0.7, whole), null).train(digits, "test");
        new ReaderTrainer(new ReaderTrainer.Options(1, 7, 64, 600, 200, 1e-3, 0.7, resumed), null).train(digits, "test");
        new ReaderTrainer(new ReaderTrainer.Options(2, 7, 64, 600, 200, 1e-3, 0.7, resumed), null).train(digits, "test");
        Path checkpoint = Path.of(ReaderTrainer.CHECKPOINT_FOLDER, "checkpoint.zip");
        org.nd4j.linalg.api.ndarray.INDArray expected = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(
                whole.resolve(checkpoint).toFile(), true).params();
        org.nd4j.linalg.api.ndarray.INDArray actual = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(
                resumed.resolve(checkpoint).toFile(), true).params();
        assertEquals(expected, actual, "1 epoch + resume 1 gives the weights of 2 epochs");
        try (var files = Files.list(resumed)) {
            assertEquals(java.util.Set.of(ReaderTrainer.MODEL_FILE, ReaderTrainer.MODEL_FILE + ".properties",
                    ReaderTrainer.CHECKPOINT_FOLDER), files.map(f -> f.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()), "no model without its card beside the model");
        }
    }
}
