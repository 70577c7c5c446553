package dev.digits.spi;

import dev.digits.ConstantClassifier;
import dev.digits.DigitClassifier;
import dev.digits.ModelCard;
import dev.digits.Task;

/** The shared base class keeps the contract on its own, with a stand-in model. */
class ConstantClassifierContractTest extends DigitClassifierContract {
    @Override
    protected DigitClassifier open() {
        return new ConstantClassifier(ModelCard.builder().task(Task.CLASSIFY).build(), "constant", 7);
    }
}
