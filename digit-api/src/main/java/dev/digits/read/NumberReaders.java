package dev.digits.read;

import dev.digits.DigitClassifier;
import dev.digits.NumberReader;
import java.awt.image.BufferedImage;
import java.util.Map;

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

    /**
     * The pictures of the steps every number reader takes before it reads, in order: gray, inverted, the
     * background removed, the threshold, and the line the {@link dev.digits.preprocess.NumberSegmenter}'s line finder kept (when it
     * took anything out). For showing a user what the reader saw ({@code digits read --steps}, the app). The
     * background is estimated at the scale of the strokes, as every reader does; the learned reader also reads the
     * picture with it estimated over the whole picture and gives the surer reading, saying so in its doubt when
     * the two differ (see {@link LearnedNumberReader#read}).
     *
     * @throws dev.digits.NoDigitFoundException when the picture has no digit-like ink; its
     *                                          {@link dev.digits.NoDigitFoundException#stages()} holds the steps
     *                                          up to the one that failed
     * @throws dev.digits.BadImageException     for a picture that cannot be read as one
     */
    public static Map<String, BufferedImage> stages(BufferedImage picture) {
        NumberInput.Prepared prepared = new NumberInput(true).prepare(picture);
        return prepared.segments() == null ? prepared.cleaned().stages() : prepared.segments().picture().stages();
    }
}
