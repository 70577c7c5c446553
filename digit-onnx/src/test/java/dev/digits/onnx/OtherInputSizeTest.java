package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.io.Sha256;
import dev.digits.preprocess.Preprocessor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier of 32×32 gray pictures whose card asks for standardisation, as the models trained on SVHN are: a
 * hand-built linear model whose probabilities are computed in Java from the standardised pixels.
 */
class OtherInputSizeTest {
    private static final int SIDE = 32;
    private static final float MEAN = 0.45f;
    private static final float STD = 0.25f;

    @TempDir
    Path folder;

    /** Digit d is the brightness of rows 4 + 2d and 5 + 2d against the rest, so every answer depends on the input. */
    private static float[] weights() {
        float[] w = new float[SIDE * SIDE * 10];
        for (int d = 0; d < 10; d++) {
            for (int row = 4 + 2 * d; row <= 5 + 2 * d; row++) {
                for (int x = 0; x < SIDE; x++) {
                    w[(row * SIDE + x) * 10 + d] = 0.2f;
                }
            }
        }
        return w;
    }

    private static float[] expected(DigitImage picture) {
        float[] w = weights();
        float[] p = picture.pixels();
        double[] logits = new double[10];
        for (int i = 0; i < p.length; i++) {
            double standardised = (p[i] - MEAN) / STD;
            for (int d = 0; d < 10; d++) {
                logits[d] += standardised * w[i * 10 + d];
            }
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l);
        }
        float[] out = new float[10];
        for (int d = 0; d < 10; d++) {
            out[d] = (float) (Math.exp(logits[d]) / sum);
        }
        return out;
    }

    private OnnxClassifier open() throws Exception {
        byte[] model = new TinyOnnx().floats("W", weights(), SIDE * SIDE, 10).longs("flat", -1, SIDE * SIDE)
                .input("input", -1, 1, SIDE, SIDE)
                .node("Reshape", List.of("input", "flat"), "rows")
                .node("MatMul", List.of("rows", "W"), "logits").node("Softmax", List.of("logits"), "output", "axis", 1L)
                .output("output", -1, 10).bytes();
        ModelCard card = ModelCard.builder().put(ModelCard.NAME, "svhn-like").put(ModelCard.FORMAT, "onnx")
                .put(ModelCard.MODEL_SHA256, Sha256.hex(model)).put(ModelCard.INPUTS, "input").put(ModelCard.OUTPUTS, "output")
                .put("input.input.shape", "1x32x32").put("input.input.layout", "NCHW")
                .put("input.input.mean", MEAN).put("input.input.std", STD)
                .put("output.output.kind", "probabilities").build();
        return OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "svhn-like", model, card)), OnnxOptions.defaults());
    }

    @Test
    void takes32x32PicturesAndStandardisesThemAsTheCardSays() throws Exception {
        Random random = new Random(3);
        List<DigitImage> pictures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] values = new float[SIDE * SIDE];
            for (int v = 0; v < values.length; v++) {
                values[v] = random.nextFloat();
            }
            pictures.add(DigitImage.of(SIDE, SIDE, 1, values));
        }
        try (OnnxClassifier classifier = open()) {
            assertEquals(SIDE, classifier.inputWidth());
            assertEquals(SIDE, classifier.inputHeight());
            List<Prediction> predictions = classifier.classify(pictures);
            for (int i = 0; i < pictures.size(); i++) {
                float[] want = expected(pictures.get(i));
                for (int d = 0; d < 10; d++) {
                    assertEquals(want[d], predictions.get(i).probability(d), 1e-5, "picture " + i + ", digit " + d);
                }
            }
            BadImageException e = assertThrows(BadImageException.class,
                    () -> classifier.classify(DigitImage.mnist(new float[28 * 28])));
            assertTrue(e.getMessage().contains("this model takes 32x32 single-channel pictures"), e.getMessage());
        }
    }

    @Test
    void aPictureIsMadeGrayAndResizedToTheInputWithoutCroppingOrInverting() throws Exception {
        BufferedImage picture = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                // A light band where digit 6 looks (rows 16 and 17 of 32) on a dark background.
                boolean band = y / 2 == 16 || y / 2 == 17;
                picture.setRGB(x, y, band ? 0xF0E0D0 : 0x202020);
            }
        }
        try (OnnxClassifier classifier = open()) {
            DigitImage resized = Preprocessor.resized(SIDE, SIDE).preprocess(picture).image();
            assertEquals(SIDE, resized.width());
            Prediction prediction = classifier.classify(picture);
            assertEquals(6, prediction.digit());
            assertEquals(classifier.classify(resized).probability(6), prediction.probability(6), 1e-7);
            // Gray by luma: 0.299 * 240 + 0.587 * 224 + 0.114 * 208 = 226.96 (a blue weight of 0.144 would give 233).
            assertEquals(226.96f / 255f, resized.pixel(3, 16, 0), 1e-3f);
        }
    }
}
