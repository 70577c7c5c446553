package dev.digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.data.Corruption;
import dev.digits.data.DigitDataset;
import dev.digits.data.LabelledPictures;
import dev.digits.data.Mnist;
import dev.digits.data.RobustnessSet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier evaluation procedures on real MNIST pictures with stand-in classifiers whose answers are known:
 * they count what they should, name items as the command-line tool reports them, and keep going past bad files.
 */
class ClassifierProceduresTest {
    private static DigitDataset test;

    @TempDir
    Path folder;

    @BeforeAll
    static void data() {
        test = Mnist.fromDataFolder().test().head(200);
    }

    @Test
    void aDataSetInBatches() {
        List<Integer> batches = new ArrayList<>();
        try (DigitClassifier sevens = StandInModels.constant(7)) {
            Evaluation evaluation = Evaluation.of(sevens, test, batches::add);
            long sevensInTest = Arrays.stream(test.labels()).filter(label -> label == 7).count();
            assertEquals(List.of(200), batches);
            assertEquals(200, evaluation.count());
            assertEquals(sevensInTest, evaluation.correct());
            assertEquals(200 - sevensInTest, evaluation.misclassified().size());
            assertEquals(sevensInTest, evaluation.confusion()[7][7]);
            assertEquals(Integer.toString(firstNot(7)), evaluation.misclassified().get(0).item(), "items are indices");
            assertTrue(evaluation.failed().isEmpty());
        }
    }

    @Test
    void aFolderWithAnUnreadableAndAnEmptyPicture() throws Exception {
        List<LabelledPictures.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(new LabelledPictures.Entry(png("digit" + i + ".png", test.image(i).toBufferedImage()),
                    Integer.toString(test.label(i))));
        }
        Path broken = folder.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        entries.add(new LabelledPictures.Entry(broken, "4"));
        BufferedImage blank = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        blank.getGraphics().fillRect(0, 0, 40, 40);
        entries.add(new LabelledPictures.Entry(png("blank.png", blank), "1"));

