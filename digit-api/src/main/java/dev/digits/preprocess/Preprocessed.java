package dev.digits.preprocess;

import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of preprocessing: the model's input and each named stage in order (the first is the input
 * picture, the last the final form). Stage pictures are shared, not copied: do not draw on them.
 *
 * @param image  the model's input
 * @param stages stage name to picture, in the order they were made
 */
public record Preprocessed(DigitImage image, Map<String, BufferedImage> stages) {
    public Preprocessed {
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }
}
