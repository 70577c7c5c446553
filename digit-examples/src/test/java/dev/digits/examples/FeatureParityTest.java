package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import dev.digits.DigitImage;
import dev.digits.ModelSource;
import dev.digits.data.Mnist;
import dev.digits.dl4j.ClassifierFeatures;
import dev.digits.onnx.OnnxFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's FID is measured on the classifier's penultimate features on the backend the generator runs on
 * (issue 26): ONNX Runtime's features, taken from the ONNX graph's last dense layer, are DL4J's.
 */
class FeatureParityTest {
    @Test
    void onnxAndDl4jGiveTheSameFeatures() {
        List<DigitImage> pictures = Mnist.fromDataFolder().test().head(700).images();
        float[][] dl4j = ClassifierFeatures.bundled().of(pictures);
        try (OnnxFeatures onnx = OnnxFeatures.of(ModelSource.CLASSIFIER)) {
            float[][] rows = onnx.of(pictures);
            assertEquals(pictures.size(), rows.length, "one row a picture, across two batches");
            double worst = 0;
            double largest = 0;
            for (int i = 0; i < rows.length; i++) {
                assertEquals(dl4j[i].length, rows[i].length);
                for (int k = 0; k < rows[i].length; k++) {
                    worst = Math.max(worst, Math.abs(rows[i][k] - dl4j[i][k]));
                    largest = Math.max(largest, Math.abs(dl4j[i][k]));
                }
            }
            assertTrue(worst <= 1e-4 * Math.max(1, largest), "largest difference " + worst + " (largest value " + largest + ")");
            assertTrue(largest > 0.5, "features are not all zero: " + largest);
            float[] noise = new float[32 * 32];
            assertThrows(BadImageException.class, () -> onnx.of(List.of(DigitImage.of(32, 32, 1, noise))));
        }
    }
}
