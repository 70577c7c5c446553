package dev.digits.dl4j;

import dev.digits.DigitGenerator;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.testing.DigitGeneratorContract;

/** The DL4J backend's bundled generator keeps the contract every generator keeps. */
class Dl4jGeneratorContractTest extends DigitGeneratorContract {
    @Override
    protected DigitGenerator open() {
        return Digits.generator(ModelSource.bundled(Digits.GENERATOR), Dl4jBackend.NAME);
    }
}
