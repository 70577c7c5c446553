package dev.digits.dl4j.train;

import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import dev.digits.VerdictThresholds;
import dev.digits.data.DigitDataset;
import dev.digits.data.FontLetters;
import dev.digits.data.HandwritingFonts;
import dev.digits.data.HandwritingFonts.HandwritingFont;
import dev.digits.dl4j.ClassifierEnsemble;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import dev.digits.eval.Calibration;
import dev.digits.eval.Rejection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teaches a trained digit classifier to say "not a digit": its ten-way output becomes eleven-way (the
 * digits' weights kept, "not a digit" added), and the network is fine-tuned on the training split's
 * digits mixed with non-digits (Fashion-MNIST training pictures, {@link dev.digits.data.NonDigits} made
 * from training digits, and letters in the training handwriting fonts). On digits the target may mix the label
 * with the ten-digit classifier's own probabilities (distillation), so that the whole network can learn without
 * forgetting the digits. Then, on the validation split only, it fits the temperature and chooses the
 * verdict thresholds ({@link Rejection#chooseThresholds}), and saves the model with all three in its card.
 * The epoch kept is the one with the lowest validation cross-entropy over digits and non-digits, each
 * weighted half.
 */
public final class RejectionTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionTrainer.class);
    private static final int EVALUATION_BATCH = 500;

    /** At most this share of validation digits is called "not a digit". */
    public static final double MAX_VALIDATION_NOT_DIGIT = 0.001;
    /**
     * At most this share of validation digits gets no digit ("not a digit" or "unsure"). The bar is 0.5% of
     * the test digits; a share counted on 5,000 validation digits is uncertain by about 0.1%, so the budget
     * stays two of those below it (0.45% on validation became 0.60% on the test digits for a guarded model).
     */
    public static final double MAX_VALIDATION_REFUSED = 0.003;

    /**
     * @param epochs            passes over digits and non-digits
     * @param seed              for the order, the distortions and the made non-digits
     * @param batchSize         pictures per step
     * @param learningRate      Adam's initial rate, halved every epoch
     * @param fashionAsIs       Fashion-MNIST training pictures used as they are
     * @param fashionNormalised further Fashion-MNIST training pictures put into MNIST form as real ink would be
     * @param perKind           non-digits of each made kind (half as many noise fields)
     * @param validationPerKind the same for validation, made from validation digits with another seed
     * @param outputDirectory   where {@value ClassifierTrainer#MODEL_FILE} and its card are written
     * @param trainedConvolutions how many convolutions, counted from the last, learn with the dense layers;
     *                            the layers before them keep their weights and statistics (0: only the dense
     *                            layers learn; 3 or more: the whole network)
     * @param digitLimit          train on at most this many of the training split's digits, for a quick run (0: all)
     * @param fontLetters         letters and symbols in the training handwriting fonts ({@link FontLetters}) among
     *                            the non-digits (0: none, and no font is needed)
     * @param distillation        on digits, the weight of the ten-digit classifier's own probabilities in the target
     *                            (the rest is the label), which keeps what the whole network learns for "not a
     *                            digit" from unlearning the digits (0: labels only)
     */
    public record Options(int epochs, long seed, int batchSize, double learningRate, int fashionAsIs,
                          int fashionNormalised, int perKind, int validationPerKind, Path outputDirectory,
                          int trainedConvolutions, int digitLimit, int fontLetters, double distillation) {
        public Options {
            if (distillation < 0 || distillation >= 1) {
                throw new IllegalArgumentException("distillation is a weight in [0, 1), not " + distillation);
            }
            if (fontLetters < 0) {
                throw new IllegalArgumentException("fontLetters cannot be negative: " + fontLetters);
            }
        }

        /** Without font letters and distillation, as before issue 25. */
        public Options(int epochs, long seed, int batchSize, double learningRate, int fashionAsIs, int fashionNormalised,
                       int perKind, int validationPerKind, Path outputDirectory, int trainedConvolutions, int digitLimit) {
            this(epochs, seed, batchSize, learningRate, fashionAsIs, fashionNormalised, perKind, validationPerKind,
                    outputDirectory, trainedConvolutions, digitLimit, 0, 0);
        }

        /**
         * The settings of the bundled classifier: the whole network learns, on digits towards the ten-digit
         * classifier's probabilities as much as towards the labels, with handwriting-font letters among the
         * non-digits.
         */
        public static Options bundled(Path outputDirectory) {
            return new Options(4, TrainingOptions.DEFAULT_SEED, 128, 1e-3, 15_000, 8_000, 12_000, 600, outputDirectory,
                    3, 0, 12_000, 0.5);
        }

        String fingerprint() {
            String settings = String.format(Locale.ROOT, "epochs=%d,seed=%d,batch=%d,lr=%s,fashion=%d+%d,perKind=%d,"
                            + "validationPerKind=%d,trainedConvolutions=%d,fontLetters=%d,distillation=%s", epochs, seed,
                    batchSize, learningRate, fashionAsIs, fashionNormalised, perKind, validationPerKind,
                    trainedConvolutions, fontLetters, distillation);
            return digitLimit > 0 ? settings + ",digitLimit=" + digitLimit : settings;
        }
    }

    /** What the training gave, on the validation split. */
    public record Result(Path modelFile, ModelCard card, double validationAccuracy, double validationNegativesRejected,
                         double validationDigitsRefused, double seconds) {
    }

    private final Options options;
    private final TrainingProgress progress;

    public RejectionTrainer(Options options, TrainingProgress progress) {
        this.options = options;
        this.progress = progress == null ? TrainingProgress.NONE : progress;
    }

    /**
     * @param base          the trained ten-way classifier and its card; not changed
     * @param mnistTrain    MNIST's 60,000 training pictures; split as the base classifier's training split them
     * @param fashionTrain  Fashion-MNIST's 60,000 training pictures; the last 5,000 are kept for validation
     * @param mnistTest     measured once at the end for the card, never used to choose; may be null
     */
    public Result train(MultiLayerNetwork base, ModelCard baseCard, DigitDataset mnistTrain, DigitDataset fashionTrain,
                        DigitDataset mnistTest) {
        return train(List.of(new Dl4jModels.Dl4jModel(base, baseCard)), mnistTrain, fashionTrain, mnistTest);
    }

    /**
     * Teaches each of several ten-way classifiers (trained from different seeds) to say "not a digit" and saves
     * them as one ensemble ({@link ClassifierEnsemble}) whose temperature and thresholds are fitted on the
     * ensemble's own validation answers. Each fine-tuned member is kept in {@code OUT/members/}, so that a
     * run started again goes on with the next member. With one base, the model saved is that member alone.
     *
     * @param bases the trained ten-way classifiers and their cards; not changed
     */
    public Result train(List<Dl4jModels.Dl4jModel> bases, DigitDataset mnistTrain, DigitDataset fashionTrain,
                        DigitDataset mnistTest) {
        return train(bases, List.of(), mnistTrain, fashionTrain, mnistTest);
    }

    /**
     * As {@link #train(List, DigitDataset, DigitDataset, DigitDataset)}, with the digits' targets mixed with the
     * mean probabilities of {@code teachers} (ten-digit classifiers, e.g. the members of an ensemble too slow to
     * ship) instead of each base's own: the fine-tuning can then also bring a base closer to its teachers.
     *
     * @param teachers ten-digit classifiers from {@code digits train}; empty: each base teaches itself
     * @throws IllegalArgumentException when there are teachers but {@link Options#distillation()} is 0
     */
    public Result train(List<Dl4jModels.Dl4jModel> bases, List<Dl4jModels.Dl4jModel> teachers, DigitDataset mnistTrain,
                        DigitDataset fashionTrain, DigitDataset mnistTest) {
        return train(bases, teachers, List.of(), mnistTrain, fashionTrain, mnistTest);
    }

    /**
     * As {@link #train(List, List, DigitDataset, DigitDataset, DigitDataset)}; with {@code unchanged} ten-digit
     * classifiers, the model saved runs them as they are beside the one fine-tuned base
     * ({@link ClassifierEnsemble#guarded}): "not a digit" is the fine-tuned network's, and the digits are the mean of
     * theirs and its own, so learning "not a digit" cannot cost the digits what it costs the fine-tuned network.
     *
     * @param unchanged ten-digit classifiers from {@code digits train} that are not fine-tuned; empty: none
     * @throws IllegalArgumentException when there are unchanged classifiers and more than one base
     */
    public Result train(List<Dl4jModels.Dl4jModel> bases, List<Dl4jModels.Dl4jModel> teachers,
                        List<Dl4jModels.Dl4jModel> unchanged, DigitDataset mnistTrain, DigitDataset fashionTrain,
                        DigitDataset mnistTest) {
        if (!unchanged.isEmpty() && bases.size() != 1) {
            throw new IllegalArgumentException("Unchanged classifiers run beside one fine-tuned base, not "
                    + bases.size());
        }
        if (!teachers.isEmpty() && options.distillation() == 0) {
            throw new IllegalArgumentException("Teachers need a distillation weight above 0");
        }
        Teacher sharedTeacher = teachers.isEmpty() ? null
                : Teacher.of(teachers.stream().map(Dl4jModels.Dl4jModel::network).toList());
        Dl4jRuntime.require("nothing can be trained here");
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("Give at least one ten-digit classifier to start from");
        }
        long start = System.nanoTime();
        DigitDataset.Split split = mnistTrain.split(TrainingOptions.DEFAULT_VALIDATION_SIZE, TrainingOptions.DEFAULT_SEED);
        DigitDataset digits = options.digitLimit() > 0 ? split.rest().head(options.digitLimit()) : split.rest();
        DigitDataset validationDigits = split.heldOut();
        int fashionValidationSize = 5_000;
        DigitDataset fashion = fashionTrain.subset(0, fashionTrain.size() - fashionValidationSize);
        DigitDataset fashionValidation = fashionTrain.subset(fashionTrain.size() - fashionValidationSize, fashionTrain.size());
        List<DigitImage> negatives = RejectionData.negatives(fashion, options.fashionAsIs(), options.fashionNormalised(),
                digits, options.perKind(), options.seed());
        List<DigitImage> validationNegatives = RejectionData.negatives(fashionValidation, 2_500, 500, validationDigits,
                options.validationPerKind(), options.seed() + 1);
        List<String> fonts = List.of();
        if (options.fontLetters() > 0) {
            List<HandwritingFont> trainingFonts = HandwritingFonts.installed(HandwritingFonts.Split.TRAINING);
            fonts = trainingFonts.stream().map(HandwritingFont::name).toList();
            negatives.addAll(FontLetters.images(FontLetters.make(trainingFonts, FontLetters.LETTERS + FontLetters.SYMBOLS,
                    options.fontLetters(), options.seed())));
            // Validation letters come from the training fonts too, in other draws: the held-out fonts are kept
            // for the final measurement, never for choosing an epoch or a threshold.
            validationNegatives.addAll(FontLetters.images(FontLetters.make(trainingFonts,
                    FontLetters.LETTERS + FontLetters.SYMBOLS, options.validationPerKind(), options.seed() + 1)));
        }
        LOG.info("Fine-tuning {} classifier(s) on {} digits and {} non-digits; validating on {} digits and {} non-digits",
                bases.size(), digits.size(), negatives.size(), validationDigits.size(), validationNegatives.size());

        List<MultiLayerNetwork> members = new ArrayList<>();
        List<String> bestEpochs = new ArrayList<>();
        for (int k = 0; k < bases.size(); k++) {
            Path memberFile = options.outputDirectory().resolve("members").resolve("member-" + (k + 1) + ".zip");
            if (bases.size() > 1 && java.nio.file.Files.isRegularFile(memberFile)) {
                Dl4jModels.Dl4jModel kept = Dl4jModels.load(dev.digits.ModelSource.file(memberFile));
                LOG.info("Member {} of {} was fine-tuned before: {}", k + 1, bases.size(), memberFile);
                members.add(kept.network());
                bestEpochs.add(kept.card().get("rejection.training.best.epoch").orElse("?"));
                continue;
            }
            FineTuned member = fineTune(bases.get(k).network(), sharedTeacher, digits, negatives, validationDigits,
                    validationNegatives, options.seed() + k);
            members.add(member.network());
            bestEpochs.add(String.valueOf(member.bestEpoch()));
            if (bases.size() > 1) {
                Dl4jModels.save(member.network(), memberFile, elevenWay(bases.get(k).card(), member.network())
                        .toBuilder().put("rejection.training.best.epoch", member.bestEpoch()).build(), false);
            }
        }

        Scorer model;
        ComputationGraph ensemble = null;
        InputType mnistForm = InputType.convolutional(DigitImage.MNIST_SIZE, DigitImage.MNIST_SIZE, 1);
        List<MultiLayerNetwork> unchangedNetworks = unchanged.stream().map(Dl4jModels.Dl4jModel::network).toList();
        if (members.size() == 1 && unchanged.isEmpty()) {
            MultiLayerNetwork single = members.get(0);
            model = x -> single.output(x, false);
        } else {
            ensemble = unchanged.isEmpty() ? ClassifierEnsemble.of(members, mnistForm)
                    : ClassifierEnsemble.guarded(unchangedNetworks, members.get(0), mnistForm);
            ComputationGraph graph = ensemble;
            model = x -> graph.outputSingle(false, x);
        }
        int[] validationLabels = validationDigits.labels();
        List<Prediction> raw = predict(model, validationDigits.images());
        double temperature = Calibration.fitTemperature(raw, validationLabels);
        List<Prediction> calibrated = Calibration.withTemperature(raw, temperature);
        VerdictThresholds thresholds = Rejection.chooseThresholds(calibrated, MAX_VALIDATION_NOT_DIGIT, MAX_VALIDATION_REFUSED);
        List<Prediction> judgedDigits = calibrated.stream().map(p -> p.withThresholds(thresholds)).toList();
        List<Prediction> judgedNegatives = Calibration.withTemperature(predict(model, validationNegatives), temperature)
                .stream().map(p -> p.withThresholds(thresholds)).toList();
        double negativesRejected = Rejection.refusedShare(judgedNegatives);
        double digitsRefused = Rejection.refusedShare(judgedDigits);
        double accuracy = accuracy(raw, validationLabels);
        double testAccuracy = mnistTest == null ? Double.NaN
                : accuracy(predict(model, mnistTest.images()), mnistTest.labels());
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format(Locale.ROOT, "Kept epochs %s: temperature %.4f, %s; validation: non-digits refused %.4f,"
                + " digits refused %.4f", bestEpochs, temperature, thresholds, negativesRejected, digitsRefused));

        String validationNote = String.format(Locale.ROOT, "%d validation digits and %d validation non-digits",
                validationDigits.size(), validationNegatives.size());
        ModelCard.Builder card = elevenWay(bases.get(0).card(), members.get(0)).toBuilder()
                .put(ModelCard.CALIBRATION_TEMPERATURE, String.format(Locale.ROOT, "%.4f", temperature))
                .put("calibration.fitted.on", validationDigits.size() + " validation pictures (digits train-rejection)")
                .put(ModelCard.VERDICT_NOT_DIGIT_AT, String.format(Locale.ROOT, "%.6f", Math.min(1, thresholds.notDigitAt())))
                .put(ModelCard.VERDICT_UNSURE_BELOW, String.format(Locale.ROOT, "%.6f", thresholds.unsureBelow()))
                .put("verdict.chosen.on", validationNote + ": at most " + MAX_VALIDATION_NOT_DIGIT + " of the digits"
                        + " not a digit, at most " + MAX_VALIDATION_REFUSED + " refused")
                .put("verdict.validation.non-digits.refused", String.format(Locale.ROOT, "%.4f", negativesRejected))
                .put("verdict.validation.digits.refused", String.format(Locale.ROOT, "%.4f", digitsRefused))
                .put("rejection.training.settings", options.fingerprint())
                .put("rejection.training.best.epoch", String.join(",", bestEpochs))
                .put("rejection.training.non-digits", negatives.size())
                .put("rejection.training.fonts", fonts.isEmpty() ? null : String.join(" ", fonts))
                .put("rejection.training.teachers", teachers.isEmpty() ? null : teachers.size() + " ten-digit classifiers,"
                        + " SHA-256 " + String.join(" ", teachers.stream()
                        .map(t -> t.card().get(ModelCard.MODEL_SHA256).orElse("?")).toList()))
                .put("rejection.training.seconds", String.format(Locale.ROOT, "%.0f", seconds))
                .put(ModelCard.VALIDATION_ACCURACY, String.format(Locale.ROOT, "%.4f", accuracy))
                .put(ModelCard.TEST_ACCURACY, mnistTest == null ? null : String.format(Locale.ROOT, "%.4f", testAccuracy))
                .put(ModelCard.CREATED, Instant.now().toString());
        Path modelFile = options.outputDirectory().resolve(ClassifierTrainer.MODEL_FILE);
        ModelCard written;
        if (ensemble == null) {
            written = Dl4jModels.save(members.get(0), modelFile, card.build(), false);
        } else if (unchanged.isEmpty()) {
            written = Dl4jModels.save(ensemble, modelFile, withMembers(card, bases, members, ensemble).build());
        } else {
            List<Dl4jModels.Dl4jModel> all = new ArrayList<>(unchanged);
            all.add(bases.get(0));
            List<MultiLayerNetwork> networks = new ArrayList<>(unchangedNetworks);
            networks.add(members.get(0));
            written = Dl4jModels.save(ensemble, modelFile, withMembers(card, all, networks, ensemble)
                    .put(ModelCard.ARCHITECTURE, guardedArchitecture(unchanged, bases.get(0)))
                    .put("ensemble.unchanged", unchanged.size()).build());
        }
        LOG.info("Saved {} (validation accuracy {}, test accuracy {})", modelFile, accuracy, testAccuracy);
        return new Result(modelFile, written, accuracy, negativesRejected, digitsRefused, seconds);
    }

    /**
     * The card of an ensemble: the members' parameters (batch normalisations not yet folded), the whole graph's
     * multiply-adds, and each member's origin.
     */
    private static ModelCard.Builder withMembers(ModelCard.Builder card, List<Dl4jModels.Dl4jModel> bases,
                                                 List<MultiLayerNetwork> members, ComputationGraph ensemble) {
        card.put(ModelCard.ARCHITECTURE, ensembleArchitecture(bases))
                .put(ModelCard.PARAMETERS, members.stream().mapToLong(MultiLayerNetwork::numParams).sum())
                .put(ModelCard.MACS, NetworkStats.multiplyAdds(ensemble))
                .put("ensemble.members", ClassifierEnsemble.members(ensemble));
        for (int k = 0; k < bases.size(); k++) {
            ModelCard base = bases.get(k).card();
            String prefix = "ensemble.member." + (k + 1) + ".";
            card.put(prefix + "training.seed", base.get(ModelCard.SEED).orElse("?"))
                    .put(prefix + "base.sha256", base.get(ModelCard.MODEL_SHA256).orElse("?"))
                    .put(prefix + "accuracy.validation", base.get(ModelCard.VALIDATION_ACCURACY).orElse("?"))
                    .put(prefix + "architecture", base.get(ModelCard.ARCHITECTURE).orElse("?"));
        }
        return card;
    }

    /** "mean of 2 x (A) + 1 x (B)": the members' architectures, alike ones counted together, in order of first use. */
    static String ensembleArchitecture(List<Dl4jModels.Dl4jModel> bases) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Dl4jModels.Dl4jModel base : bases) {
            counts.merge(base.card().get(ModelCard.ARCHITECTURE).orElse("?").replace("dense10-softmax", "dense11-softmax"),
                    1, Integer::sum);
        }
        StringBuilder text = new StringBuilder("mean of ");
        counts.forEach((architecture, count) -> text.append(text.length() > 8 ? " + " : "").append(count).append(" x (")
                .append(architecture).append(')'));
        return text.toString();
    }

    /** "not a digit from (B), digits the mean of it and 2 x (A) unchanged". */
    static String guardedArchitecture(List<Dl4jModels.Dl4jModel> unchanged, Dl4jModels.Dl4jModel base) {
        String unchangedPart = ensembleArchitecture(unchanged).substring("mean of ".length())
                .replace("dense11-softmax", "dense10-softmax");
        return "not a digit from (" + base.card().get(ModelCard.ARCHITECTURE).orElse("?")
                .replace("dense10-softmax", "dense11-softmax") + "); digits the mean of its and " + unchangedPart
                + " unchanged";
    }

    /** A ten-way card made eleven-way for {@code network}. */
    private static ModelCard elevenWay(ModelCard baseCard, MultiLayerNetwork network) {
        return baseCard.toBuilder()
                .put(ModelCard.LABELS, "0,1,2,3,4,5,6,7,8,9," + ModelCard.NOT_A_DIGIT_LABEL)
                .outputs(ClassifierArchitecture.OUTPUT_WITH_NOT_A_DIGIT)
                .put(ModelCard.ARCHITECTURE, baseCard.get(ModelCard.ARCHITECTURE).orElse("?")
                        .replace("dense10-softmax", "dense11-softmax"))
                .put(ModelCard.PARAMETERS, network.numParams())
                .put(ModelCard.MACS, NetworkStats.multiplyAdds(network))
                .build();
    }

    /** A fine-tuned member in plain form, and the epoch kept. */
    private record FineTuned(MultiLayerNetwork network, int bestEpoch) {
    }

    /** Fine-tunes one ten-way classifier; keeps the epoch of the lowest validation loss. */
    private FineTuned fineTune(MultiLayerNetwork base, Teacher sharedTeacher, DigitDataset digits, List<DigitImage> negatives,
                               DigitDataset validationDigits, List<DigitImage> validationNegatives, long seed) {
        int batches = (digits.size() + negatives.size() + options.batchSize() - 1) / options.batchSize();
        MultiLayerNetwork network = withNotADigitOutput(base, batches);
        Teacher teacher = options.distillation() == 0 ? null
                : sharedTeacher != null ? sharedTeacher : Teacher.of(List.of(base));
        LOG.info("First convolution runs on helper {}", Dl4jRuntime.helperOf(network.getLayer(0)));
        network.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                progress.batchFinished();
            }
        });
        Augmenter augmenter = Augmenter.bundledRecipe();
        int[] validationLabels = validationDigits.labels();
        MultiLayerNetwork best = null;
        double bestLoss = Double.MAX_VALUE;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            progress.epochStarted(epoch, options.epochs(), batches);
            for (DataSet batch : RejectionData.epoch(digits, negatives, options.batchSize(), augmenter, seed, epoch,
                    teacher, options.distillation())) {
                network.fit(batch);
            }
            Scorer scorer = x -> network.output(x, false);
            List<Prediction> onDigits = predict(scorer, validationDigits.images());
            List<Prediction> onNegatives = predict(scorer, validationNegatives);
            double loss = (crossEntropy(onDigits, validationLabels) + crossEntropy(onNegatives, null)) / 2;
            double accuracy = accuracy(onDigits, validationLabels);
            boolean isBest = loss < bestLoss;
            if (isBest) {
                bestLoss = loss;
                bestEpoch = epoch;
                best = network.clone();
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            LOG.info(String.format(Locale.ROOT, "Epoch %d: validation digit accuracy %.4f, loss %.4f, non-digits at"
                            + " P>=0.5 %.4f, digits at P>=0.5 %.4f, %.0f s%s", epoch, accuracy, loss,
                    notDigitShare(onNegatives), notDigitShare(onDigits), seconds, isBest ? " (best)" : ""));
            progress.epochFinished(new TrainingProgress.EpochReport(epoch, accuracy, loss, seconds, isBest));
        }
        return new FineTuned(plain(best, base), bestEpoch);
    }

    /** A network's probabilities for a batch. */
    private interface Scorer {
        INDArray output(INDArray input);
    }

    /** A copy of {@code base} with an eleventh output whose digit weights are the old ones. */
    private MultiLayerNetwork withNotADigitOutput(MultiLayerNetwork base, int batchesPerEpoch) {
        int last = base.getnLayers() - 1;
        if (!(base.getLayer(last).conf().getLayer() instanceof OutputLayer)) {
            throw new DigitsException("The classifier's last layer is not an output layer; train-rejection needs the"
                    + " bundled classifier's architecture");
        }
        INDArray weights = base.getLayer(last).getParam("W").dup();
        INDArray biases = base.getLayer(last).getParam("b").dup();
        if (weights.size(1) != 10) {
            throw new DigitsException("The classifier has " + weights.size(1) + " outputs; train-rejection starts"
                    + " from a ten-digit classifier");
        }
        double perStep = Math.pow(0.5, 1.0 / batchesPerEpoch);
        TransferLearning.Builder builder = new TransferLearning.Builder(base.clone())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().seed(options.seed())
                        .updater(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, options.learningRate(), perStep)))
                        .build())
                .nOutReplace(last, RejectionData.CLASSES, WeightInit.XAVIER);
        int firstTrained = firstTrainedLayer(base, options.trainedConvolutions());
        if (firstTrained > 0) {
            // Frozen layers run in inference mode, so their batch normalisations keep the digits' statistics
            // and the features they make, hence most of the digits' accuracy, stay as trained.
            builder.setFeatureExtractor(firstTrained - 1);
        }
        MultiLayerNetwork network = builder.build();
        network.getLayer(last).getParam("W").get(NDArrayIndex.all(), NDArrayIndex.interval(0, 10)).assign(weights);
        INDArray b = network.getLayer(last).getParam("b");
        b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 10)).assign(biases);
        return network;
    }

    /** The first layer that learns: the {@code trainedConvolutions}-th convolution from the end, else the first dense layer. */
    private static int firstTrainedLayer(MultiLayerNetwork network, int trainedConvolutions) {
        List<Integer> convolutions = new ArrayList<>();
        int firstDense = -1;
        for (int i = 0; i < network.getnLayers(); i++) {
            Object layer = network.getLayer(i).conf().getLayer();
            if (layer instanceof ConvolutionLayer) {
                convolutions.add(i);
            } else if (layer instanceof DenseLayer && firstDense < 0) {
                firstDense = i;
            }
        }
        if (trainedConvolutions >= convolutions.size()) {
            return 0;
        }
        return trainedConvolutions > 0 ? convolutions.get(convolutions.size() - trainedConvolutions) : firstDense;
    }

    /**
     * The same weights in a plain network of {@code base}'s layers with eleven outputs, without the frozen-layer
     * wrappers of fine-tuning, so that it saves, folds and exports like any classifier.
     */
    private static MultiLayerNetwork plain(MultiLayerNetwork trained, MultiLayerNetwork base) {
        MultiLayerConfiguration configuration = base.getLayerWiseConfigurations().clone();
        ((OutputLayer) configuration.getConf(base.getnLayers() - 1).getLayer()).setNOut(RejectionData.CLASSES);
        MultiLayerNetwork plain = new MultiLayerNetwork(configuration);
        plain.init(trained.params().dup(), true);
        try (INDArray probe = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, 28, 28);
             INDArray a = trained.output(probe, false);
             INDArray b = plain.output(probe, false)) {
            double difference = a.sub(b).amax().getDouble(0);
            if (difference > 1e-5) {
                throw new IllegalStateException("The plain copy of the fine-tuned network differs by " + difference);
            }
        }
        return plain;
    }

    private static List<Prediction> predict(Scorer network, List<DigitImage> images) {
        List<Prediction> predictions = new ArrayList<>(images.size());
        int pixels = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;
        for (int from = 0; from < images.size(); from += EVALUATION_BATCH) {
            int count = Math.min(EVALUATION_BATCH, images.size() - from);
            float[] input = new float[count * pixels];
            for (int i = 0; i < count; i++) {
                images.get(from + i).copyPixelsTo(input, i * pixels);
            }
            try (INDArray x = Nd4j.create(input, new long[]{count, 1, 28, 28}, 'c');
                 INDArray y = network.output(x)) {
                for (float[] row : y.toFloatMatrix()) {
                    predictions.add(Prediction.of(row));
                }
            }
        }
        return predictions;
    }



    /** Mean cross-entropy of the eleven-way answers; {@code labels} null means all are "not a digit". */
    private static double crossEntropy(List<Prediction> predictions, int[] labels) {
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            double probability = labels == null ? p.notDigitProbability()
                    : (1 - p.notDigitProbability()) * p.probability(labels[i]);
            sum -= Math.log(Math.max(1e-12, probability));
        }
        return sum / predictions.size();
    }

    private static double accuracy(List<Prediction> predictions, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predictions.get(i).digit() == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    private static double notDigitShare(List<Prediction> predictions) {
        return predictions.stream().filter(p -> p.notDigitProbability() >= 0.5).count() / (double) predictions.size();
    }
}
