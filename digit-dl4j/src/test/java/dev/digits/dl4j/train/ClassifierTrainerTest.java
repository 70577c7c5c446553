package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.Dl4jBackend;
import dev.digits.eval.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short trainings on a few thousand MNIST pictures. */
class ClassifierTrainerTest {
    @TempDir
    Path folder;

    private static TrainingOptions.Builder quick(Path out) {
        return TrainingOptions.builder(out).trainLimit(3_000).validationSize(1_000).seed(7);
    }

    @Test
    void shortTrainingLearnsAndResumesFromItsCheckpoint() {
        DigitDataset train = Mnist.fromDataFolder().train();
        DigitDataset heldOutTest = Mnist.fromDataFolder().test().head(2_000);
        TrainingResult first = new ClassifierTrainer(quick(folder).epochs(1).build(), null)
                .train(train, "test", null);
        assertEquals(0, first.resumedFromEpoch());
        assertEquals(1, first.epochsRun());
        assertTrue(first.validationAccuracy() >= 0.85, "after 1 epoch on 3,000 pictures: " + first.validationAccuracy());

        TrainingResult second = new ClassifierTrainer(quick(folder).epochs(3).build(), null)
                .train(train, "test", heldOutTest);
        assertEquals(1, second.resumedFromEpoch(), "the second run continues after the first run's epoch");
        assertEquals(3, second.epochsRun());
        assertTrue(second.validationAccuracy() >= first.validationAccuracy());
        assertTrue(second.testAccuracy() >= 0.93, "held-out accuracy after 3 epochs on 3,000 pictures: " + second.testAccuracy());

        Path model = folder.resolve(ClassifierTrainer.MODEL_FILE);
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(model));
        assertEquals("3", card.require(ModelCard.EPOCHS));
        assertEquals("7", card.require(ModelCard.SEED));
        try (DigitClassifier classifier = dev.digits.Digits.classifier(ModelSource.file(model), Dl4jBackend.NAME)) {
            double accuracy = Evaluation.of(classifier, heldOutTest, null).accuracy();
            assertEquals(second.testAccuracy(), accuracy, 1e-9, "the saved model is the one that was measured");
        }
    }

    @Test
    void checkpointOfOtherSettingsIsNotResumed() {
        DigitDataset train = Mnist.fromDataFolder().train().head(3_000);
        new ClassifierTrainer(quick(folder).trainLimit(500).validationSize(200).epochs(1).build(), null)
                .train(train, "test", null);
        TrainingOptions other = quick(folder).trainLimit(500).validationSize(200).epochs(2).seed(8).build();
        DigitsException e = assertThrows(DigitsException.class, () -> new ClassifierTrainer(other, null)
                .train(train, "test", null));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        TrainingOptions wide = quick(folder).trainLimit(500).validationSize(200).epochs(2)
                .width(ClassifierArchitecture.Width.WIDE).build();
        DigitsException widthChanged = assertThrows(DigitsException.class, () -> new ClassifierTrainer(wide, null)
                .train(train, "test", null));
        assertTrue(widthChanged.getMessage().contains("other settings"), widthChanged.getMessage());
        assertTrue(Files.exists(folder.resolve("checkpoints")));
    }

    /** Issue 25: a pupil learns from a teacher's probabilities, and its card names the teacher. */
    @Test
    void aPupilLearnsFromItsTeacherAndItsCardNamesIt() {
        DigitDataset train = Mnist.fromDataFolder().train();
        TrainingResult teacher = new ClassifierTrainer(quick(folder.resolve("teacher")).epochs(1).build(), null)
                .train(train, "test", null);
        TrainingOptions taught = quick(folder.resolve("pupil")).epochs(1).seed(8)
                .teachers(List.of(teacher.modelFile()), 0.5).build();
        TrainingResult pupil = new ClassifierTrainer(taught, null).train(train, "test",
                Mnist.fromDataFolder().test().head(1_000));
        assertTrue(pupil.validationAccuracy() >= 0.85, "after 1 epoch on 3,000 pictures: " + pupil.validationAccuracy());
        assertTrue(pupil.testAccuracy() >= 0.85, "held-out accuracy after 1 epoch: " + pupil.testAccuracy());
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(pupil.modelFile()));
        String teacherSha = CardFiles.read(CardFiles.cardPathFor(teacher.modelFile())).require(ModelCard.MODEL_SHA256);
        assertTrue(card.require("training.teachers").contains(teacherSha), card.require("training.teachers"));
        assertEquals("0.5", card.require("training.distillation"));
    }

    /** Issue 25: the wide network, an ensemble member unlike the standard ones, learns and says what it is. */
    @Test
    void theWideNetworkLearnsAndItsCardNamesItsWidth() {
        DigitDataset train = Mnist.fromDataFolder().train();
        TrainingResult result = new ClassifierTrainer(quick(folder).epochs(1).width(ClassifierArchitecture.Width.WIDE)
                .build(), null).train(train, "test", Mnist.fromDataFolder().test().head(1_000));
        assertTrue(result.validationAccuracy() >= 0.85, "after 1 epoch on 3,000 pictures: " + result.validationAccuracy());
        assertTrue(result.testAccuracy() >= 0.85, "held-out accuracy after 1 epoch: " + result.testAccuracy());
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(result.modelFile()));
        assertEquals(ClassifierArchitecture.Width.WIDE.description(), card.require(ModelCard.ARCHITECTURE));
        assertTrue(card.require(ModelCard.ARCHITECTURE).contains("conv3x3x96"), card.require(ModelCard.ARCHITECTURE));
        // Two wide members must fit issue 25's bound of 15 M multiply-adds per picture.
        assertTrue(result.multiplyAdds() > 6_000_000 && result.multiplyAdds() <= 7_500_000, "" + result.multiplyAdds());
        assertEquals(ClassifierArchitecture.DESCRIPTION, ClassifierArchitecture.Width.STANDARD.description(),
                "the standard width is the bundled classifier's, so its checkpoints still resume");
    }

    /**
     * Issue 23, item 6: two resumes from the same epoch-1 checkpoint ended with different models (validation 0.952
     * and 0.956), since dropout drew from a generator a restored network does not reseed. Now 1 epoch + resume 1
     * gives exactly the weights of 2 epochs, and the resumed run's history holds both epochs.
     */
    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        DigitDataset train = Mnist.fromDataFolder().train().head(3_000);
        Path whole = folder.resolve("whole");
        Path resumed = folder.resolve("resumed");
        TrainingResult uninterrupted = new ClassifierTrainer(quick(whole).trainLimit(600).validationSize(200).epochs(2)
                .build(), null).train(train, "test", null);
        new ClassifierTrainer(quick(resumed).trainLimit(600).validationSize(200).epochs(1).build(), null)
                .train(train, "test", null);
        TrainingResult second = new ClassifierTrainer(quick(resumed).trainLimit(600).validationSize(200).epochs(2)
                .build(), null).train(train, "test", null);
        assertEquals(1, second.resumedFromEpoch());
        org.nd4j.linalg.api.ndarray.INDArray expected = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                whole.resolve("checkpoints").resolve(ClassifierTrainer.CHECKPOINT).toFile(), true).params();
        org.nd4j.linalg.api.ndarray.INDArray actual = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                resumed.resolve("checkpoints").resolve(ClassifierTrainer.CHECKPOINT).toFile(), true).params();
        assertEquals(expected, actual, "1 epoch + resume 1 gives the weights of 2 epochs");
        assertEquals(uninterrupted.history(), second.history().stream().map(r -> new TrainingProgress.EpochReport(
                r.epoch(), r.validationAccuracy(), r.validationLoss(), uninterrupted.history().get(r.epoch() - 1).seconds(),
                r.best())).toList(), "the whole history, with the same figures");

        // Re-running the finished training trains nothing and still has the whole history (the curves were empty).
        TrainingResult again = new ClassifierTrainer(quick(resumed).trainLimit(600).validationSize(200).epochs(2)
                .build(), null).train(train, "test", null);
        assertEquals(2, again.history().size());
    }
}
