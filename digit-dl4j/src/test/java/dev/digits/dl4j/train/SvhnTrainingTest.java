package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.data.BadDataException;
import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.data.DigitDataset;
import dev.digits.dl4j.Dl4jBackend;
import dev.digits.dl4j.data.SvhnMatReader;
import dev.digits.eval.Evaluation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short SVHN-recipe training (32x32 gray, standardised) on the seven-segment fixture written by scipy
 * (src/test/resources/svhn/make_fixtures.py): 600 pictures, 100 held out from training and validation.
 */
class SvhnTrainingTest {
    @TempDir
    Path folder;

    static DigitDataset colourFixture() {
        try {
            return SvhnMatReader.read(Path.of(SvhnTrainingTest.class.getResource("/svhn/svhn-seven-segment.mat").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static DigitDataset.Split fixture() {
        return colourFixture().grayscale().split(100, 11);
    }

    static TrainingOptions options(Path out) {
        return TrainingOptions.builder(out).epochs(5).batchSize(32).learningRate(4e-3).validationSize(100).augment(false).seed(5).build();
    }

    @Test
    void shortTrainingOnGray32x32PicturesLearnsAndKeepsTheStandardisationInTheCard() {
        DigitDataset.Split data = fixture();
        TrainingResult result = new ClassifierTrainer(options(folder), null)
                .train(data.rest(), DatasetRecipe.SVHN, "fixture-md5", data.heldOut());
        assertTrue(result.testAccuracy() >= 0.9, "held-out accuracy after 5 epochs on 400 pictures: " + result.testAccuracy());

        ModelCard card = CardFiles.read(CardFiles.cardPathFor(result.modelFile()));
        TensorSpec input = card.inputs().get(0);
        assertEquals("1x32x32", input.attribute(TensorSpec.SHAPE).orElseThrow());
        double mean = Double.parseDouble(input.attribute(TensorSpec.MEAN).orElseThrow());
        double std = Double.parseDouble(input.attribute(TensorSpec.STD).orElseThrow());
        assertTrue(mean > 0.05 && mean < 0.95 && std > 0.05 && std < 0.6, "mean " + mean + ", std " + std);
        assertEquals("svhn", card.require(DatasetRecipe.DATASET_ENTRY));
        assertEquals("fixture-md5", card.require(DatasetRecipe.MD5_ENTRY));
        assertEquals("classifier-svhn", card.require(ModelCard.NAME));
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", result.testAccuracy()), card.require("accuracy.svhn.test"));
        assertTrue(card.get(ModelCard.TEST_ACCURACY).isEmpty(), "no MNIST figure in an SVHN model's card");

        try (DigitClassifier classifier = Digits.classifier(ModelSource.file(result.modelFile()), Dl4jBackend.NAME)) {
            double accuracy = Evaluation.of(classifier, data.heldOut(), null).accuracy();
            assertEquals(result.testAccuracy(), accuracy, 1e-9, "the classifier standardises its input as the training did");
            // A picture as a user gives it, in colour: made gray and 32x32 by the classifier's own preprocessing.
            DigitDataset colour = colourFixture().split(100, 11).heldOut();
            int agree = 0;
            for (int i = 0; i < 20; i++) {
                int fromPicture = classifier.classify(colour.image(i).toBufferedImage()).digit();
                if (fromPicture == classifier.classify(data.heldOut().image(i)).digit()) {
                    agree++;
                }
            }
            assertEquals(20, agree, "a colour picture gives the answer of its gray data-set form");
        }
    }

    @Test
    void colourPicturesAndDistortionsAreRefused() {
        DigitDataset colour = SvhnMatReader.read(Path.of("src/test/resources/svhn/svhn-format.mat"));
        BadDataException e = assertThrows(BadDataException.class, () -> new ClassifierTrainer(options(folder), null)
                .train(colour, DatasetRecipe.SVHN, "x", null));
        assertTrue(e.getMessage().contains("make colour pictures gray first"), e.getMessage());
        TrainingOptions distorting = TrainingOptions.builder(folder).augment(true).build();
        assertThrows(IllegalArgumentException.class, () -> new ClassifierTrainer(distorting, null)
                .train(colour.grayscale(), DatasetRecipe.SVHN, "x", null));
    }
}
