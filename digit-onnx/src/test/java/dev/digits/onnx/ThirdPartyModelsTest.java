package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.io.Sha256;
import dev.digits.onnx.BandModels.Convention;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Third-party ONNX digit classifiers in other conventions (layout, value range, normalisation, ink polarity,
 * logits, fixed batch), described by their cards. The models are hand-built {@link BandModels}.
 */
class ThirdPartyModelsTest {
    private static final List<DigitImage> PICTURES = BandModels.pictures(300, 5);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Convention.class)
    void aCardThatDescribesTheModelGivesTheReferenceAnswers(Convention convention) throws Exception {
        byte[] model = BandModels.model(convention);
        Path file = BandModels.write(folder, "band", model, BandModels.card(convention, model).build());
        try (DigitClassifier classifier = Digits.classifier(ModelSource.file(file))) {
            assertEquals("onnx", classifier.backendName());
            List<Prediction> batched = classifier.classify(PICTURES);
            for (int i = 0; i < PICTURES.size(); i++) {
                float[] want = BandModels.expected(PICTURES.get(i));
                Prediction single = classifier.classify(PICTURES.get(i));
                for (int d = 0; d < 10; d++) {
                    assertEquals(want[d], batched.get(i).probability(d), 1e-5, convention + " picture " + i + " digit " + d);
                    assertEquals(want[d], single.probability(d), 1e-5, convention + " picture " + i + " digit " + d);
                }
            }
            for (int d = 0; d < 10; d++) {
                assertEquals(d, batched.get(d).digit(), "the stroke in band " + d);
            }
        }
    }

    @Test
    void aCardWithTheWrongPolarityOrRangeGivesOtherAnswers() throws Exception {
        byte[] model = BandModels.model(Convention.DARK_INK_0_255);
        ModelCard lightInk = BandModels.card(Convention.DARK_INK_0_255, model).put(ModelCard.FirstVersion.INPUT_INK, "light-on-dark").build();
        try (DigitClassifier classifier = OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "band", model, lightInk)),
                OnnxOptions.defaults())) {
            int right = 0;
            for (int d = 0; d < 10; d++) {
                right += classifier.classify(PICTURES.get(d)).digit() == d ? 1 : 0;
            }
            assertTrue(right < 5, "the polarity must matter: " + right + " of 10 right with the wrong card");
        }
        byte[] meanStd = BandModels.model(Convention.MEAN_STD);
        ModelCard plain = BandModels.card(Convention.REFERENCE, meanStd).build();
        try (DigitClassifier classifier = OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "plain", meanStd, plain)),
                OnnxOptions.defaults())) {
            List<Prediction> answers = classifier.classify(PICTURES);
            int different = 0;
            for (int i = 0; i < PICTURES.size(); i++) {
                float[] want = BandModels.expected(PICTURES.get(i));
                double worst = 0;
                for (int d = 0; d < 10; d++) {
                    worst = Math.max(worst, Math.abs(want[d] - answers.get(i).probability(d)));
                }
                different += worst > 1e-3 ? 1 : 0;
            }
            assertTrue(different > PICTURES.size() / 2, "normalisation must matter: only " + different + " answers changed");
        }
    }

    // ---------------------------------------------------------------- cards that do not match the model

    @Test
    void aCardWithAnotherLayoutIsRefusedWithWhatToFix() throws Exception {
        byte[] model = BandModels.model(Convention.REFERENCE);
        ModelCard nhwc = BandModels.card(Convention.NHWC, model).build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "band", model, nhwc)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("NHWC") && e.getMessage().contains("[?, 1, 28, 28]")
                && e.getMessage().contains("input.layout"), e.getMessage());

        byte[] flat = BandModels.model(Convention.FLAT);
        ModelCard nchw = BandModels.card(Convention.REFERENCE, flat).build();
        e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "flat", flat, nchw)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("[?, 784]"), e.getMessage());
    }

    @Test
    void aCardWhoseShapeContradictsItsLayoutIsRefused() throws Exception {
        byte[] model = BandModels.model(Convention.REFERENCE);
        ModelCard card = BandModels.card(Convention.REFERENCE, model).put(ModelCard.FirstVersion.INPUT_SHAPE, "784").build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "band", model, card)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("input.shape 784 does not match input.layout NCHW"), e.getMessage());
    }

    @Test
    void aCardThatCallsLogitsProbabilitiesIsRefusedWhenOpened() throws Exception {
        byte[] model = BandModels.model(Convention.LOGITS);
        ModelCard card = BandModels.card(Convention.REFERENCE, model).build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "band", model, card)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("output=logits"), e.getMessage());
    }

    @Test
    void aCardThatNamesAnInputOrOutputTheModelLacksIsRefused() throws Exception {
        byte[] model = BandModels.model(Convention.REFERENCE);
        ModelCard badInput = BandModels.card(Convention.REFERENCE, model).put(ModelCard.FirstVersion.INPUT_NAME, "image").build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "a", model, badInput)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("'image'") && e.getMessage().contains("[pixels]") && e.getMessage().contains("input.name"),
                e.getMessage());
        ModelCard badOutput = BandModels.card(Convention.REFERENCE, model).put(ModelCard.FirstVersion.OUTPUT_NAME, "probs").build();
        e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "b", model, badOutput)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("[scores]") && e.getMessage().contains("output.name"), e.getMessage());
        ModelCard named = BandModels.card(Convention.REFERENCE, model).put(ModelCard.FirstVersion.INPUT_NAME, "pixels")
                .put(ModelCard.FirstVersion.OUTPUT_NAME, "scores").build();
        try (OnnxClassifier classifier = OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "c", model, named)),
                OnnxOptions.defaults())) {
            assertEquals(7, classifier.classify(PICTURES.get(7)).digit());
        }
    }

    @Test
    void aModelWithSeveralInputsNeedsTheCardToNameOne() throws Exception {
        byte[] model = new TinyOnnx().input("a", -1, 1, 28, 28).input("b", -1, 1, 28, 28).floats("W", BandModels.weights(), 784, 10)
                .longs("flat", -1, 784).node("Reshape", List.of("a", "flat"), "rows").node("MatMul", List.of("rows", "W"), "l")
                .node("Softmax", List.of("l"), "p", "axis", 1L).output("p", -1, 10).bytes();
        ModelCard card = BandModels.card(Convention.REFERENCE, model).build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "two", model, card)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("input.name"), e.getMessage());
    }

    @Test
    void inputsThatAreNotFloatAndOutputsThatAreNotTenDigitsAreRefused() throws Exception {
        byte[] ints = new TinyOnnx().int64Input("x", -1, 1, 28, 28).node("Cast", List.of("x"), "y", "to", 1L)
                .floats("W", BandModels.weights(), 784, 10).longs("flat", -1, 784).node("Reshape", List.of("y", "flat"), "rows")
                .node("MatMul", List.of("rows", "W"), "p").output("p", -1, 10).bytes();
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> OnnxClassifier.open(ModelSource.file(
                BandModels.write(folder, "ints", ints, BandModels.card(Convention.LOGITS, ints).build())), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());

        byte[] five = new TinyOnnx().input("x", -1, 784).floats("W", new float[784 * 5], 784, 5)
                .node("MatMul", List.of("x", "W"), "p").output("p", -1, 5).bytes();
        e = assertThrows(BadModelFileException.class, () -> OnnxClassifier.open(ModelSource.file(
                BandModels.write(folder, "five", five, BandModels.card(Convention.FLAT, five).build())), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("[?, 5]") && e.getMessage().contains("[batch, 10]"), e.getMessage());
    }

    @Test
    void cardEntriesThatMeanNothingAreRefused() {
        for (String[] entry : new String[][]{{ModelCard.FirstVersion.INPUT_LAYOUT, "CHW"}, {ModelCard.FirstVersion.INPUT_RANGE, "0-255"},
                {ModelCard.FirstVersion.INPUT_RANGE, "1..0"}, {ModelCard.FirstVersion.INPUT_INK, "black"}, {ModelCard.FirstVersion.OUTPUT_KIND, "scores"},
                {ModelCard.FirstVersion.INPUT_STD, "0"}, {ModelCard.FirstVersion.INPUT_SHAPE, "1xAx28"}}) {
            ModelCard card = ModelCard.builder().put(entry[0], entry[1]).build();
            BadModelFileException e = assertThrows(BadModelFileException.class, () -> OnnxModelSpec.fromCard(card),
                    entry[0] + "=" + entry[1]);
            assertTrue(e.getMessage().contains(entry[0]), e.getMessage());
        }
    }

    @Test
    void aThirdPartyCardMustCarryTheModelsChecksum() throws Exception {
        byte[] model = BandModels.model(Convention.REFERENCE);
        ModelCard card = BandModels.card(Convention.REFERENCE, model).put(ModelCard.MODEL_SHA256, null).build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> OnnxClassifier.open(ModelSource.file(BandModels.write(folder, "band", model, card)), OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("model.sha256=" + Sha256.hex(model)), e.getMessage());
    }
}
