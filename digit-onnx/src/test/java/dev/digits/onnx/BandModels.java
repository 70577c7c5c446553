package dev.digits.onnx;

import dev.digits.DigitImage;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hand-built ONNX "band" classifiers in many conventions. The reference reads a 28×28 picture as the digit
 * whose horizontal band (rows 4 + 2d and 5 + 2d) holds the most ink: logits = 3 · (pixels · W). Each variant
 * expects its input in another convention and undoes it inside its graph, so that with a card that describes
 * it correctly it gives exactly the reference's answers, and with a wrong card it does not.
 */
final class BandModels {
    static final float GAIN = 3f;

    private BandModels() {
    }

    /** The band weights, [784, 10]. */
    static float[] weights() {
        float[] w = new float[784 * 10];
        for (int d = 0; d < 10; d++) {
            for (int row = 4 + 2 * d; row <= 5 + 2 * d; row++) {
                for (int x = 0; x < 28; x++) {
                    w[(row * 28 + x) * 10 + d] = GAIN;
                }
            }
        }
        return w;
    }

    /** The reference's probabilities, computed in Java. */
    static float[] expected(DigitImage image) {
        float[] w = weights();
        float[] p = image.pixels();
        double[] logits = new double[10];
        for (int i = 0; i < 784; i++) {
            for (int d = 0; d < 10; d++) {
                logits[d] += p[i] * w[i * 10 + d];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        float[] out = new float[10];
        for (int d = 0; d < 10; d++) {
            sum += Math.exp(logits[d] - max);
        }
        for (int d = 0; d < 10; d++) {
            out[d] = (float) (Math.exp(logits[d] - max) / sum);
        }
        return out;
    }

    /** Ten pictures with ink in band d (a stroke with some noise), then random pictures. */
    static List<DigitImage> pictures(int count, long seed) {
        Random random = new Random(seed);
        List<DigitImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] p = new float[784];
            if (i < 10 || random.nextBoolean()) {
                int d = i < 10 ? i : random.nextInt(10);
                int row = 4 + 2 * d + random.nextInt(2);
                for (int x = 6 + random.nextInt(4); x < 20 + random.nextInt(4); x++) {
                    p[row * 28 + x] = 0.6f + 0.4f * random.nextFloat();
                }
                for (int k = 0; k < 20; k++) {
                    p[random.nextInt(784)] = 0.3f * random.nextFloat();
                }
            } else {
                for (int k = 0; k < 784; k++) {
                    p[k] = random.nextFloat() < 0.2f ? random.nextFloat() : 0f;
                }
            }
            images.add(DigitImage.mnist(p));
        }
        return images;
    }

    /** The conventions the variants are built for. */
    enum Convention {
        /** NCHW, 0..1, light ink, probabilities: the card's defaults. */
        REFERENCE,
        /** NCHW, logits. */
        LOGITS,
        /** NHWC [batch, 28, 28, 1]. */
        NHWC,
        /** FLAT [batch, 784]. */
        FLAT,
        /** 0..255 with dark ink on a light background. */
        DARK_INK_0_255,
        /** 0..1 then (x - 0.1307) / 0.3081, as PyTorch's MNIST examples do. */
        MEAN_STD,
        /** -1..1. */
        MINUS_ONE_TO_ONE,
        /** Batch size fixed to 1. */
        FIXED_BATCH_ONE
    }

    /** The model bytes of a variant; its input is {@code pixels} and its output {@code scores}. */
    static byte[] model(Convention convention) {
        TinyOnnx m = new TinyOnnx().floats("W", weights(), 784, 10).longs("flat", -1, 784);
        String x = "pixels";
        switch (convention) {
            case NHWC -> m.input(x, -1, 28, 28, 1);
            case FLAT -> m.input(x, -1, 784);
            case FIXED_BATCH_ONE -> m.input(x, 1, 1, 28, 28);
            default -> m.input(x, -1, 1, 28, 28);
        }
        String v = x;
        switch (convention) {
            case DARK_INK_0_255 -> {
                // x = 255 · (1 - v)  ⇒  v = 1 - x / 255
                m.floats("k255", new float[]{255f}).floats("one", new float[]{1f});
                m.node("Div", List.of(v, "k255"), "scaled").node("Sub", List.of("one", "scaled"), "v");
                v = "v";
            }
            case MEAN_STD -> {
                // x = (v - 0.1307) / 0.3081  ⇒  v = x · 0.3081 + 0.1307
                m.floats("std", new float[]{0.3081f}).floats("mean", new float[]{0.1307f});
                m.node("Mul", List.of(v, "std"), "scaled").node("Add", List.of("scaled", "mean"), "v");
                v = "v";
            }
            case MINUS_ONE_TO_ONE -> {
                // x = 2v - 1  ⇒  v = (x + 1) / 2
                m.floats("one", new float[]{1f}).floats("two", new float[]{2f});
                m.node("Add", List.of(v, "one"), "shifted").node("Div", List.of("shifted", "two"), "v");
                v = "v";
            }
            default -> {
            }
        }
        m.node("Reshape", List.of(v, "flat"), "rows");
        if (convention == Convention.LOGITS) {
            m.node("MatMul", List.of("rows", "W"), "scores");
        } else {
            m.node("MatMul", List.of("rows", "W"), "logits").node("Softmax", List.of("logits"), "scores", "axis", 1L);
        }
        return m.output("scores", convention == Convention.FIXED_BATCH_ONE ? 1 : -1, 10).bytes();
    }

    /** The card that describes a variant correctly. */
    static ModelCard.Builder card(Convention convention, byte[] model) {
        ModelCard.Builder card = ModelCard.builder().put(ModelCard.NAME, "band-" + convention.name().toLowerCase())
                .put(ModelCard.FORMAT, "onnx").put(ModelCard.MODEL_SHA256, Sha256.hex(model));
        switch (convention) {
            case LOGITS -> card.put(ModelCard.FirstVersion.OUTPUT_KIND, "logits");
            case NHWC -> card.put(ModelCard.FirstVersion.INPUT_LAYOUT, "NHWC").put(ModelCard.FirstVersion.INPUT_SHAPE, "28x28x1");
            case FLAT -> card.put(ModelCard.FirstVersion.INPUT_LAYOUT, "FLAT").put(ModelCard.FirstVersion.INPUT_SHAPE, "784");
            case DARK_INK_0_255 -> card.put(ModelCard.FirstVersion.INPUT_RANGE, "0..255").put(ModelCard.FirstVersion.INPUT_INK, "dark-on-light");
            case MEAN_STD -> card.put(ModelCard.FirstVersion.INPUT_MEAN, "0.1307").put(ModelCard.FirstVersion.INPUT_STD, "0.3081");
            case MINUS_ONE_TO_ONE -> card.put(ModelCard.FirstVersion.INPUT_RANGE, "-1..1");
            default -> {
            }
        }
        return card;
    }

    /** Writes a model and its card into a folder; returns the model file. */
    static Path write(Path folder, String name, byte[] model, ModelCard card) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".onnx");
        Files.write(file, model);
        CardFiles.write(card, CardFiles.cardPathFor(file));
        return file;
    }
}
