package dev.digits.dl4j.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.LoadedModel;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.dl4j.GanInputs;
import dev.digits.dl4j.train.GanArchitecture;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The GAN's generator (dense, batch norm, reshape, nearest upsampling, Same-mode convolutions) exports exactly. */
class GeneratorExportTest {
    @TempDir
    Path folder;

    @Test
    void theGeneratorGivesTheSamePicturesInOnnxRuntime() throws Exception {
        Dl4jRuntime.initialize();
        ComputationGraph generator = new ComputationGraph(GanArchitecture.generator(5));
        generator.init();
        // Random weights and batch-norm statistics (variances positive), so that every parameter matters.
        Nd4j.getRandom().setSeed(5);
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, generator.numParams()).subi(0.5).muli(0.4);
        generator.setParams(params);
        for (String bn : new String[]{"g_bn1", "g_bn2"}) {
            INDArray variance = generator.getLayer(bn).paramTable().get("var"); // absent when stored as log10 std
            if (variance != null) {
                variance.assign(Nd4j.rand(DataType.FLOAT, variance.shape()).addi(0.5));
            }
        }
        INDArray latent = Nd4j.randn(DataType.FLOAT, 7, GanArchitecture.LATENT);
        INDArray label = GanInputs.oneHot(new int[]{0, 1, 2, 3, 7, 8, 9});
        INDArray expected = generator.output(false, latent.dup(), label.dup())[0];

        ModelCard card = ModelCard.builder().put(ModelCard.NAME, "generator").task(Task.GENERATE)
                .inputs(GanArchitecture.LATENT_INPUT, GanArchitecture.LABEL_INPUT).outputs(GanArchitecture.PICTURE_OUTPUT).build();
        Path zip = folder.resolve("generator.zip");
        Dl4jModels.save(generator, zip, card);
        Path onnx = folder.resolve("generator.onnx");
        ModelCard written = OnnxExporter.write(ModelSource.file(zip), Task.GENERATE, onnx);
        assertEquals(List.of("latent", "label"), written.inputs().stream().map(TensorSpec::name).toList());
        assertEquals("picture", written.outputs().get(0).name());

        LoadedModel loaded = LoadedModel.resolve(ModelSource.file(onnx), Task.GENERATE);
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        inputs.put("latent", latent);
        inputs.put("label", label);
        INDArray actual = OnnxRuntimeRunner.run(loaded.bytes(), inputs).get(0);
        assertArrayEquals(new long[]{7, 1, 28, 28}, actual.shape());
        double worst = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                expected.sub(actual))).getDouble(0);
        assertTrue(worst <= 1e-5, "largest pixel difference " + worst);
        assertTrue(expected.maxNumber().doubleValue() - expected.minNumber().doubleValue() > 0.05,
                "the pictures vary, so the comparison means something: " + expected.minNumber() + ".." + expected.maxNumber());
    }
}
