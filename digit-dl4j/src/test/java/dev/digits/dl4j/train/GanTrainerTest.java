package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.GanInputs;
import dev.digits.dl4j.export.OnnxExporter;
import dev.digits.dl4j.export.OnnxRuntimeRunner;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A short GAN training on a small subset: it moves, resumes and writes a generator both ways of opening agree on. */
class GanTrainerTest {
    @TempDir
    Path folder;

    @Test
    void aShortRunTrainsResumesAndWritesAGenerator() throws Exception {
        DigitDataset subset = Mnist.fromDataFolder().train().head(256);
        GanTrainer.Options two = new GanTrainer.Options(2, 11, 64, 0, Set.of(2), folder, null, 2);
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
        assertEquals(java.util.Set.of("discriminator.zip", "combined.zip", "average.zip"),
                Checkpoints.readModels(checkpoint).keySet());

        // A kill after the checkpoint and before its preview: the resumed run writes the lost preview, the same picture.
        byte[] preview = Files.readAllBytes(folder.resolve("preview-epoch-2.png"));
        Files.delete(folder.resolve("preview-epoch-2.png"));
        GanTrainer.Result resumed = new GanTrainer(new GanTrainer.Options(3, 11, 64, 0, Set.of(2), folder, null, 2), null)
                .train(subset, "test");
        assertArrayEquals(preview, Files.readAllBytes(folder.resolve("preview-epoch-2.png")),
                "the lost preview, written again from the checkpoint");
        assertEquals(2, resumed.resumedFrom());
        assertEquals(3, resumed.history().size());
        assertEquals(one.discriminatorLoss(), resumed.history().get(0).discriminatorLoss(), 1e-4,
                "the resumed run keeps the first epochs' record");

        assertTrue(Files.notExists(folder.resolve("preview-epoch-3.png")));
        // A run with nothing left to train saves the same generator again and still writes the asked preview.
        GanTrainer.Result finished = new GanTrainer(new GanTrainer.Options(3, 11, 64, 0, Set.of(3), folder, null, 2), null)
                .train(subset, "test");
        assertEquals(3, finished.resumedFrom());
        assertTrue(Files.isRegularFile(folder.resolve("preview-epoch-3.png")));

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
        theMovingAverageIsSavedAndExported(resumed.modelFile(), two.checkpointDirectory().resolve("gan-checkpoint.zip"));
    }

    /**
     * The saved generator is the checkpoint's moving average, not the generator the last step left (whose pictures
     * differ), and its ONNX export draws the average's pictures.
     */
    private void theMovingAverageIsSavedAndExported(Path modelFile, Path checkpoint) throws Exception {
        java.util.Map<String, byte[]> saved = Checkpoints.readModels(checkpoint);
        ComputationGraph average = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(saved.get("average.zip")), false);
        ComputationGraph combined = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(saved.get("combined.zip")), false);
        ComputationGraph trained = new ComputationGraph(GanArchitecture.generator(11));
        trained.init();
        GanTrainer.copy(combined, trained, GanArchitecture.GENERATOR_LAYERS);
        ComputationGraph written = Dl4jModels.graph(LoadedModel.resolve(ModelSource.file(modelFile), Task.GENERATE));
        assertEquals(average.params(), written.params(), "the file holds the moving average");

        INDArray latent = Nd4j.randn(DataType.FLOAT, 10, GanArchitecture.LATENT);
        INDArray label = GanInputs.oneHot(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        INDArray expected = average.output(false, latent.dup(), label.dup())[0];
        double fromTrained = maxDifference(expected, trained.output(false, latent.dup(), label.dup())[0]);
        assertTrue(fromTrained > 1e-3, "the average draws other pictures than the last step's generator: " + fromTrained);

        Path onnx = folder.resolve("generator.onnx");
        OnnxExporter.write(ModelSource.file(modelFile), Task.GENERATE, onnx);
        java.util.Map<String, INDArray> inputs = new java.util.LinkedHashMap<>();
        inputs.put("latent", latent);
        inputs.put("label", label);
        INDArray exported = OnnxRuntimeRunner.run(Files.readAllBytes(onnx), inputs).get(0);
        assertTrue(maxDifference(expected, exported) <= 1e-5, "the export is the average: " + maxDifference(expected, exported));
    }

    @Test
    void theAverageMovesTowardsTheGeneratorByItsDecay() {
        ComputationGraph average = new ComputationGraph(GanArchitecture.generator(3));
        average.init();
        ComputationGraph generator = new ComputationGraph(GanArchitecture.generator(4));
        generator.init();
        INDArray before = average.params().dup();
        INDArray target = generator.params().dup();
        GanTrainer.updateAverage(average, generator, 0);
        // At step 0 the decay is 1/10: the random start keeps a tenth of its weight.
        INDArray expected = before.mul(0.1).addi(target.mul(0.9));
        assertTrue(maxDifference(expected, average.params()) < 1e-6, "first step");
        assertEquals(target, generator.params(), "the generator is left alone");

        INDArray middle = average.params().dup();
        GanTrainer.updateAverage(average, generator, 1_000_000);
        expected = middle.mul(GanTrainer.AVERAGE_DECAY).addi(target.mul(1 - GanTrainer.AVERAGE_DECAY));
        assertTrue(maxDifference(expected, average.params()) < 1e-6, "late steps use the full decay");
        assertNotEquals(middle, average.params());
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(a.sub(b))).getDouble(0);
    }
}
