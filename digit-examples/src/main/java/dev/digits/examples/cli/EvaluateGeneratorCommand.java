package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.data.Mnist;
import dev.digits.dl4j.ClassifierFeatures;
import dev.digits.eval.GeneratorEvaluation;
import dev.digits.onnx.OnnxFeatures;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits evaluate-generator}: how good the generated digits are, measured with the bundled classifier. */
@Command(name = "evaluate-generator", mixinStandardHelpOptions = true,
        header = "Measures the generator: label agreement, FID and diversity.",
        description = "Measures the generator with the bundled classifier on 10,000 generated digits (1,000 of "
                + "each): labelAgreement (share the classifier names as the digit asked for), fid (Frechet "
                + "distance to the 10,000 MNIST test digits on the classifier's 128 penultimate features), "
                + "fidRealFloor (the same between 10,000 MNIST training digits and the test digits), and "
                + "diversity (mean pairwise feature distance within each digit, generated divided by real; "
                + "mode collapse shows as a low value).")
final class EvaluateGeneratorCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    GeneratorOptions generatorOptions;

    @picocli.CommandLine.Option(names = "--second-judge", paramLabel = "FILE",
            description = "Also the label agreement by this classifier (a model file with its card, e.g. one trained by"
                    + " 'digits train --seed S' from another seed), which shares nothing with the bundled one: a"
                    + " generator tuned to one classifier's quirks shows up as agreement the other does not confirm.")
    java.nio.file.Path secondJudge;

    @Override
    public Integer call() {
        // Opened first, so that a judge that cannot run fails before minutes of generating; on the backend that
        // loads its format (a classifier trained with 'digits train' is a DL4J file, the generator may run on ONNX).
        try (DigitClassifier second = secondJudge == null ? null : Digits.classifier(ModelSource.file(secondJudge), null)) {
            return evaluate(second);
        }
    }

    private int evaluate(DigitClassifier secondJudgeClassifier) {
        Mnist mnist = Mnist.fromDataFolder();
        GeneratorEvaluation result;
        String backend;
        try (DigitGenerator generator = generatorOptions.open();
             DigitClassifier judge = Digits.classifier(ModelSource.CLASSIFIER, generator.backendName());
             ProgressBar bar = ProgressBars.of("Generating", 10)) {
            backend = generator.backendName();
            // The features on the generator's backend: the ONNX backend never loads DL4J's native libraries.
            if (backend.equals("onnx")) {
                try (OnnxFeatures features = OnnxFeatures.of(ModelSource.CLASSIFIER)) {
                    result = GeneratorEvaluation.of(generator, judge, features::of, mnist.test(),
                            mnist.train().head(mnist.test().size()), bar::step);
                }
            } else {
                ClassifierFeatures features = ClassifierFeatures.bundled();
                result = GeneratorEvaluation.of(generator, judge, features::of, mnist.test(),
                        mnist.train().head(mnist.test().size()), bar::step);
            }
        }
        double[] second = null;
        if (secondJudgeClassifier != null) {
            try (DigitGenerator generator = generatorOptions.open()) {
                second = GeneratorEvaluation.labelAgreement(generator, secondJudgeClassifier, GeneratorEvaluation.PER_DIGIT,
                        GeneratorEvaluation.SEED);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labelAgreement", result.labelAgreement());
        if (second != null) {
            json.put("labelAgreementSecondJudge", second[0]);
            json.put("labelAgreementSecondJudgeByDigit", java.util.Arrays.stream(second, 1, 11).boxed().toList());
        }
        json.put("fid", result.fid());
        json.put("fidRealFloor", result.fidRealFloor());
        json.put("diversity", result.diversity());
        json.put("backend", backend);
        json.put("count", result.count());
        json.put("features", "bundled classifier, penultimate layer (dense 128 after batch norm and ReLU)");
        json.put("labelAgreementByDigit", result.labelAgreementByDigit());
        json.put("diversityByDigit", result.diversityByDigit());
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Generator on %s, %d digits:%n  label agreement %.4f%n  FID %.3f (real floor %.3f,"
                    + " %.1fx)%n  diversity %.3f%n", backend, result.count(), result.labelAgreement(), result.fid(),
                    result.fidRealFloor(), result.fid() / result.fidRealFloor(), result.diversity());
            if (second != null) {
                System.out.printf(Locale.ROOT, "  label agreement by the second judge %.4f%n", second[0]);
            }
        }
        return 0;
    }
}
