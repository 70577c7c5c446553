package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.export.OnnxExporter;
import dev.digits.dl4j.Dl4jBackend;
import dev.digits.onnx.OnnxBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits export-onnx}: writes a DL4J model as ONNX and checks that both give the same answers. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Exports a DL4J model (the bundled classifier by default) to ONNX, with its card beside it,",
                "then checks on the 10,000 MNIST test images that ONNX Runtime gives DL4J's answers",
                "(same digit on every image, probabilities within 1e-5); the figures go into the card."})
final class ExportOnnxCommand implements Callable<Integer> {
    /** The largest probability difference the check accepts. */
    static final double TOLERANCE = 1e-5;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "FILE.zip",
            description = "The DL4J model with its card beside it (default: the bundled classifier).")
    Path model;

    @Option(names = "--out", paramLabel = "FILE.onnx", required = true,
            description = "Where to write the ONNX model; its card goes inside it and beside it (FILE.onnx.properties).")
    Path out;

    @Option(names = "--no-verify", description = "Skip the check against DL4J on the MNIST test set.")
    boolean noVerify;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--out must name a .onnx file, got " + out);
        }
        ModelSource source = model == null ? ModelSource.CLASSIFIER : ModelSource.file(model);
        ModelCard card = OnnxExporter.write(source, out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", out.toAbsolutePath().toString());
        json.put("card", ModelCard.cardPathFor(out).toAbsolutePath().toString());
        json.put("source", model == null ? "bundled:classifier" : model.toAbsolutePath().toString());
        json.put("sha256", card.require(ModelCard.MODEL_SHA256));
        json.put("bytes", size(out));
        json.put("opset", OnnxExporter.OPSET);
        boolean agrees = true;
        if (!noVerify) {
            Parity parity = check(source);
            agrees = parity.argmaxAgreement() == parity.images() && parity.maxDifference() <= TOLERANCE;
            card = card.toBuilder()
                    .put("onnx.parity.images", parity.images())
                    .put("onnx.parity.argmax.agreement", String.format(Locale.ROOT, "%.4f", (double) parity.argmaxAgreement() / parity.images()))
                    .put("onnx.parity.max.probability.difference", String.format(Locale.ROOT, "%.3g", parity.maxDifference()))
                    .put("onnx.accuracy.mnist.test", String.format(Locale.ROOT, "%.4f", parity.onnxAccuracy()))
                    .build();
            card.write(ModelCard.cardPathFor(out));
            json.put("images", parity.images());
            json.put("argmaxAgreement", (double) parity.argmaxAgreement() / parity.images());
            json.put("maxProbabilityDifference", parity.maxDifference());
            json.put("accuracy", parity.onnxAccuracy());
            json.put("agrees", agrees);
        }
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Wrote %s (%d bytes, opset %d) and its card%n", out, size(out), OnnxExporter.OPSET);
            if (!noVerify) {
                System.out.printf(Locale.ROOT, "  on %d MNIST test images: same digit on %.4f of them, largest probability"
                                + " difference %.2g, ONNX accuracy %.4f%n", json.get("images"), json.get("argmaxAgreement"),
                        json.get("maxProbabilityDifference"), json.get("accuracy"));
            }
        }
        if (!agrees) {
            throw new DigitsException("The ONNX model does not give DL4J's answers (same digit on "
                    + json.get("argmaxAgreement") + " of the test images, probabilities up to " + json.get("maxProbabilityDifference")
                    + " apart, more than " + TOLERANCE + "); the files were written for inspection, but do not use them."
                    + " Please report this as an exporter bug");
        }
        return 0;
    }

    /** DL4J against ONNX Runtime on the MNIST test images. */
    record Parity(int images, int argmaxAgreement, double maxDifference, double onnxAccuracy) {
    }

    private Parity check(ModelSource source) {
        System.err.println("Checking the ONNX model against DL4J on the 10,000 MNIST test images...");
        DigitDataset test = Mnist.fromDataFolder().test();
        try (DigitClassifier dl4j = Digits.classifier(source, Dl4jBackend.NAME);
             DigitClassifier onnx = Digits.classifier(ModelSource.file(out), OnnxBackend.NAME)) {
            int agree = 0;
            int correct = 0;
            double worst = 0;
            int batch = 1000;
            for (int from = 0; from < test.size(); from += batch) {
                int to = Math.min(test.size(), from + batch);
                List<DigitImage> images = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    images.add(test.image(i));
                }
                List<Prediction> a = dl4j.classify(images);
                List<Prediction> b = onnx.classify(images);
                for (int i = 0; i < images.size(); i++) {
                    if (a.get(i).digit() == b.get(i).digit()) {
                        agree++;
                    }
                    if (b.get(i).digit() == test.label(from + i)) {
                        correct++;
                    }
                    for (int d = 0; d < 10; d++) {
                        worst = Math.max(worst, Math.abs(a.get(i).probability(d) - b.get(i).probability(d)));
                    }
                }
            }
            return new Parity(test.size(), agree, worst, (double) correct / test.size());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