        List<Evaluation.Answer> answers = new ArrayList<>();
        Evaluation evaluation;
        try (DigitClassifier classifier = StandInModels.constant(test.label(0))) {
            evaluation = Evaluation.ofPictures(classifier, null, folder, entries, answers::add);
        }
        assertEquals(5, evaluation.count());
        assertEquals(List.of("digit0.png", "digit1.png", "digit2.png", "broken.png", "blank.png"),
                answers.stream().map(Evaluation.Answer::item).toList());
        assertFalse(answers.get(0).missed(), "the stand-in names the first picture's digit");
        assertEquals(test.label(0), answers.get(0).prediction().orElseThrow().digit());
        assertEquals(List.of("broken.png"), List.copyOf(evaluation.failed().keySet()), "only the unreadable file failed");
        assertNull(answers.get(3).picture());
        assertTrue(answers.get(4).prediction().isEmpty(), "no digit on blank paper: a miss, not a failure");
        assertEquals(-1, evaluation.misclassified().get(evaluation.misclassified().size() - 1).predicted());
        assertTrue(answers.get(3).missed() && answers.get(4).missed());
    }

    @Test
    void aFolderOfNumbersIsRefused() throws Exception {
        List<LabelledPictures.Entry> entries = List.of(new LabelledPictures.Entry(
                png("number.png", test.image(0).toBufferedImage()), "12"));
        try (DigitClassifier classifier = StandInModels.constant(1)) {
            DigitsException e = assertThrows(DigitsException.class,
                    () -> Evaluation.ofPictures(classifier, null, folder, entries, null));
            assertTrue(e.getMessage().contains("not a single digit"), e.getMessage());
        }
    }

    @Test
    void picturesThroughThePreprocessing() {
        DigitDataset few = test.head(30);
        List<Evaluation.Answer> answers = new ArrayList<>();
        try (DigitClassifier sevens = StandInModels.constant(7)) {
            Evaluation evaluation = Evaluation.ofWholePictures(sevens, null, few, answers::add);
            assertEquals(30, evaluation.count());
            assertEquals(30, answers.size());
            long sevensInFew = Arrays.stream(few.labels()).filter(label -> label == 7).count();
            // MNIST digits are found on their black ground, so each seven is a right answer.
            assertEquals(sevensInFew, evaluation.correct());
            assertEquals(evaluation.correct(), answers.stream().filter(answer -> !answer.missed()).count());
        }
    }

    @Test
    void robustnessByCorruptionAddsUpToTheOverallFigure() {
        int perCorruption = 2;
        List<Evaluation.Answer> answers = new ArrayList<>();
        try (DigitClassifier sevens = StandInModels.constant(7)) {
            RobustnessEvaluation result = RobustnessEvaluation.of(sevens, null, new RobustnessSet(test, 2024), perCorruption,
                    answers::add);
            int pictures = perCorruption * Corruption.values().length;
            assertEquals(pictures, result.overall().count());
            assertEquals(pictures, answers.size());
            assertEquals(Arrays.stream(Corruption.values()).map(Corruption::label).toList(),
                    List.copyOf(result.byCorruption().keySet()));
            double rightByParts = result.byCorruption().values().stream().mapToDouble(a -> a * perCorruption).sum();
            assertEquals(result.overall().correct(), rightByParts, 1e-9);
            assertTrue(answers.get(0).item().startsWith(Corruption.values()[0].label() + "/"), answers.get(0).item());
        }
    }

    @Test
    void realDigitsRefusedWithWhy() throws Exception {
        Path digit = png("seven.png", test.image(0).toBufferedImage());
        Path broken = folder.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        BufferedImage blank = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        blank.getGraphics().fillRect(0, 0, 40, 40);
        Path empty = png("blank.png", blank);
        try (DigitClassifier classifier = StandInModels.constant(7)) {
            RejectionEvaluation.RefusedDigits result = RejectionEvaluation.refusedDigits(classifier, folder, List.of(
                    new LabelledPictures.Entry(digit, "7"), new LabelledPictures.Entry(broken, "1"),
                    new LabelledPictures.Entry(empty, "2")));
            assertEquals(3, result.count());
            assertEquals(2, result.refused().size(), result.refused().toString());
            assertTrue(result.refused().get(0).startsWith("broken.png ("), result.refused().get(0));
            assertEquals("blank.png (no digit found)", result.refused().get(1));
        }
    }

    @Test
    void calibrationFitsOnValidationAndUndoesTheCardsTemperature() {
        DigitDataset validation = Mnist.fromDataFolder().train().head(300);
        ModelCard warm = ModelCard.builder().task(Task.CLASSIFY).put(ModelCard.CALIBRATION_TEMPERATURE, 2.0).build();
        ModelCard plain = ModelCard.builder().task(Task.CLASSIFY).build();
        try (DigitClassifier withTemperature = StandInModels.byInk(warm); DigitClassifier without = StandInModels.byInk(plain)) {
            Calibration.Fit fit = Calibration.fit(withTemperature, validation, test);
            Calibration.Fit reference = Calibration.fit(without, validation, test);
            assertEquals(2.0, fit.cardTemperature());
            assertEquals(1.0, reference.cardTemperature());
            assertEquals(300, fit.validationSize());
            // The card's temperature is undone, so both fits see the same raw probabilities.
            assertEquals(reference.temperature(), fit.temperature(), 1e-3 * reference.temperature());
            assertEquals(reference.eceBefore(), fit.eceBefore(), 1e-4);
            assertTrue(fit.validationNll() <= fit.validationNllBefore(), fit.toString());
            assertEquals(Calibration.negativeLogLikelihood(Calibration.withTemperature(
                    without.classify(validation.images()), reference.temperature()), validation.labels()),
                    reference.validationNll(), 1e-9);
        }
    }

    private int firstNot(int digit) {
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) != digit) {
                return i;
            }
        }
        throw new AssertionError("every picture is a " + digit);
    }

    private Path png(String name, BufferedImage picture) throws Exception {
        Path file = folder.resolve(name);
        assertTrue(ImageIO.write(picture, "png", file.toFile()));
        return file;
    }
}
