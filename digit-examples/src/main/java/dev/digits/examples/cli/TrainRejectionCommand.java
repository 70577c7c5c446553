package dev.digits.examples.cli;

import dev.digits.ModelSource;
import dev.digits.data.FashionMnist;
import dev.digits.data.Mnist;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.dl4j.train.RejectionTrainer;
import dev.digits.dl4j.train.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits train-rejection}: teaches a trained classifier to say "not a digit". */
@Command(name = "train-rejection", mixinStandardHelpOptions = true,
        header = "Teaches a ten-digit classifier to say \"not a digit\" (DL4J).",
        description = "Fine-tunes a ten-digit classifier (from 'digits train') into one that also says \"not a "
                + "digit\": an eleventh output trained on Fashion-MNIST training pictures, made non-digits "
                + "(scribbles, letter-like shapes, pairs and fragments of training digits, noise) and letters "
                + "and symbols in the training handwriting fonts. The whole network learns; on digits it is held "
                + "to the ten-digit classifier's own probabilities (distillation) so that it keeps them. Fits "
                + "the temperature and chooses the verdict thresholds on the validation split, and writes all "
                + "three in the card, with the fonts (DL4J). Needs Fashion-MNIST (Debian package "
                + "dataset-fashion-mnist, or the .gz files in DATA/fashion-mnist) and, unless --font-letters 0, "
                + "the training fonts' Debian packages (the error names them).")
final class TrainRejectionCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--base", required = true, paramLabel = "ZIP", split = ",",
            description = "The ten-digit classifier to start from, e.g. digits-model/classifier.zip from 'digits train'."
                    + " Give several (repeat --base, or separate the files by commas), trained from different seeds, for an"
                    + " ensemble: each learns \"not a digit\" in turn (kept in OUT/members, so a run started again goes"
                    + " on with the next), and the model saved runs them side by side, their probabilities averaged.")
    List<Path> bases;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder for classifier.zip and its card (default: ${DEFAULT-VALUE}).",
            defaultValue = "digits-model/rejecting")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of fine-tuning (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int epochs;

    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "Adam's first learning rate, halved every epoch (default: ${DEFAULT-VALUE}).", defaultValue = "1e-3")
    double learningRate;

    @Option(names = "--trained-convolutions", paramLabel = "N", defaultValue = "3",
            description = "How many convolutions, from the last, learn with the dense layers; the layers before keep "
                    + "the digit classifier's weights (default: ${DEFAULT-VALUE}, all of them; 0: dense layers only).")
    int trainedConvolutions;

    @Option(names = "--font-letters", paramLabel = "N", defaultValue = "12000",
            description = "Letters and symbols in the training handwriting fonts among the non-digits (default: "
                    + "${DEFAULT-VALUE}; 0: none, and no font is needed).")
    int fontLetters;

    @Option(names = "--distillation", paramLabel = "W", defaultValue = "0.5",
            description = "On digits, the weight of the ten-digit classifier's probabilities in the target, the "
                    + "rest being the label, in [0, 1) (default: ${DEFAULT-VALUE}; 0: labels only).")
    double distillation;

    @Option(names = "--teacher", paramLabel = "ZIP", split = ",",
            description = "Ten-digit classifiers from 'digits train' (repeat or separate with commas) whose mean"
                    + " probabilities the digits' targets take, with weight --distillation, instead of each base's own:"
                    + " e.g. the members of an ensemble that a smaller base learnt from.")
    List<Path> teachers = new ArrayList<>();

    @Option(names = "--unchanged", paramLabel = "ZIP", split = ",",
            description = "Ten-digit classifiers from 'digits train' (repeat or separate with commas) that the saved"
                    + " model runs as they are beside the one fine-tuned --base: \"not a digit\" is the fine-tuned"
                    + " network's, and each digit's probability the mean of theirs and its own times the rest, so"
                    + " learning \"not a digit\" costs the digits nothing.")
    List<Path> unchanged = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_SEED)
    long seed;

    @Option(names = "--per-kind", paramLabel = "N",
            description = "Made non-digits of each kind for training (default: ${DEFAULT-VALUE}).", defaultValue = "12000")
    int perKind;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(distillation >= 0 && distillation < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--distillation must be at least 0 and below 1, not " + distillation);
        }
        if (!teachers.isEmpty() && distillation == 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--teacher needs a --distillation weight above 0");
        }
        if (!unchanged.isEmpty() && bases.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--unchanged runs beside one fine-tuned --base, not " + bases.size());
        }
        if (fontLetters < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--font-letters must be 0 or more, not " + fontLetters);
        }
        RejectionTrainer.Options bundled = RejectionTrainer.Options.bundled(out);
        RejectionTrainer.Options options = new RejectionTrainer.Options(epochs, seed, bundled.batchSize(), learningRate,
                bundled.fashionAsIs(), bundled.fashionNormalised(), perKind,
                bundled.validationPerKind(), out, trainedConvolutions, 0, fontLetters, distillation);
        return OutputFolders.holding("digits train-rejection --out " + out, () -> run(options), out);
    }

    private Integer run(RejectionTrainer.Options options) throws Exception {
        // Before any network is read: DL4J picks its oneDNN layer helpers when a network is made.
        Dl4jRuntime.initialize();
        List<Dl4jModels.Dl4jModel> models = new ArrayList<>();
        for (Path base : bases) {
            models.add(Dl4jModels.load(ModelSource.file(base)));
        }
        List<Dl4jModels.Dl4jModel> teaching = new ArrayList<>();
        for (Path teacher : teachers) {
            teaching.add(Dl4jModels.load(ModelSource.file(teacher)));
        }
        List<Dl4jModels.Dl4jModel> keptAsTheyAre = new ArrayList<>();
        for (Path model : unchanged) {
            keptAsTheyAre.add(Dl4jModels.load(ModelSource.file(model)));
        }
        Mnist mnist = Mnist.fromDataFolder();
        RejectionTrainer.Result result;
        try (TrainCommand.BarProgress progress = new TrainCommand.BarProgress()) {
            result = new RejectionTrainer(options, progress).train(models, teaching, keptAsTheyAre, mnist.train(),
                    FashionMnist.fromDataFolder().train(), mnist.test());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", result.modelFile().toAbsolutePath().toString());
        json.put("validationAccuracy", result.validationAccuracy());
        json.put("validationNonDigitsRefused", result.validationNegativesRejected());
        json.put("validationDigitsRefused", result.validationDigitsRefused());
        json.put("seconds", Math.round(result.seconds()));
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Saved %s%n  validation: accuracy %.4f, non-digits refused %.4f, digits refused"
                            + " %.4f; %.0f s%n", json.get("model"), result.validationAccuracy(),
                    result.validationNegativesRejected(), result.validationDigitsRefused(), result.seconds());
        }
        return 0;
    }
}
