package dev.digits.onnx;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.testing.DigitClassifierContract;

/** The ONNX backend's bundled classifier keeps the contract every classifier keeps. */
class OnnxClassifierContractTest extends DigitClassifierContract {
    @Override
    protected DigitClassifier open() {
        return Digits.classifier(ModelSource.CLASSIFIER, OnnxBackend.NAME);
    }
}
