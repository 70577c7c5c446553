package dev.digits.onnx;

import dev.digits.DigitGenerator;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.testing.DigitGeneratorContract;

/** The ONNX backend's bundled generator keeps the contract every generator keeps. */
class OnnxGeneratorContractTest extends DigitGeneratorContract {
    @Override
    protected DigitGenerator open() {
        return Digits.generator(ModelSource.bundled(Digits.GENERATOR), OnnxBackend.NAME);
    }
}
