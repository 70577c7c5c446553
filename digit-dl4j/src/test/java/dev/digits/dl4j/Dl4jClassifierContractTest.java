package dev.digits.dl4j;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.testing.DigitClassifierContract;

/** The DL4J backend's bundled classifier keeps the contract every classifier keeps. */
class Dl4jClassifierContractTest extends DigitClassifierContract {
    @Override
    protected DigitClassifier open() {
        return Digits.classifier(ModelSource.CLASSIFIER, Dl4jBackend.NAME);
    }
}
