package dev.digits.dl4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.VerdictThresholds;
import dev.digits.data.DigitDataset;
import dev.digits.data.FashionMnist;
import dev.digits.data.Mnist;
import dev.digits.dl4j.Dl4jModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short fine-tuning on little data teaches a quickly trained classifier to refuse held-out Fashion-MNIST
 * test pictures while it still names held-out digits, and writes a model whose card carries the eleventh
 * label, the temperature and the thresholds.
 */
class RejectionTrainerTest {
    @TempDir
    Path folder;

    @Test
    void aShortFineTuningRefusesHeldOutClothesAndKeepsTheDigits() {
        Mnist mnist = Mnist.fromDataFolder();
        Dl4jModels.Dl4jModel model = quickBase(mnist, 7, ClassifierArchitecture.Width.STANDARD);

        RejectionTrainer.Options options = new RejectionTrainer.Options(1, 7, 64, 1e-3, 2_000, 500, 300, 100,
                folder.resolve("rejecting"), 0, 3_000);
        RejectionTrainer.Result result = new RejectionTrainer(options, null).train(model.network(), model.card(),
                mnist.train(), FashionMnist.fromDataFolder().train(), null);

        ModelCard card = result.card();
        assertEquals(11, card.classifierOutputs());
        VerdictThresholds thresholds = VerdictThresholds.of(card);
        assertTrue(thresholds.notDigitAt() >= 0.5 && thresholds.unsureBelow() <= 0.9, thresholds.toString());
        assertTrue(result.validationNegativesRejected() >= 0.5, "validation non-digits refused: "
                + result.validationNegativesRejected());

        DigitDataset fashionTest = FashionMnist.fromDataFolder().test().head(300);
        DigitDataset digitsTest = mnist.test().head(300);
        try (DigitClassifier classifier = Digits.classifier(ModelSource.file(result.modelFile()), "dl4j")) {
            List<Prediction> clothes = classifier.classify(fashionTest.images());
            List<Prediction> digits = classifier.classify(digitsTest.images());
            long refused = clothes.stream().filter(p -> p.verdict() == Verdict.NOT_A_DIGIT).count();
            int right = named(digits, digitsTest);
            assertTrue(refused >= 270, refused + " of 300 held-out Fashion-MNIST test pictures refused");
            assertTrue(right >= 270, right + " of 300 held-out test digits named");
        }
    }

    /**
     * Two quickly trained classifiers from different seeds learn "not a digit" with the whole network, distillation
     * and letters in the training fonts, and are saved as one ensemble that names digits and refuses non-digits;
     * started again, the run takes the fine-tuned members it kept instead of training them anew.
     */
    @Test
    void anEnsembleOfTwoLearnsLettersAndResumesFromItsMembers() {
        Mnist mnist = Mnist.fromDataFolder();
        // The second member is wide: members may differ in width.
        List<Dl4jModels.Dl4jModel> bases = List.of(quickBase(mnist, 7, ClassifierArchitecture.Width.STANDARD),
                quickBase(mnist, 8, ClassifierArchitecture.Width.WIDE));
        RejectionTrainer.Options options = new RejectionTrainer.Options(1, 7, 64, 1e-3, 1_000, 250, 150, 60,
                folder.resolve("ensemble"), 3, 2_000, 1_000, 0.5);
        // Each member's digits are held to the mean of both bases (teachers), not to its own base alone.
        RejectionTrainer.Result result = new RejectionTrainer(options, null).train(bases, bases, mnist.train(),
                FashionMnist.fromDataFolder().train(), null);

        ModelCard card = result.card();
        assertEquals("2", card.get("ensemble.members").orElseThrow());
        assertEquals(dev.digits.dl4j.Dl4jFormat.COMPUTATION_GRAPH, card.get(ModelCard.FORMAT).orElseThrow());
        assertTrue(card.get("rejection.training.fonts").orElseThrow().contains("Breip"), card.toString());
        assertEquals(bases.get(0).network().numParams() + bases.get(1).network().numParams() + 129L + 257L,
                Long.parseLong(card.get(ModelCard.PARAMETERS).orElseThrow()), "two members, each with an eleventh output");
        assertEquals("mean of 1 x (" + ClassifierArchitecture.Width.STANDARD.description().replace("dense10", "dense11")
                        + ") + 1 x (" + ClassifierArchitecture.Width.WIDE.description().replace("dense10", "dense11") + ")",
                card.require(ModelCard.ARCHITECTURE));
        assertEquals(ClassifierArchitecture.Width.WIDE.description(), card.require("ensemble.member.2.architecture"));
        for (Dl4jModels.Dl4jModel base : bases) {
            assertTrue(card.require("rejection.training.teachers").contains(base.card().require(ModelCard.MODEL_SHA256)),
                    card.require("rejection.training.teachers"));
        }

        DigitDataset digitsTest = mnist.test().head(300);
        try (DigitClassifier classifier = Digits.classifier(ModelSource.file(result.modelFile()), "dl4j")) {
            List<Prediction> digits = classifier.classify(digitsTest.images());
            int right = named(digits, digitsTest);
            assertTrue(right >= 270, right + " of 300 held-out test digits named");
        }
        assertTrue(result.validationNegativesRejected() >= 0.7, "validation non-digits, letters in the training fonts"
                + " among them, refused: " + result.validationNegativesRejected());

        RejectionTrainer.Result again = new RejectionTrainer(options, null).train(bases, bases, mnist.train(),
                FashionMnist.fromDataFolder().train(), null);
        assertEquals(result.validationAccuracy(), again.validationAccuracy());
        assertEquals(card.get(ModelCard.CALIBRATION_TEMPERATURE), again.card().get(ModelCard.CALIBRATION_TEMPERATURE),
                "the kept members, not new ones");
    }

