package dev.digits;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A picture classified, with what the model saw: {@link DigitClassifier#classifyWithStages}. Stage pictures are
 * shared, not copied: do not draw on them.
 *
 * @param prediction the classifier's answer
 * @param input      the model's input, after preprocessing
 * @param stages     stage name to picture, in the order they were made (first the picture given, last the input)
 * @param box        where the digit is in the picture given, when the preprocessing located it
 */
public record Classification(Prediction prediction, DigitImage input, Map<String, BufferedImage> stages, Optional<Box> box) {
    public Classification {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(input, "input");
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        Objects.requireNonNull(box, "box");
    }
}
