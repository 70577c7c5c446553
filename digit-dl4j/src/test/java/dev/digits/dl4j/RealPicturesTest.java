package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.Prediction;
import dev.digits.data.LabelledPictures;
import dev.digits.preprocess.Pictures;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real pictures (phone photos with vignetting, a 2,000-pixel photo, a binarised scan, low-contrast and
 * hard-edged 28×28 crops, a hairline drawing, an RGBA drawing) from the development set; their sources
 * are in the manifest. The tutorial pipeline gets most of them wrong.
 */
class RealPicturesTest {
    private static Path folder() throws URISyntaxException {
        return Paths.get(RealPicturesTest.class.getResource("/realdigits/manifest.csv").toURI()).getParent();
    }

    @Test
    void theBundledClassifierReadsThemAll() throws Exception {
        List<LabelledPictures.Entry> entries = LabelledPictures.read(folder().resolve("manifest.csv"));
        assertEquals(10, entries.size());
        List<String> wrong = new ArrayList<>();
        try (DigitClassifier classifier = Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "dl4j")) {
            for (LabelledPictures.Entry entry : entries) {
                Prediction prediction = classifier.classify(Pictures.read(entry.file()));
                if (prediction.digit() != Integer.parseInt(entry.label())) {
                    wrong.add(entry.file().getFileName() + " read as " + prediction.digit());
                }
            }
        }
        assertTrue(wrong.isEmpty(), "misread: " + wrong);
    }
}
