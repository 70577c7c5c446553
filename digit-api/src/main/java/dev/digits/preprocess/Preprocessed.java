package dev.digits.preprocess;

import dev.digits.Box;
import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of preprocessing: the model's input, each named stage in order (the first is the input
 * picture, the last the final form) and where the digit was found. Stage pictures are shared, not
 * copied: do not draw on them.
 *
 * @param image  the model's input
 * @param stages stage name to picture, in the order they were made; empty when stages were not kept
 * @param box    where the digit lies in the picture that was given (after EXIF orientation), or null
 *               when the preprocessing does not locate the digit ({@link Preprocessor#simple()} and
 *               {@link Preprocessor#naive()} take the whole picture)
 */
public record Preprocessed(DigitImage image, Map<String, BufferedImage> stages, Box box) {
    /** Copies the stage map so that later changes to it do not show. */
    public Preprocessed {
        stages = stages.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** A result without a digit box, for preprocessing that takes the whole picture. */
    public Preprocessed(DigitImage image, Map<String, BufferedImage> stages) {
        this(image, stages, null);
    }
}
