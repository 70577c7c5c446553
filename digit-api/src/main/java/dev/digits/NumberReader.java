package dev.digits;

import java.awt.image.BufferedImage;

/**
 * Reads a number of one or more handwritten digits on one line ("2024"). Implementations are safe for
 * concurrent use and say how in their javadoc; close one to free native resources.
 */
public interface NumberReader extends AutoCloseable {

    /**
     * Reads the number in a picture.
     *
     * @throws NoDigitFoundException when the picture holds no digit
     * @throws BadImageException     when the picture cannot be used
     */
    NumberReading read(BufferedImage picture);

    /** The name of the backend that runs this reader. */
    String backendName();

    /** Frees native resources once running calls have ended. Idempotent. */
    @Override
    void close();
}
