package dev.digits.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.digits.testing.ScratchFiles;
import dev.digits.DigitsException;

/**
 * Coverage-guided fuzzing of the data files' parsers: IDX files and manifests. Only a {@link DigitsException}
 * may come out; anything else is a finding. In the normal suite each target runs its committed seeds (resources
 * {@code DataParsersFuzzTestInputs/METHOD/}); to fuzz one: {@code JAZZER_FUZZ=1 mvn -pl digit-data test
 * -Dtest=DataParsersFuzzTest#idx}.
 */
class DataParsersFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void idx(byte[] bytes) {
        try {
            Idx.parse(bytes, "fuzz");
        } catch (DigitsException expected) {
            // Refused.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void manifests(byte[] bytes) {
        try {
            LabelledPictures.read(ScratchFiles.file("manifest.csv", bytes));
        } catch (DigitsException expected) {
            // Refused.
        }
    }
}
