package dev.digits;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The picture holds no ink that could be a digit (blank, or only specks). Digits never guesses. When the
 * picture was preprocessed with stage pictures ({@link DigitClassifier#classifyWithStages}), the exception
 * carries the stages up to where no digit was found, so that a program can show why.
 */
public class NoDigitFoundException extends DigitsException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: pictures are for showing, in the process that made them. */
    private final transient Map<String, BufferedImage> stages;

    public NoDigitFoundException(String message) {
        this(message, Map.of(), null);
    }

    /**
     * @param stages the preprocessing stages up to the failure, in order, by name; may be empty
     * @param cause  what failed first, or null
     */
    public NoDigitFoundException(String message, Map<String, BufferedImage> stages, Throwable cause) {
        super(message, cause);
        this.stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** The preprocessing stages up to where no digit was found, in order; empty when none were kept. */
    public Map<String, BufferedImage> stages() {
        return stages == null ? Map.of() : stages;
    }
}
