package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.ClassifierFeatures;
import dev.digits.eval.GeneratorMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits evaluate-generator}: how good the generated digits are, measured with the bundled classifier. */
@Command(name = "evaluate-generator", mixinStandardHelpOptions = true,
        header = "Measures the generator: label agreement, FID and diversity.",
        description = {"Measures the generator with the bundled classifier on 10,000 generated digits (1,000 of each):",
                "labelAgreement (share the classifier names as the digit asked for), fid (Frechet distance to the",
                "10,000 MNIST test digits on the classifier's 128 penultimate features), fidRealFloor (the same",
                "between 10,000 MNIST training digits and the test digits), and diversity (mean pairwise feature",
                "distance within each digit, generated divided by real; mode collapse shows as a low value).",
                "Example: digits evaluate-generator --backend onnx --json"})
final class EvaluateGeneratorCommand implements Callable<Integer> {
    static final int PER_DIGIT = 1000;
    /** Pictures per digit whose pairwise distances are averaged. */
    static final int DIVERSITY_SAMPLE = 300;
    private static final long SEED = 2024;

    @Mixin
    CommonOptions common;

    @Mixin
    GeneratorOptions generatorOptions;

    @Override
    public Integer call() {
        List<DigitImage> generated = new ArrayList<>(10 * PER_DIGIT);
        String backend;
        try (DigitGenerator generator = generatorOptions.open();
             ProgressBar bar = ProgressBars.of("Generating", 10)) {
            backend = generator.backendName();
            for (int digit = 0; digit < 10; digit++) {
                generated.addAll(generator.generate(digit, PER_DIGIT, SEED + digit));
                bar.step();
            }
        }
        int agree = 0;
        int[] agreeByDigit = new int[10];
        try (DigitClassifier classifier = Digits.classifier()) {
            List<Prediction> predictions = classifier.classify(generated);
            for (int i = 0; i < predictions.size(); i++) {
                if (predictions.get(i).digit() == i / PER_DIGIT) {
                    agree++;
                    agreeByDigit[i / PER_DIGIT]++;
                }
            }
        }
        Mnist mnist = Mnist.fromDataFolder();
        DigitDataset test = mnist.test();
        DigitDataset train = mnist.train().head(test.size());
        ClassifierFeatures features = ClassifierFeatures.bundled();
        float[][] testFeatures = features.of(pictures(test));
        float[][] generatedFeatures = features.of(generated);
        double fid = GeneratorMetrics.frechetDistance(generatedFeatures, testFeatures);
        double floor = GeneratorMetrics.frechetDistance(features.of(pictures(train)), testFeatures);
        double[] diversityByDigit = new double[10];
        double diversity = 0;
        for (int digit = 0; digit < 10; digit++) {
            float[][] fake = Arrays.copyOfRange(generatedFeatures, digit * PER_DIGIT, digit * PER_DIGIT + DIVERSITY_SAMPLE);
            float[][] real = realOfDigit(test, testFeatures, digit);
            diversityByDigit[digit] = GeneratorMetrics.meanPairwiseDistance(fake) / GeneratorMetrics.meanPairwiseDistance(real);
            diversity += diversityByDigit[digit] / 10;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labelAgreement", (double) agree / generated.size());
        json.put("fid", fid);
        json.put("fidRealFloor", floor);
        json.put("diversity", diversity);
        json.put("backend", backend);
        json.put("count", generated.size());
        json.put("features", "bundled classifier, penultimate layer (dense 128 after batch norm and ReLU)");
        List<Double> agreement = new ArrayList<>();
        List<Double> diversities = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            agreement.add((double) agreeByDigit[d] / PER_DIGIT);
            diversities.add(diversityByDigit[d]);
        }
        json.put("labelAgreementByDigit", agreement);
        json.put("diversityByDigit", diversities);
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Generator on %s, %d digits:%n  label agreement %.4f%n  FID %.3f (real floor %.3f,"
                    + " %.1fx)%n  diversity %.3f%n", backend, generated.size(), (double) agree / generated.size(), fid, floor,
                    fid / floor, diversity);
        }
        return 0;
    }

    private static List<DigitImage> pictures(DigitDataset set) {
        List<DigitImage> pictures = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            pictures.add(set.image(i));
        }
        return pictures;
    }

    private static float[][] realOfDigit(DigitDataset test, float[][] features, int digit) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < test.size() && rows.size() < DIVERSITY_SAMPLE; i++) {
            if (test.label(i) == digit) {
                rows.add(features[i]);
            }
        }
        return rows.toArray(new float[0][]);
    }

}
