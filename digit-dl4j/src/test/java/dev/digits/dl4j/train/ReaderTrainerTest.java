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
     * short run does show is that the weights moved and the CTC loss on held-out numbers fell (by a quarter in this
     * run of 19 batches: from 145.7 to 111.3 nats a number; the test asks for a tenth).
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
        int[] all = numbers.usable();
        double before = meanNegativeLogLikelihood(untrained, numbers, all);
        double after = meanNegativeLogLikelihood(trained, numbers, all);
        assertTrue(after < 0.9 * before, "the CTC loss on held-out numbers fell from " + before + " to " + after);
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

    /**
     * The CTC loss of the held-out numbers, computed here from the network's column scores with the forward
     * algorithm (softmax per column, scaled per column), independently of the loss function under test.
     */
    private static double meanNegativeLogLikelihood(org.deeplearning4j.nn.graph.ComputationGraph graph, ReaderData numbers,
                                                    int[] indices) {
        float[] out = graph.output(false, numbers.features(indices))[0].dup('c').data().asFloat();
        java.util.List<float[][]> columns = dev.digits.NumberSequenceModel.columnsOf(out, indices.length);
        double total = 0;
        for (int j = 0; j < indices.length; j++) {
            String text = numbers.text(indices[j]);
            int[] extended = new int[2 * text.length() + 1];
            java.util.Arrays.fill(extended, dev.digits.NumberSequenceModel.BLANK);
            for (int k = 0; k < text.length(); k++) {
                extended[2 * k + 1] = text.charAt(k) - '0';
            }
            double[] alpha = new double[extended.length];
            double logScale = 0;
            float[][] logits = columns.get(j);
            for (int t = 0; t < logits.length; t++) {
                double[] probability = softmax(logits[t]);
                double[] next = new double[extended.length];
                for (int s = 0; s < extended.length; s++) {
                    double reach = t == 0 ? (s < 2 ? 1 : 0)
                            : alpha[s] + (s > 0 ? alpha[s - 1] : 0)
                            + (s > 1 && extended[s] != dev.digits.NumberSequenceModel.BLANK && extended[s] != extended[s - 2]
                            ? alpha[s - 2] : 0);
                    next[s] = reach * probability[extended[s]];
                }
                double sum = java.util.Arrays.stream(next).sum();
                for (int s = 0; s < next.length; s++) {
                    next[s] /= sum;
                }
                logScale += Math.log(sum);
                alpha = next;
            }
            double last = alpha[extended.length - 1] + (extended.length > 1 ? alpha[extended.length - 2] : 0);
            total -= Math.log(last) + logScale;
        }
        return total / indices.length;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
