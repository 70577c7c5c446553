package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.data.SyntheticNumbers;
import dev.digits.read.LearnedNumberReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both backends on one class path give the same answers with the bundled classifier: the same digit on every
 * one of the 10,000 MNIST test images, and probabilities no more than 1e-5 apart (issue 4's bars).
 */
class BackendParityTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void dl4jAndOnnxAgreeOnAllTenThousandMnistTestImages() {
        DigitDataset test = Mnist.fromDataFolder().test();
        assertEquals(10_000, test.size());
        try (DigitClassifier dl4j = Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "dl4j"); DigitClassifier onnx = Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "onnx")) {
            assertEquals("dl4j", dl4j.backendName());
            assertEquals("onnx", onnx.backendName());
            assertEquals(dl4j.card().require(ModelCard.MODEL_SHA256), onnx.card().require("source.model.sha256"),
                    "the bundled ONNX model is exported from the bundled DL4J model");
            int disagreements = 0;
            int firstDisagreement = -1;
            double worst = 0;
            int worstImage = -1;
            int batch = 1000;
            for (int from = 0; from < test.size(); from += batch) {
                List<DigitImage> images = new ArrayList<>(batch);
                for (int i = from; i < from + batch; i++) {
                    images.add(test.image(i));
                }
                List<Prediction> a = dl4j.classify(images);
                List<Prediction> b = onnx.classify(images);
                assertEquals(images.size(), a.size());
                assertEquals(images.size(), b.size());
                for (int i = 0; i < images.size(); i++) {
                    if (a.get(i).digit() != b.get(i).digit()) {
                        disagreements++;
                        firstDisagreement = firstDisagreement < 0 ? from + i : firstDisagreement;
                    }
                    for (int d = 0; d < 10; d++) {
                        double difference = Math.abs(a.get(i).probability(d) - b.get(i).probability(d));
                        if (difference > worst) {
                            worst = difference;
                            worstImage = from + i;
                        }
                    }
                }
            }
            assertEquals(0, disagreements, "images where the backends name different digits (first: " + firstDisagreement + ")");
            assertTrue(worst <= TOLERANCE, "largest probability difference " + worst + " (image " + worstImage + ") exceeds "
                    + TOLERANCE);
        }
    }

    @Test
    void dl4jAndOnnxDrawTheSamePicturesForTheSameDigitAndLatentVector() {
        try (DigitGenerator dl4j = Digits.generator(dev.digits.ModelSource.bundled(Digits.GENERATOR), "dl4j");
             DigitGenerator onnx = Digits.generator(dev.digits.ModelSource.bundled(Digits.GENERATOR), "onnx")) {
            assertEquals(dl4j.card().require(ModelCard.MODEL_SHA256), onnx.card().require("source.model.sha256"),
                    "the bundled ONNX generator is exported from the bundled DL4J one");
            assertEquals(dl4j.latentSize(), onnx.latentSize());
            double worst = 0;
            for (int digit = 0; digit < 10; digit++) {
                List<DigitImage> a = dl4j.generate(digit, 50, 500 + digit);
                List<DigitImage> b = onnx.generate(digit, 50, 500 + digit);
                for (int i = 0; i < a.size(); i++) {
                    worst = Math.max(worst, a.get(i).maxDifference(b.get(i)));
                }
            }
            assertTrue(worst <= 1e-4, "largest pixel difference between the backends " + worst);
        }
    }

    @Test
    void dl4jAndOnnxLearnedReadersReadTheSameNumbers() {
        try (LearnedNumberReader dl4j = learned(Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), "dl4j"));
             LearnedNumberReader onnx = learned(Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), "onnx"))) {
            assertEquals(dl4j.card().require(ModelCard.MODEL_SHA256), onnx.card().require("source.model.sha256"),
                    "the bundled ONNX reader is exported from the bundled DL4J one");
            double worst = 0;
            for (SyntheticNumbers.Variant variant : SyntheticNumbers.Variant.values()) {
                SyntheticNumbers numbers = SyntheticNumbers.mnistTest(variant, 77);
                for (int i = 0; i < 30; i++) {
                    BufferedImage picture = numbers.sample(i).picture();
                    NumberReading a = readOrNull(dl4j, picture);
                    NumberReading b = readOrNull(onnx, picture);
                    assertEquals(a == null, b == null, variant + " number " + i + ": both read something, or neither");
                    if (a != null) {
                        assertEquals(a.text(), b.text(), variant + " number " + i);
                        worst = Math.max(worst, Math.abs(a.confidence() - b.confidence()));
                    }
                }
            }
            assertTrue(worst <= TOLERANCE, "largest confidence difference between the backends " + worst);
        }
    }

    private static NumberReading readOrNull(NumberReader reader, BufferedImage picture) {
        try {
            return reader.read(picture);
        } catch (dev.digits.NoDigitFoundException e) {
            return null;
        }
    }

    private static LearnedNumberReader learned(NumberReader reader) {
        assertTrue(reader instanceof LearnedNumberReader, "the bundled number reader is the learned one: " + reader);
        return ((LearnedNumberReader) reader).withStrategy(LearnedNumberReader.Strategy.LEARNED);
    }
}
