package dev.digits.read;

import dev.digits.DigitClassifier;
import dev.digits.NumberReader;

/** Factories of {@link NumberReader}s that need no model of their own. */
public final class NumberReaders {
    private NumberReaders() {
    }

    /**
     * A reader that segments the picture into digits and names each with the classifier, in one batch per
     * picture. The reader owns the classifier: closing the reader closes it.
     *
     * <p>Segmentation: the ink is cut into digit-sized pieces on one line, and each is named by the classifier.
     */
    public static NumberReader segmenting(DigitClassifier classifier) {
        return new SegmentingNumberReader(classifier);
    }
}
