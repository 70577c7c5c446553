package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.NoDigitFoundException;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.data.DigitDataset;
import dev.digits.data.FashionMnist;
import dev.digits.data.Mnist;
import dev.digits.data.NonDigits;
import dev.digits.eval.LetterRejection;
import dev.digits.eval.RejectionEvaluation;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled classifier says "not a digit" and "not sure" (issue 10): its figures on the test sets meet the
 * issue's bars on both backends, both backends give the same verdicts, and the command line shows them.
 * Needs Fashion-MNIST: Debian's package dataset-fashion-mnist, or its four .gz files in DATA/fashion-mnist.
 */
class NotADigitTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"onnx", "dl4j"})
    void theBundledClassifierMeetsTheIssuesBarsOnTestMaterial(String backend) {
        try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, backend)) {
            RejectionEvaluation result = RejectionEvaluation.of(classifier, Mnist.fromDataFolder().test(),
                    FashionMnist.fromDataFolder().test(), 1000);
            assertTrue(result.fashionRejected() >= 0.99, "Fashion-MNIST test pictures rejected: " + result);
            assertTrue(result.mnistRejected() <= 0.005, "MNIST test digits refused: " + result);
            assertTrue(result.accuracy() >= 0.996, "plain accuracy: " + result);
            assertTrue(result.ece() <= 0.01, "calibration error: " + result);
            // The issue's bars of 95% for made non-digits and 99.8% on the accepted digits are missed by the
            // bundled model (88.6% and 99.73%, see the README), so these guard what it does reach: most made
            // non-digits refused, pure noise nearly always, and refusing makes the accepted answers better.
            assertTrue(result.syntheticRejected() >= 0.85, "made non-digits rejected: " + result);
            assertTrue(result.byKind().get("noise") >= 0.99, "noise rejected: " + result);
            assertTrue(result.acceptedAccuracy() > result.accuracy(), "accuracy on the accepted digits: " + result);
        }
    }

    /**
     * Letters in handwriting fonts never used in training (issue 25). Its bar of 95% is missed (85.9%, see the
     * README); this guards what the bundled model reaches, where the one before it answered "not a digit" to 52%.
     * Needs the fonts' Debian packages, which .ci/run installs.
     */
    @Test
    void theBundledClassifierSaysNotADigitToMostLettersInFontsItNeverSaw() {
        try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, "onnx")) {
            LetterRejection letters = LetterRejection.heldOutFonts(classifier, 2000);
            assertTrue(letters.lettersRejected() >= 0.8, "held-out font letters answered not a digit: " + letters);
        }
    }

    @Test
    void bothBackendsGiveTheSameVerdictOnDigitsAndNonDigits() {
        DigitDataset digits = Mnist.fromDataFolder().test();
        List<DigitImage> pictures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pictures.add(digits.image(i));
        }
        DigitDataset fashion = FashionMnist.fromDataFolder().test();
        for (int i = 0; i < 500; i++) {
            pictures.add(fashion.image(i));
        }
        for (NonDigits.Kind kind : NonDigits.Kind.values()) {
            pictures.addAll(NonDigits.make(kind, digits, 200, 99));
        }
        try (DigitClassifier dl4j = Digits.classifier(ModelSource.CLASSIFIER, "dl4j");
             DigitClassifier onnx = Digits.classifier(ModelSource.CLASSIFIER, "onnx")) {
            List<Prediction> a = dl4j.classify(pictures);
            List<Prediction> b = onnx.classify(pictures);
            int[] verdicts = new int[Verdict.values().length];
            for (int i = 0; i < pictures.size(); i++) {
                assertEquals(a.get(i).verdict(), b.get(i).verdict(), "picture " + i + ": " + a.get(i) + " vs " + b.get(i));
                assertEquals(a.get(i).notDigitProbability(), b.get(i).notDigitProbability(), 1e-5, "picture " + i);
                verdicts[a.get(i).verdict().ordinal()]++;
            }
            assertTrue(verdicts[Verdict.DIGIT.ordinal()] >= 990, "digits among the first 1000 test digits");
            assertTrue(verdicts[Verdict.NOT_A_DIGIT.ordinal()] >= 1200, "non-digits among 1500");
        }
    }

    @Test
    void aBlankPictureIsStillNoDigitFoundNotANonDigit() {
        BufferedImage paper = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = paper.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, "onnx")) {
            assertThrows(NoDigitFoundException.class, () -> classifier.classify(paper));
        }
    }

    @Test
    void predictSaysNotADigitForAShoeAndGivesTheVerdictInJson() throws Exception {
        DigitDataset fashion = FashionMnist.fromDataFolder().test();
        Path shoe = folder.resolve("shoe.png");
        ImageIO.write(fashion.image(0).toBufferedImage(), "png", shoe.toFile()); // test picture 0 is an ankle boot
        CommandRun text = CommandRun.of("predict", shoe.toString());
        assertEquals(0, text.status(), text.err());
        assertEquals(shoe + ": not a digit", text.out().strip());
        CommandRun json = CommandRun.of("predict", shoe.toString(), "--json");
        JsonNode answer = json.json();
        assertTrue(answer.get("digit").isNull());
        assertEquals("not-a-digit", answer.get("verdict").asText());
        assertTrue(answer.get("notDigit").asDouble() > 0.5);
    }

    @Test
    void predictSaysNotSureBelowTheMinimumConfidence() throws Exception {
        Path seven = Path.of("..", "samples", "7_7eraflops_1.png");
        CommandRun run = CommandRun.of("predict", seven.toString(), "--min-confidence", "1", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode answer = run.json();
        assertTrue(answer.get("digit").isNull());
        assertEquals("unsure", answer.get("verdict").asText());
        CommandRun text = CommandRun.of("predict", seven.toString(), "--min-confidence", "1");
        assertTrue(text.out().strip().matches(".*: not sure \\(7\\? \\d+%\\)"), text.out());
        assertEquals(2, CommandRun.of("predict", seven.toString(), "--min-confidence", "5").status());
        assertEquals(2, CommandRun.of("predict", seven.toString(), "--min-confidence", "NaN").status());
    }
}
