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

    /**
     * A short run trains and writes a reader that loads. It cannot show learning in accuracy: CTC keeps every column
     * blank for its first few hundred batches (the bundled reader read whole numbers after about 500 batches of 64),
     * more than a test can afford; the bundled reader's accuracy is asserted in digit-onnx's tests instead. What a
     * short run does show is that the weights moved and the greedy readings of held-out numbers stayed well-formed.
     */
    @Test
    void aShortRunTrainsAndWritesAReaderThatLoads() throws Exception {
        ReaderTrainer.Options options = new ReaderTrainer.Options(1, 7, 32, 600, 200, 2e-3, 0.7, folder, 3, false);
        var training = Mnist.fromDataFolder().train();
        ReaderTrainer.Result result = new ReaderTrainer(options, null).train(training, "test");
        org.deeplearning4j.nn.graph.ComputationGraph untrained = new org.deeplearning4j.nn.graph.ComputationGraph(
                CtcArchitecture.configuration(7, 2e-3, 0.7));
        untrained.init();
        org.deeplearning4j.nn.graph.ComputationGraph trained = org.deeplearning4j.util.ModelSerializer
                .restoreComputationGraph(result.modelFile().toFile(), false);
        double moved = trained.params().sub(untrained.params()).norm2Number().doubleValue();
        assertTrue(moved > 0.1, "the weights moved by " + moved);
        var heldOut = training.split(TrainingOptions.DEFAULT_VALIDATION_SIZE, TrainingOptions.DEFAULT_SEED).heldOut();
        ReaderData numbers = ReaderData.of(java.util.List.of(i -> ReaderData.Example.of(new dev.digits.data.SyntheticNumbers(heldOut,
                dev.digits.data.SyntheticNumbers.Variant.SEPARATED, 99, 3).sample(i))), 64);
        double accuracy = digitAccuracy(trained, numbers);
        assertTrue(accuracy >= 0 && accuracy <= 1, "digit accuracy " + accuracy);
        assertTrue(Files.isRegularFile(result.modelFile()));
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(result.modelFile()));
        assertEquals(Task.READ_NUMBERS, card.task());
        assertEquals(1, card.outputs().size(), "the columns' scores");
        try (NumberReader reader = Digits.numberReader(ModelSource.file(result.modelFile()), "dl4j")) {
            assertTrue(reader instanceof LearnedNumberReader);
            assertEquals("dl4j", reader.backendName());
        }
    }

    @Test
    void preparedNumbersAreKeptAndReadBackWhole() throws Exception {
        var digits = Mnist.fromDataFolder().train();
        ReaderData numbers = ReaderData.of(java.util.List.of(i -> ReaderData.Example.of(new dev.digits.data.SyntheticNumbers(
                digits, dev.digits.data.SyntheticNumbers.Variant.TOUCHING, 5, 4).sample(i))), 12);
        Path file = folder.resolve("numbers.bin");
        numbers.save(file);
        ReaderData read = ReaderData.load(file).orElseThrow();
        assertEquals(numbers.size(), read.size());
        int[] all = java.util.stream.IntStream.range(0, numbers.size()).toArray();
        for (int i : all) {
            assertEquals(numbers.text(i), read.text(i));
            assertTrue(numbers.text(i).length() >= 1 && numbers.text(i).length() <= 4, numbers.text(i));
        }
        assertEquals(numbers.features(all), read.features(all));
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(file), 1000));
        assertTrue(ReaderData.load(file).isEmpty(), "a file cut short is not read");
    }

    /** Per number its length minus the edit distance of the greedy reading (at least 0), over all digits. */
    private static double digitAccuracy(org.deeplearning4j.nn.graph.ComputationGraph graph, ReaderData numbers) {
        int[] indices = numbers.usable();
        float[] out = graph.output(false, numbers.features(indices))[0].dup('c').data().asFloat();
        java.util.List<float[][]> columns = dev.digits.NumberSequenceModel.columnsOf(out, indices.length);
        long right = 0;
        long total = 0;
        for (int j = 0; j < indices.length; j++) {
            String truth = numbers.text(indices[j]);
            String read = LearnedNumberReader.text(columns.get(j));
            right += Math.max(0, truth.length() - levenshtein(truth, read));
            total += truth.length();
        }
        return (double) right / total;
    }

    private static int levenshtein(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
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