    /**
     * A base fine-tuned to say "not a digit" beside another classifier kept unchanged: the model saved is the guarded
     * graph of both, its card says so, and it names held-out digits and refuses held-out clothes.
     */
    @Test
    void aFineTunedBaseBesideAnUnchangedClassifierIsSavedAsOneGuardedModel() {
        Mnist mnist = Mnist.fromDataFolder();
        List<Dl4jModels.Dl4jModel> trained = List.of(quickBase(mnist, 7, ClassifierArchitecture.Width.STANDARD),
                quickBase(mnist, 9, ClassifierArchitecture.Width.STANDARD));
        RejectionTrainer.Options options = new RejectionTrainer.Options(1, 7, 64, 1e-3, 2_000, 500, 300, 100,
                folder.resolve("guarded"), 3, 3_000);
        RejectionTrainer.Result result = new RejectionTrainer(options, null).train(List.of(trained.get(0)), List.of(),
                List.of(trained.get(1)), mnist.train(), FashionMnist.fromDataFolder().train(), null);

        ModelCard card = result.card();
        assertEquals(11, card.classifierOutputs());
        assertEquals("1", card.require("ensemble.unchanged"));
        assertEquals("2", card.require("ensemble.members"));
        assertTrue(card.require(ModelCard.ARCHITECTURE).startsWith("not a digit from ("), card.toString());
        assertTrue(card.require(ModelCard.ARCHITECTURE).endsWith("dense10-softmax) unchanged"), card.toString());

        DigitDataset fashionTest = FashionMnist.fromDataFolder().test().head(300);
        DigitDataset digitsTest = mnist.test().head(300);
        try (DigitClassifier classifier = Digits.classifier(ModelSource.file(result.modelFile()), "dl4j")) {
            long refused = classifier.classify(fashionTest.images()).stream()
                    .filter(p -> p.verdict() == Verdict.NOT_A_DIGIT).count();
            List<Prediction> digits = classifier.classify(digitsTest.images());
            int right = named(digits, digitsTest);
            assertTrue(refused >= 270, refused + " of 300 held-out Fashion-MNIST test pictures refused");
            assertTrue(right >= 270, right + " of 300 held-out test digits named");
        }
        assertThrows(IllegalArgumentException.class, () -> new RejectionTrainer(options, null).train(trained, List.of(),
                List.of(trained.get(1)), mnist.train(), FashionMnist.fromDataFolder().train(), null));
    }

    /** A ten-digit classifier trained for 2 epochs on 3,000 training pictures. */
    private Dl4jModels.Dl4jModel quickBase(Mnist mnist, long seed, ClassifierArchitecture.Width width) {
        TrainingResult base = new ClassifierTrainer(TrainingOptions.builder(folder.resolve("base-" + seed))
                .trainLimit(3_000).seed(seed).epochs(2).width(width).build(), null).train(mnist.train(), "test", null);
        return Dl4jModels.load(ModelSource.file(base.modelFile()));
    }

    /** How many of the answers name the digit the set labels. */
    private static int named(List<Prediction> answers, DigitDataset digits) {
        int right = 0;
        for (int i = 0; i < answers.size(); i++) {
            right += answers.get(i).digit() == digits.label(i) ? 1 : 0;
        }
        return right;
    }
}
