package dev.digits.examples.cli;

import dev.digits.BadModelFileException;
import dev.digits.CardSchema;
import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.DigitsException;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.Task;
import dev.digits.NumberReading;
import dev.digits.data.SyntheticNumbers;
import dev.digits.read.LearnedNumberReader;
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
        header = "Exports a DL4J model to ONNX and checks that both give the same answers.",
        description = {"Exports a DL4J model (the bundled classifier by default, or a generator from train-gan) to ONNX,",
                "with its card inside and beside it, then checks that ONNX Runtime gives DL4J's answers: a classifier",
                "on the 10,000 MNIST test images (same digit on every image, probabilities within 1e-5), a generator",
                "on 1,000 seeded pictures (pixels within 1e-4), a number reader on 400 synthetic test numbers (same",
                "text, confidence within 1e-5); the figures go into the card.",
                "Example: digits export-onnx --model digits-model/generator.zip --out target/generator.onnx"})
final class ExportOnnxCommand implements Callable<Integer> {
    /** The largest probability difference the check accepts. */
    static final double TOLERANCE = 1e-5;
    /** Largest pixel difference allowed between the two backends' generators (issue: same picture within 1e-4). */
    static final double GENERATOR_TOLERANCE = 1e-4;
    /** Pictures compared between the two generators. */
    static final int GENERATOR_CHECKS = 1000;
    /** Synthetic test numbers (half separated, half touching) read by both learned readers. */
    static final int READER_CHECKS = 400;

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
        if (model != null && !Files.isRegularFile(model)) {
            throw new BadModelFileException("There is no model " + model + " to export. The training commands write"
                    + " one: digits train --out DIR (DIR/classifier.zip), train-gan (DIR/generator.zip), train-reader"
                    + " (DIR/number-reader.zip); or leave out --model to export the bundled classifier");
        }
        ModelSource source = model == null ? ModelSource.CLASSIFIER : ModelSource.file(model);
        Task task = model == null ? Task.CLASSIFY : taskOf(model);
        ModelCard card = OnnxExporter.write(source, task, out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", out.toAbsolutePath().toString());
        json.put("card", CardFiles.cardPathFor(out).toAbsolutePath().toString());
        json.put("source", model == null ? "bundled:classifier" : model.toAbsolutePath().toString());
        json.put("task", task.id());
        json.put("sha256", card.require(ModelCard.MODEL_SHA256));
        json.put("bytes", size(out));
        json.put("opset", OnnxExporter.OPSET);
        boolean agrees = true;
        if (!noVerify && task == Task.READ_NUMBERS) {
            double worst = readerParity(source);
            agrees = worst <= TOLERANCE;
            CardFiles.write(card.toBuilder().put("onnx.parity.numbers", READER_CHECKS)
                    .put("onnx.parity.max.confidence.difference", String.format(Locale.ROOT, "%.3g", worst))
                    .build(), CardFiles.cardPathFor(out));
            json.put("numbers", READER_CHECKS);
            json.put("maxConfidenceDifference", worst);
            json.put("agrees", agrees);
        } else if (!noVerify && task == Task.GENERATE) {
            double worst = generatorParity(source);
            agrees = worst <= GENERATOR_TOLERANCE;
            CardFiles.write(card.toBuilder().put("onnx.parity.images", GENERATOR_CHECKS)
                    .put("onnx.parity.max.pixel.difference", String.format(Locale.ROOT, "%.3g", worst))
                    .build(), CardFiles.cardPathFor(out));
            json.put("images", GENERATOR_CHECKS);
            json.put("maxPixelDifference", worst);
            json.put("agrees", agrees);
        } else if (!noVerify) {
            CardSchema.PictureInput pictureInput = CardSchema.PictureInput.of(card);
            int[] size = {pictureInput.width(), pictureInput.height()};
            boolean mnistForm = size[0] == DigitImage.MNIST_SIZE && size[1] == DigitImage.MNIST_SIZE;
            Parity parity = check(source, size);
            agrees = parity.argmaxAgreement() == parity.images() && parity.maxDifference() <= TOLERANCE;
            card = card.toBuilder()
                    .put("onnx.parity.images", parity.images())
                    .put("onnx.parity.argmax.agreement", String.format(Locale.ROOT, "%.4f", (double) parity.argmaxAgreement() / parity.images()))
                    .put("onnx.parity.max.probability.difference", String.format(Locale.ROOT, "%.3g", parity.maxDifference()))
                    .put("onnx.accuracy.mnist.test", mnistForm ? String.format(Locale.ROOT, "%.4f", parity.onnxAccuracy()) : null)
                    .build();
            CardFiles.write(card, CardFiles.cardPathFor(out));
            json.put("images", parity.images());
            json.put("argmaxAgreement", (double) parity.argmaxAgreement() / parity.images());
            json.put("maxProbabilityDifference", parity.maxDifference());
            if (mnistForm) {
                json.put("accuracy", parity.onnxAccuracy());
            }
            json.put("agrees", agrees);
        }
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Wrote %s (%d bytes, opset %d) and its card%n", out, size(out), OnnxExporter.OPSET);
            if (!noVerify && task == Task.READ_NUMBERS) {
                System.out.printf(Locale.ROOT, "  %d synthetic test numbers read by both backends: %s, largest confidence"
                        + " difference %.2g%n", READER_CHECKS, agrees ? "same text" : "DIFFERENT", json.get("maxConfidenceDifference"));
            } else if (!noVerify && task == Task.GENERATE) {
                System.out.printf(Locale.ROOT, "  %d pictures from both backends, largest pixel difference %.2g%n",
                        GENERATOR_CHECKS, json.get("maxPixelDifference"));
            } else if (!noVerify && json.containsKey("accuracy")) {
                System.out.printf(Locale.ROOT, "  on %d MNIST test images: same digit on %.4f of them, largest probability"
                                + " difference %.2g, ONNX accuracy %.4f%n", json.get("images"), json.get("argmaxAgreement"),
                        json.get("maxProbabilityDifference"), json.get("accuracy"));
            } else if (!noVerify) {
                System.out.printf(Locale.ROOT, "  on %d MNIST test images framed to the model's input size: same digit on %.4f"
                                + " of them, largest probability difference %.2g%n", json.get("images"), json.get("argmaxAgreement"),
                        json.get("maxProbabilityDifference"));
            }
        }
        if (!agrees) {
            throw new DigitsException("The ONNX model does not give DL4J's answers (" + (task == Task.READ_NUMBERS
                    ? "readings differ, or confidences are up to " + json.get("maxConfidenceDifference") + " apart"
                    : task == Task.GENERATE
                    ? "pixels up to " + json.get("maxPixelDifference") + " apart, more than " + GENERATOR_TOLERANCE
                    : "same digit on " + json.get("argmaxAgreement") + " of the test images, probabilities up to "
                    + json.get("maxProbabilityDifference") + " apart, more than " + TOLERANCE)
                    + "); the files were written for inspection, but do not use them. Please report this as an exporter bug");
        }
        return 0;
    }

    /** The task a model file's card names (a classifier when the card is not where the current name says). */
    private static Task taskOf(Path modelFile) {
        Path card = CardFiles.cardPathFor(modelFile);
        return Files.exists(card) ? CardFiles.read(card).task() : Task.CLASSIFY;
    }

    /** The largest pixel difference between the DL4J and the ONNX generator over 100 seeded pictures of each digit. */
    private double generatorParity(ModelSource source) {
        System.err.println("Checking the ONNX generator against DL4J on " + GENERATOR_CHECKS + " pictures...");
        double worst = 0;
        try (DigitGenerator dl4j = Digits.generator(source, Dl4jBackend.NAME);
             DigitGenerator onnx = Digits.generator(ModelSource.file(out), OnnxBackend.NAME)) {
            for (int digit = 0; digit < 10; digit++) {
                List<DigitImage> a = dl4j.generate(digit, GENERATOR_CHECKS / 10, 1000 + digit);
                List<DigitImage> b = onnx.generate(digit, GENERATOR_CHECKS / 10, 1000 + digit);
                for (int i = 0; i < a.size(); i++) {
                    worst = Math.max(worst, a.get(i).maxDifference(b.get(i)));
                }
            }
        }
        return worst;
    }

    /**
     * The largest confidence difference between the learned readers of both backends on synthetic test numbers
     * (infinite when a text differs).
     */
    private double readerParity(ModelSource source) {
        System.err.println("Checking the ONNX number reader against DL4J on " + READER_CHECKS + " synthetic numbers...");
        double worst = 0;
        try (LearnedNumberReader dl4j = learned(Digits.numberReader(source, Dl4jBackend.NAME));
             LearnedNumberReader onnx = learned(Digits.numberReader(ModelSource.file(out), OnnxBackend.NAME))) {
            for (SyntheticNumbers.Variant variant : SyntheticNumbers.Variant.values()) {
                SyntheticNumbers numbers = SyntheticNumbers.mnistTest(variant, SyntheticNumbers.DEFAULT_SEED);
                for (int i = 0; i < READER_CHECKS / 2; i++) {
                    java.awt.image.BufferedImage picture = numbers.sample(i).picture();
                    NumberReading a = dl4j.read(picture);
                    NumberReading b = onnx.read(picture);
                    worst = Math.max(worst, a.text().equals(b.text())
                            ? Math.abs(a.confidence() - b.confidence()) : Double.POSITIVE_INFINITY);
                }
            }
        }
        return worst;
    }

    private static LearnedNumberReader learned(dev.digits.NumberReader reader) {
        if (!(reader instanceof LearnedNumberReader learned)) {
            reader.close();
            throw new DigitsException("Expected a learned number reader, got " + reader);
        }
        return learned.withStrategy(LearnedNumberReader.Strategy.LEARNED);
    }

    /** DL4J against ONNX Runtime on the MNIST test images. */
    record Parity(int images, int argmaxAgreement, double maxDifference, double onnxAccuracy) {
    }

    /**
     * DL4J against ONNX Runtime on the MNIST test images; for a model of another input size (SVHN's 32×32) the
     * same images centred in a black frame of that size, which is enough to compare the two backends (the
     * accuracy then means nothing).
     */
    private Parity check(ModelSource source, int[] size) {
        System.err.println("Checking the ONNX model against DL4J on the 10,000 MNIST test images...");
        DigitDataset test = framed(Mnist.fromDataFolder().test(), size[0], size[1]);
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
                    worst = Math.max(worst, Math.abs(a.get(i).notDigitProbability() - b.get(i).notDigitProbability()));
                }
            }
            return new Parity(test.size(), agree, worst, (double) correct / test.size());
        }
    }

    /** Each picture centred on a black {@code width × height} canvas (cut when the canvas is smaller). */
    static DigitDataset framed(DigitDataset pictures, int width, int height) {
        if (pictures.width() == width && pictures.height() == height) {
            return pictures;
        }
        byte[] pixels = new byte[pictures.size() * width * height];
        byte[] labels = new byte[pictures.size()];
        int left = (width - pictures.width()) / 2;
        int top = (height - pictures.height()) / 2;
        for (int i = 0; i < pictures.size(); i++) {
            DigitImage picture = pictures.image(i);
            for (int y = 0; y < picture.height(); y++) {
                for (int x = 0; x < picture.width(); x++) {
                    int tx = x + left;
                    int ty = y + top;
                    if (tx >= 0 && ty >= 0 && tx < width && ty < height) {
                        pixels[i * width * height + ty * width + tx] = (byte) Math.round(picture.pixel(x, y, 0) * 255);
                    }
                }
            }
            labels[i] = (byte) pictures.label(i);
        }
        return DigitDataset.of(pixels, labels, width, height);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
