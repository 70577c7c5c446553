package dev.digits.examples.cli;

import dev.digits.BadModelFileException;
import dev.digits.DigitsException;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.dl4j.export.ExportParity;
import dev.digits.dl4j.export.OnnxExporter;
import dev.digits.dl4j.export.ParityReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digits export-onnx}: writes a DL4J model as ONNX and checks that both give the same answers. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        header = "Exports a DL4J model to ONNX and checks that both give the same answers.",
        description = "Exports a DL4J model (the bundled classifier by default, or a generator from train-gan) to "
                + "ONNX, with its card inside and beside it, then checks that ONNX Runtime gives DL4J's "
                + "answers: a classifier on the 10,000 MNIST test images (same digit on every image, "
                + "probabilities within 1e-5), a generator on 1,000 seeded pictures (pixels within 1e-4), a "
                + "number reader on 400 synthetic test numbers (same text, confidence within 1e-5); the "
                + "figures go into the card.")
final class ExportOnnxCommand implements Callable<Integer> {
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
        ModelCard card;
        ParityReport parity = null;
        if (noVerify) {
            card = OnnxExporter.write(source, task, out);
        } else {
            System.err.println(switch (task) {
                case READ_NUMBERS -> "Checking the ONNX number reader against DL4J on " + ExportParity.READER_CHECKS
                        + " synthetic numbers...";
                case GENERATE -> "Checking the ONNX generator against DL4J on " + ExportParity.GENERATOR_CHECKS + " pictures...";
                default -> "Checking the ONNX model against DL4J on the 10,000 MNIST test images...";
            });
            OnnxExporter.CheckedExport checked = OnnxExporter.exportAndCheck(source, task, out);
            card = checked.card();
            parity = checked.parity();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", out.toAbsolutePath().toString());
        json.put("card", CardFiles.cardPathFor(out).toAbsolutePath().toString());
        json.put("source", model == null ? "bundled:classifier" : model.toAbsolutePath().toString());
        json.put("task", task.id());
        json.put("sha256", card.require(ModelCard.MODEL_SHA256));
        json.put("bytes", size(out));
        json.put("opset", OnnxExporter.OPSET);
        if (parity != null) {
            putParity(json, parity);
        }
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "Wrote %s (%d bytes, opset %d) and its card%n", out, size(out), OnnxExporter.OPSET);
            if (parity != null) {
                printParity(parity);
            }
        }
        if (parity != null && !parity.agrees()) {
            throw new DigitsException("The ONNX model does not give DL4J's answers (" + switch (task) {
                case READ_NUMBERS -> "readings differ, or confidences are up to " + parity.maxDifference() + " apart";
                case GENERATE -> "pixels up to " + parity.maxDifference() + " apart, more than " + parity.tolerance();
                default -> "same digit on " + parity.agreement() + " of the test images, probabilities up to "
                        + parity.maxDifference() + " apart, more than " + parity.tolerance();
            } + "); the files were written for inspection, but do not use them. Please report this as an exporter bug");
        }
        return 0;
    }

    /** The check's figures under the keys docs/cli.md gives for each task. */
    private static void putParity(Map<String, Object> json, ParityReport parity) {
        switch (parity.task()) {
            case READ_NUMBERS -> {
                json.put("numbers", parity.checked());
                json.put("maxConfidenceDifference", parity.maxDifference());
            }
            case GENERATE -> {
                json.put("images", parity.checked());
                json.put("maxPixelDifference", parity.maxDifference());
            }
            default -> {
                json.put("images", parity.checked());
                json.put("argmaxAgreement", parity.agreement());
                json.put("maxProbabilityDifference", parity.maxDifference());
                parity.accuracy().ifPresent(accuracy -> json.put("accuracy", accuracy));
            }
        }
        json.put("agrees", parity.agrees());
    }

    private static void printParity(ParityReport parity) {
        switch (parity.task()) {
            case READ_NUMBERS -> System.out.printf(Locale.ROOT, "  %d synthetic test numbers read by both backends: %s,"
                            + " largest confidence difference %.2g%n", parity.checked(), parity.agrees() ? "same text" : "DIFFERENT",
                    parity.maxDifference());
            case GENERATE -> System.out.printf(Locale.ROOT, "  %d pictures from both backends, largest pixel difference %.2g%n",
                    parity.checked(), parity.maxDifference());
            default -> {
                if (parity.accuracy().isPresent()) {
                    System.out.printf(Locale.ROOT, "  on %d MNIST test images: same digit on %.4f of them, largest probability"
                                    + " difference %.2g, ONNX accuracy %.4f%n", parity.checked(), parity.agreement(),
                            parity.maxDifference(), parity.accuracy().getAsDouble());
                } else {
                    System.out.printf(Locale.ROOT, "  on %d MNIST test images framed to the model's input size: same digit on"
                            + " %.4f of them, largest probability difference %.2g%n", parity.checked(), parity.agreement(),
                            parity.maxDifference());
                }
            }
        }
    }

    /** The task a model file's card names (a classifier when the card is not where the current name says). */
    private static Task taskOf(Path modelFile) {
        Path card = CardFiles.cardPathFor(modelFile);
        return Files.exists(card) ? CardFiles.read(card).task() : Task.CLASSIFY;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
