package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitsException;
import dev.digits.dl4j.Dl4jRuntime;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Distillation targets: the teachers' mean probabilities mixed into the labels, non-digits left alone. */
class TeacherTest {
    @BeforeAll
    static void nativeCode() {
        assertTrue(Dl4jRuntime.initialize(), "ND4J must load on the machines this project builds on");
    }

    @Test
    void targetsMixTheMeanOfTheTeachersIntoTheLabels() {
        MultiLayerNetwork first = network(1, 10);
        MultiLayerNetwork second = network(2, 10);
        Teacher teacher = Teacher.of(List.of(first, second));
        Nd4j.getRandom().setSeed(3);
        INDArray pictures = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        float[][] a = first.output(pictures, false).toFloatMatrix();
        float[][] b = second.output(pictures, false).toFloatMatrix();

        int width = 11;
        float[] labels = new float[4 * width];
        for (int i = 0; i < 4; i++) {
            labels[i * width + (i == 3 ? 10 : i)] = 1f;
        }
        teacher.teach(pictures, labels, 4, width, 0.25, i -> labels[i * width + 10] > 0);
        for (int i = 0; i < 3; i++) {
            float sum = 0;
            for (int k = 0; k < 10; k++) {
                float expected = (k == i ? 0.75f : 0f) + 0.25f * (a[i][k] + b[i][k]) / 2;
                assertEquals(expected, labels[i * width + k], 1e-6, "picture " + i + ", digit " + k);
                sum += labels[i * width + k];
            }
            assertEquals(1f, sum, 1e-5, "each target is a distribution");
            assertTrue(labels[i * width + i] < 1f, "the teacher changed the target");
        }
        for (int k = 0; k < 10; k++) {
            assertEquals(0f, labels[3 * width + k], "a non-digit keeps its target");
        }
        assertEquals(1f, labels[3 * width + 10]);
    }

    @Test
    void onlyTenDigitClassifiersTeach() {
        DigitsException e = assertThrows(DigitsException.class, () -> Teacher.of(List.of(network(1, 11))));
        assertTrue(e.getMessage().contains("ten-digit"), e.getMessage());
        assertThrows(DigitsException.class, () -> Teacher.of(List.of()));
    }

    private static MultiLayerNetwork network(long seed, int outputs) {
        MultiLayerNetwork network = new MultiLayerNetwork(ClassifierArchitecture.configuration(28, seed, 1e-3, 0.9, outputs));
        network.init();
        return network;
    }
}
