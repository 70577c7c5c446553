package dev.digits.dl4j.export;

import dev.digits.CardSchema;
import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.DigitsException;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.Prediction;
import dev.digits.Task;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.data.SyntheticNumbers;
import dev.digits.dl4j.Dl4jBackend;
import dev.digits.read.LearnedNumberReader;
import java.nio.file.Path;
import java.util.Locale;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Checks that an exported model gives its source model's answers: the same digit, picture or text, within a
 * tolerance per task. The comparisons take two opened models of any backends, so that they also serve other
 * exports; {@link OnnxExporter#exportAndCheck} runs them on the default material for a DL4J model and its ONNX
 * export. Stateless; the models are only used, never closed.
 */
public final class ExportParity {
    /** The largest probability difference a classifier's export may show. */
    public static final double PROBABILITY_TOLERANCE = 1e-5;
    /** The largest pixel difference a generator's export may show (a picture is 0..1 per pixel). */
    public static final double PIXEL_TOLERANCE = 1e-4;
    /** The largest confidence difference a number reader's export may show. */
    public static final double CONFIDENCE_TOLERANCE = 1e-5;
    /** Seeded pictures a generator's check compares by default, the same number of each digit. */
    public static final int GENERATOR_CHECKS = 1000;
    /** Synthetic test numbers a number reader's check reads by default, half separated and half touching. */
    public static final int READER_CHECKS = 400;
    /** The seed of digit {@code d}'s pictures in the generator check is this plus {@code d}. */
    public static final long GENERATOR_SEED = 1000;

    /**
     * The backend that runs the exported files. Named, not linked: digit-dl4j does not depend on digit-onnx, whose
     * backend must be on the class path when an export is checked (as it is in the command-line tool).
     */
    static final String ONNX_BACKEND = "onnx";

    /** Pictures classified per call: large batches are fast, and 1,000 MNIST pictures take only 3 MB. */
    private static final int BATCH = 1000;

    private ExportParity() {
    }

    /**
     * Both classifiers on every picture of {@code test}: whether they name the same digit, the largest
     * difference of any probability (the ten digits' and "not a digit"), and the exported one's accuracy when
     * {@code withAccuracy} (pass false when the labels do not fit the pictures, e.g. MNIST digits framed to
     * another model's size).
     */
    public static ParityReport classifiers(DigitClassifier source, DigitClassifier exported, DigitDataset test,
                                           boolean withAccuracy) {
        int agreeing = 0;
        int correct = 0;
        double worst = 0;
        for (int from = 0; from < test.size(); from += BATCH) {
            int to = Math.min(test.size(), from + BATCH);
            List<DigitImage> images = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                images.add(test.image(i));
            }
            List<Prediction> a = source.classify(images);
            List<Prediction> b = exported.classify(images);
            for (int i = 0; i < images.size(); i++) {
                agreeing += a.get(i).digit() == b.get(i).digit() ? 1 : 0;
                correct += b.get(i).digit() == test.label(from + i) ? 1 : 0;
                for (int d = 0; d < 10; d++) {
                    worst = Math.max(worst, Math.abs(a.get(i).probability(d) - b.get(i).probability(d)));
                }
                worst = Math.max(worst, Math.abs(a.get(i).notDigitProbability() - b.get(i).notDigitProbability()));
            }
        }
        return new ParityReport(Task.CLASSIFY, test.size(), agreeing, worst, PROBABILITY_TOLERANCE,
                withAccuracy ? OptionalDouble.of((double) correct / test.size()) : OptionalDouble.empty());
    }

    /**
     * Both generators on {@code perDigit} seeded pictures of each digit (seed {@link #GENERATOR_SEED} plus the
     * digit): the largest pixel difference, and how many pictures stay within {@link #PIXEL_TOLERANCE}.
     */
    public static ParityReport generators(DigitGenerator source, DigitGenerator exported, int perDigit) {
        int agreeing = 0;
        double worst = 0;
        for (int digit = 0; digit < 10; digit++) {
            List<DigitImage> a = source.generate(digit, perDigit, GENERATOR_SEED + digit);
            List<DigitImage> b = exported.generate(digit, perDigit, GENERATOR_SEED + digit);
            for (int i = 0; i < a.size(); i++) {
                double difference = a.get(i).maxDifference(b.get(i));
                agreeing += difference <= PIXEL_TOLERANCE ? 1 : 0;
                worst = Math.max(worst, difference);
            }
        }
        return new ParityReport(Task.GENERATE, 10 * perDigit, agreeing, worst, PIXEL_TOLERANCE, OptionalDouble.empty());
    }

    /**
     * Both readers on the first {@code perVariant} synthetic MNIST test numbers of each variant (separated and
     * touching, {@link SyntheticNumbers#DEFAULT_SEED}): whether they read the same text, and the largest
     * confidence difference, infinite when a text differs.
     */
    public static ParityReport numberReaders(NumberReader source, NumberReader exported, int perVariant) {
        int agreeing = 0;
        int checked = 0;
        double worst = 0;
        for (SyntheticNumbers.Variant variant : SyntheticNumbers.Variant.values()) {
            SyntheticNumbers numbers = SyntheticNumbers.mnistTest(variant, SyntheticNumbers.DEFAULT_SEED);
            for (int i = 0; i < perVariant; i++) {
                BufferedImage picture = numbers.sample(i).picture();
                NumberReading a = readOrNull(source, picture);
                NumberReading b = readOrNull(exported, picture);
                // Both finding no number (the classifier calls the ink no digit) is agreement too.
                boolean same = a == null ? b == null : b != null && a.text().equals(b.text());
                agreeing += same ? 1 : 0;
                double difference = a == null || b == null ? 0 : Math.abs(a.confidence() - b.confidence());
                worst = Math.max(worst, same ? difference : Double.POSITIVE_INFINITY);
                checked++;
            }
        }
        return new ParityReport(Task.READ_NUMBERS, checked, agreeing, worst, CONFIDENCE_TOLERANCE, OptionalDouble.empty());
    }

    private static NumberReading readOrNull(NumberReader reader, BufferedImage picture) {
        try {
            return reader.read(picture);
        } catch (dev.digits.NoDigitFoundException e) {
            return null;
        }
    }

    /**
     * Each picture centred on a black {@code width × height} canvas (cut when the canvas is smaller), labels kept:
     * MNIST's test pictures for a model of another input size (SVHN's 32×32), which is enough to compare two
     * backends of that model, though its accuracy on them means nothing.
     */
    public static DigitDataset framed(DigitDataset pictures, int width, int height) {
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

    /**
     * The default check of {@code onnxFile}, exported from {@code dl4jModel} for {@code task}, with the figures
     * added to its side card: a classifier on the 10,000 MNIST test pictures (framed to its input size when that
     * is not 28×28), a generator on {@link #GENERATOR_CHECKS} seeded pictures, a number reader (its learned
     * strategy) on {@link #READER_CHECKS} synthetic test numbers.
     */
    static OnnxExporter.CheckedExport check(ModelSource dl4jModel, Task task, Path onnxFile, ModelCard written) {
        ModelSource exportedModel = ModelSource.file(onnxFile);
        ParityReport report;
        ModelCard.Builder card = written.toBuilder();
        if (task == Task.READ_NUMBERS) {
            try (NumberReader source = learned(Digits.numberReader(dl4jModel, Dl4jBackend.NAME));
                 NumberReader exported = learned(Digits.numberReader(exportedModel, ONNX_BACKEND))) {
                report = numberReaders(source, exported, READER_CHECKS / 2);
            }
            card.put("onnx.parity.numbers", report.checked())
                    .put("onnx.parity.max.confidence.difference", String.format(Locale.ROOT, "%.3g", report.maxDifference()));
        } else if (task == Task.GENERATE) {
            try (DigitGenerator source = Digits.generator(dl4jModel, Dl4jBackend.NAME);
                 DigitGenerator exported = Digits.generator(exportedModel, ONNX_BACKEND)) {
                report = generators(source, exported, GENERATOR_CHECKS / 10);
            }
            card.put("onnx.parity.images", report.checked())
                    .put("onnx.parity.max.pixel.difference", String.format(Locale.ROOT, "%.3g", report.maxDifference()));
        } else {
            CardSchema.PictureInput input = CardSchema.PictureInput.of(written);
            int[] size = {input.width(), input.height()};
            boolean mnistForm = size[0] == DigitImage.MNIST_SIZE && size[1] == DigitImage.MNIST_SIZE;
            DigitDataset test = framed(Mnist.fromDataFolder().test(), size[0], size[1]);
            try (DigitClassifier source = Digits.classifier(dl4jModel, Dl4jBackend.NAME);
                 DigitClassifier exported = Digits.classifier(exportedModel, ONNX_BACKEND)) {
                report = classifiers(source, exported, test, mnistForm);
            }
            card.put("onnx.parity.images", report.checked())
                    .put("onnx.parity.argmax.agreement", String.format(Locale.ROOT, "%.4f", report.agreement()))
                    .put("onnx.parity.max.probability.difference", String.format(Locale.ROOT, "%.3g", report.maxDifference()))
                    .put("onnx.accuracy.mnist.test", report.accuracy().isPresent()
                            ? String.format(Locale.ROOT, "%.4f", report.accuracy().getAsDouble()) : null);
        }
        ModelCard checked = card.build();
        CardFiles.write(checked, CardFiles.cardPathFor(onnxFile));
        return new OnnxExporter.CheckedExport(checked, report);
    }

    /** The reader's learned strategy, the one the export must reproduce (the others add no model of their own). */
    private static LearnedNumberReader learned(NumberReader reader) {
        if (!(reader instanceof LearnedNumberReader learned)) {
            reader.close();
            throw new DigitsException("Expected a learned number reader, got " + reader);
        }
        return learned.withStrategy(LearnedNumberReader.Strategy.LEARNED);
    }
}
