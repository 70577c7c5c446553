package dev.digits;

import java.util.List;

/**
 * Draws new handwritten digits of a chosen class from a conditional generative model. The same digit and
 * latent vector always give the same picture, on every backend. Implementations are safe for concurrent use
 * and say how in their javadoc; close one to free native resources.
 */
public interface DigitGenerator extends AutoCloseable {

    /** The length of the latent vectors {@link #generate(int, float[])} takes. */
    int latentSize();

    /**
     * One picture of {@code digit} from a latent vector.
     *
     * @throws IllegalArgumentException when the digit is not 0 to 9 or the vector's length is not {@link #latentSize()}
     */
    DigitImage generate(int digit, float[] latent);

    /**
     * One picture of {@code digit}, its latent vector drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when the digit is not 0 to 9
     */
    default DigitImage generate(int digit, long seed) {
        return generate(digit, 1, seed).get(0);
    }

    /**
     * {@code count} pictures of {@code digit}, their latent vectors drawn in turn from {@code seed}.
     *
     * @throws IllegalArgumentException when the digit is not 0 to 9 or the count is below 1
     */
    List<DigitImage> generate(int digit, int count, long seed);

    /** What the model is and how it was made. */
    ModelCard card();

    /** The name of the backend that runs this generator. */
    String backendName();

    /** Frees native resources once running calls have ended. Idempotent. */
    @Override
    void close();
}
