package dev.digits.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.digits.DigitsException;

/**
 * Coverage-guided fuzzing of the ONNX format's readers of untrusted bytes: the metadata (the card inside),
 * recognition and the side files a model names. Only a {@link DigitsException} may come out; anything else is a
 * finding. In the normal suite the target runs its committed seeds (resources
 * {@code OnnxHeadersFuzzTestInputs/onnxHeaders/}); to fuzz: {@code JAZZER_FUZZ=1 mvn -pl digit-onnx test
 * -Dtest=OnnxHeadersFuzzTest}.
 */
class OnnxHeadersFuzzTest {
    private final OnnxFormat format = new OnnxFormat();

    @FuzzTest(maxDuration = "60s")
    void onnxHeaders(byte[] bytes) {
        format.recognise(bytes);
        format.sideFiles(bytes, "fuzz");
        try {
            format.embeddedCard(bytes, "fuzz");
        } catch (DigitsException expected) {
            // Refused.
        }
    }
}
