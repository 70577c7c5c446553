package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.CardFiles;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.onnx.OnnxBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card means the same on both backends: the bundled classifier with an edited card (dark ink on light, or a
 * range of -1..1) answers the same on DL4J and ONNX, and the edit does change what the model sees (so the
 * agreement is not that of two backends ignoring it).
 */
class CardEntriesParityTest {
    private static final int PICTURES = 300;

    @TempDir
    Path folder;

    @Test
    void darkInkOnLightIsHonouredAlikeByBothBackends() throws IOException {
        assertSameAnswersWith(card -> card.toBuilder().put("input.input.ink", "dark-on-light").build(), "dark");
    }

    @Test
    void aRangeOfMinusOneToOneIsHonouredAlikeByBothBackends() throws IOException {
        assertSameAnswersWith(card -> card.toBuilder().put("input.input.range", "-1..1").build(), "range");
    }

    private void assertSameAnswersWith(UnaryOperator<ModelCard> edit, String name) throws IOException {
        Path zip = copyWithEditedCard(Dl4jModels.class, Dl4jModels.BUNDLED_FOLDER + "classifier.zip", name + ".zip", edit);
        Path onnx = copyWithEditedCard(OnnxBackend.class, OnnxBackend.BUNDLED_FOLDER + "classifier.onnx", name + ".onnx", edit);
        List<DigitImage> pictures = pictures();
        try (DigitClassifier dl4j = Digits.classifier(ModelSource.file(zip), "dl4j");
             DigitClassifier onnxClassifier = Digits.classifier(ModelSource.file(onnx), "onnx");
             DigitClassifier plain = Digits.classifier(ModelSource.CLASSIFIER, "onnx")) {
            List<Prediction> a = dl4j.classify(pictures);
            List<Prediction> b = onnxClassifier.classify(pictures);
            List<Prediction> unedited = plain.classify(pictures);
            int changed = 0;
            double worst = 0;
            for (int i = 0; i < pictures.size(); i++) {
                assertEquals(a.get(i).digit(), b.get(i).digit(), "picture " + i);
                for (int d = 0; d < 10; d++) {
                    worst = Math.max(worst, Math.abs(a.get(i).probability(d) - b.get(i).probability(d)));
                }
                changed += a.get(i).digit() != unedited.get(i).digit() ? 1 : 0;
            }
            assertTrue(worst <= 1e-4, "probabilities up to " + worst + " apart");
            assertTrue(changed > PICTURES / 10, "the edited entry changes the answers (" + changed + " of " + PICTURES
                    + " differ), so both backends really apply it");
        }
    }

    private Path copyWithEditedCard(Class<?> anchor, String resource, String fileName, UnaryOperator<ModelCard> edit)
            throws IOException {
        Path file = folder.resolve(fileName);
        try (InputStream model = anchor.getResourceAsStream(resource);
             InputStream card = anchor.getResourceAsStream(resource + ".properties")) {
            Files.write(file, model.readAllBytes());
            CardFiles.write(edit.apply(CardFiles.read(card, resource)), CardFiles.cardPathFor(file));
        }
        return file;
    }

    private static List<DigitImage> pictures() {
        DigitDataset test = Mnist.fromDataFolder().test();
        List<DigitImage> pictures = new ArrayList<>(PICTURES);
        for (int i = 0; i < PICTURES; i++) {
            pictures.add(test.image(i));
        }
        return pictures;
    }
}
