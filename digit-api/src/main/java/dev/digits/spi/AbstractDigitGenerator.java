package dev.digits.spi;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * What every backend's generator shares: argument checks, the latent vectors drawn from a seed (the same on
 * every backend, so that a seed means one picture everywhere), batching and the closed state. A subclass runs
 * one batch of latent vectors and one-hot labels through its model.
 *
 * <p>Latent vectors are drawn with {@link Random#nextGaussian()} from {@code new Random(seed)}: picture {@code i}
 * of a call takes values {@code i * latentSize} to {@code (i + 1) * latentSize - 1} of that sequence.
 *
 * <p><b>Concurrency.</b> Calls hold a read lock, so any number run at once, as far as {@link #run} allows;
 * {@link #close()} waits for running calls to end, then calls {@link #release()} once.
 */
public abstract class AbstractDigitGenerator implements DigitGenerator {
    /** Values per generated picture. */
    protected static final int PIXELS = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;
    /** The most pictures one call may ask for. */
    public static final int MAX_COUNT = 100_000;

    private final ModelCard card;
    private final String backendName;
    private final int latentSize;
    private final int batchSize;
    private final Lifecycle lifecycle = new Lifecycle("generator");

    protected AbstractDigitGenerator(ModelCard card, String backendName, int latentSize, int batchSize) {
        if (latentSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("latentSize and batchSize must be positive: " + latentSize + ", " + batchSize);
        }
        this.card = Objects.requireNonNull(card, "card");
        this.backendName = Objects.requireNonNull(backendName, "backendName");
        this.latentSize = latentSize;
        this.batchSize = batchSize;
    }

    /**
     * Runs one batch through the model.
     *
     * @param latents {@code count} latent vectors, one after another
     * @param oneHot  {@code count} one-hot labels of ten values
     * @param count   how many, from 1 to the batch size
     * @return {@code count × 784} values in [0, 1], picture after picture, row by row
     */
    protected abstract float[] run(float[] latents, float[] oneHot, int count);

    /** Frees what the model holds; called once by {@link #close()} after running calls have ended. */
    protected void release() {
    }

    @Override
    public final int latentSize() {
        return latentSize;
    }

    @Override
    public final DigitImage generate(int digit, float[] latent) {
        checkDigit(digit);
        if (latent == null || latent.length != latentSize) {
            throw new IllegalArgumentException("This generator takes latent vectors of " + latentSize + " values, got "
                    + (latent == null ? "null" : latent.length));
        }
        for (float v : latent) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("Latent values must be finite: " + Arrays.toString(latent));
            }
        }
        return generate(digit, latent.clone(), 1).get(0);
    }

    @Override
    public final List<DigitImage> generate(int digit, int count, long seed) {
        checkDigit(digit);
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be from 1 to " + MAX_COUNT + ", got " + count);
        }
        Random random = new Random(seed);
        float[] latents = new float[count * latentSize];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) random.nextGaussian();
        }
        return generate(digit, latents, count);
    }

    private List<DigitImage> generate(int digit, float[] latents, int count) {
        return lifecycle.call(() -> {
            List<DigitImage> pictures = new ArrayList<>(count);
            for (int from = 0; from < count; from += batchSize) {
                int n = Math.min(batchSize, count - from);
                float[] oneHot = new float[n * 10];
                for (int i = 0; i < n; i++) {
                    oneHot[i * 10 + digit] = 1f;
                }
                float[] values = run(Arrays.copyOfRange(latents, from * latentSize, (from + n) * latentSize), oneHot, n);
                for (int i = 0; i < n; i++) {
                    float[] picture = Arrays.copyOfRange(values, i * PIXELS, (i + 1) * PIXELS);
                    for (int p = 0; p < PIXELS; p++) {
                        picture[p] = Math.max(0f, Math.min(1f, picture[p]));
                    }
                    pictures.add(DigitImage.mnist(picture));
                }
            }
            return pictures;
        });
    }

    private static void checkDigit(int digit) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("digit must be 0 to 9, got " + digit);
        }
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public String backendName() {
        return backendName;
    }

    @Override
    public final void close() {
        lifecycle.close(this::release);
    }
}
