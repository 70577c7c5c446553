package dev.digits.fuzz;

import dev.digits.DigitsException;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.preprocess.Pictures;
import dev.digits.preprocess.Preprocessor;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.digits.testing.ScratchFiles;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing of the API's parsers of untrusted bytes: pictures (decoding and preprocessing) and
 * model cards (data files are fuzzed in digit-data, ONNX headers in digit-onnx). Only a {@link DigitsException}
 * may come out of the library; anything else (an {@code ArrayIndexOutOfBoundsException}, an
 * {@code OutOfMemoryError}, a hang) is a finding.
 *
 * <p>In the normal suite each target runs its committed seeds (resources {@code ParsersFuzzTestInputs/METHOD/})
 * as a regression test. To fuzz one target: {@code JAZZER_FUZZ=1 mvn -pl digit-api test
 * -Dtest=ParsersFuzzTest#pictures}; see docs/reliability.md for the longer runs and their figures.
 */
class ParsersFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void pictures(byte[] bytes) {
        try {
            Preprocessor.mnist().preprocess(Pictures.read(ScratchFiles.file("picture", bytes)));
        } catch (DigitsException expected) {
            // A clear refusal is the right answer to bad bytes.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void modelCards(byte[] bytes) {
        try {
            ModelCard card = CardFiles.read(new ByteArrayInputStream(bytes), "fuzz");
            card.inputs();
            card.outputs();
            card.task();
        } catch (DigitsException expected) {
            // Refused.
        }
    }
}
