package dev.digits.onnx;

import dev.digits.DigitImage;
import dev.digits.ModelSource;
import dev.digits.Prediction;

/**
 * A program run in a child JVM by {@link ChildJvmTest}: starts ONNX Runtime through the backend, classifies a
 * drawn vertical bar with the bundled classifier and prints the answer with the number of arguments it got.
 */
public final class RuntimeProbe {
    private RuntimeProbe() {
    }

    public static void main(String[] args) {
        float[] pixels = new float[DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE];
        for (int y = 4; y < 24; y++) {
            pixels[y * DigitImage.MNIST_SIZE + 13] = 1;
            pixels[y * DigitImage.MNIST_SIZE + 14] = 1;
        }
        try (OnnxClassifier classifier = OnnxClassifier.open(ModelSource.CLASSIFIER, OnnxOptions.defaults())) {
            Prediction prediction = classifier.classify(DigitImage.mnist(pixels));
            System.out.println("answered " + prediction.digit() + " after " + args.length + " arguments");
        }
    }
}
