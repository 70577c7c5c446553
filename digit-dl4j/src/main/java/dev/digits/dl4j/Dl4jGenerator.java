package dev.digits.dl4j;

import dev.digits.ModelCard;
import dev.digits.spi.AbstractDigitGenerator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A digit generator that runs the generator graph of the conditional GAN in DL4J.
 *
 * <p><b>Concurrency.</b> A {@code ComputationGraph} keeps per-call state, so calls of {@link #run} take turns on
 * the one graph (a lock); any number of threads may call, and each gets the answers it would get alone.
 */
public final class Dl4jGenerator extends AbstractDigitGenerator {
    static final int BATCH_SIZE = 256;

    private final ComputationGraph graph;

    /**
     * @param graph      an initialised generator with inputs {@code [n, latentSize]} and {@code [n, 10]} and a
     *                   {@code [n, 1, 28, 28]} output; this generator owns it from now on
     * @param latentSize the length of the latent vectors
     */
    public Dl4jGenerator(ComputationGraph graph, ModelCard card, int latentSize) {
        super(card, Dl4jBackend.NAME, latentSize, BATCH_SIZE);
        this.graph = graph;
    }

    @Override
    protected float[] run(float[] latents, float[] oneHot, int count) {
        synchronized (graph) {
            try (INDArray z = Nd4j.create(latents, new long[]{count, latentSize()}, 'c');
                 INDArray labels = Nd4j.create(oneHot, new long[]{count, 10}, 'c')) {
                // The output and its copy are freed here, not when the collector gets to them: left to it, a
                // long run's native memory grew by megabytes a thousand pictures while the heap stayed idle.
                try (INDArray pictures = graph.output(false, z, labels)[0];
                     INDArray contiguous = pictures.dup('c')) {
                    return contiguous.data().asFloat();
                }
            }
        }
    }
}
