package dev.digits.dl4j;

import dev.digits.CardSchema;
import dev.digits.ModelCard;
import dev.digits.spi.AbstractDigitClassifier;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A digit classifier that runs a DL4J network.
 *
 * <p>The network is a {@code MultiLayerNetwork}, or a {@code ComputationGraph} such as an ensemble of
 * classifiers ({@link ClassifierEnsemble}).
 *
 * <p><b>Concurrency.</b> A {@code MultiLayerNetwork} keeps per-call state and must not run two
 * {@code output} calls at once. This classifier therefore keeps a pool of copies of the network (at most
 * {@code maxConcurrency}, made on demand; they share no mutable state). Each batch borrows one copy for its
 * duration and returns it, so up to {@code maxConcurrency} calls run in parallel and further callers wait.
 * Safe for use by any number of threads; {@link #close()} waits for running calls to end.
 *
 * <p>The network runs with its batch normalisations folded into the layers before them (same answers to
 * float rounding, a third of the passes over the activations). Its input is mapped as the card says, through
 * the same {@link CardSchema.PictureInput} as on every backend: polarity, value range, mean and std (SVHN's models
 * have a mean and std, MNIST's none).
 */
public final class Dl4jClassifier extends AbstractDigitClassifier {
    /** Pictures per call of the network in {@link #classify(java.util.List)}. */
    static final int BATCH_SIZE = 256;

    /** Never runs; copies are cloned from it, so cloning never races with inference. */
    private final Network template;
    private final int maxConcurrency;
    private final BlockingQueue<Network> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger created = new AtomicInteger();
    private final CardSchema.PictureInput input;

    /**
     * @param network        an initialised network with the card's single-channel input (1×28×28 when the card
     *                       names none) and 10 softmax outputs; this classifier owns it from now on
     * @param maxConcurrency how many calls may run at once
     */
    public Dl4jClassifier(MultiLayerNetwork network, ModelCard card, int maxConcurrency) {
        this(card, maxConcurrency, folded -> Network.of(BatchNormFolding.fold(network, folded)));
    }

    /**
     * A classifier over a graph with one input and one output of probabilities, such as an ensemble
     * ({@link ClassifierEnsemble}).
     *
     * @param graph an initialised graph; this classifier owns it from now on
     */
    public Dl4jClassifier(ComputationGraph graph, ModelCard card, int maxConcurrency) {
        this(card, maxConcurrency, ignored -> Network.of(graph));
    }

    private Dl4jClassifier(ModelCard card, int maxConcurrency, java.util.function.Function<InputType, Network> network) {
        super(card, Dl4jBackend.NAME, BATCH_SIZE, defaultPreprocessor(card));
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        this.input = CardSchema.PictureInput.of(card);
        this.template = network.apply(InputType.convolutional(inputHeight(), inputWidth(), 1));
        this.maxConcurrency = maxConcurrency;
        this.idle.add(template.copy());
        this.created.set(1);
    }

    /** A network of either kind, as inference needs it. */
    private interface Network {
        INDArray output(INDArray input);

        Network copy();

        static Network of(MultiLayerNetwork network) {
            return new Network() {
                @Override
                public INDArray output(INDArray input) {
                    return network.output(input, false);
                }

                @Override
                public Network copy() {
                    return of(network.clone());
                }
            };
        }

        static Network of(ComputationGraph graph) {
            return new Network() {
                @Override
                public INDArray output(INDArray input) {
                    return graph.outputSingle(false, input);
                }

                @Override
                public Network copy() {
                    return of(graph.clone());
                }
            };
        }
    }

    @Override
    protected float[][] run(float[] pixels, int count) {
        if (!input.isIdentity()) {
            for (int i = 0; i < count; i++) {
                input.transform(pixels, i * pictureValues());
            }
        }
        Network network = borrow();
        try (INDArray input = Nd4j.create(pixels, new long[]{count, 1, inputHeight(), inputWidth()}, 'c');
             INDArray output = network.output(input)) {
            return output.toFloatMatrix();
        } finally {
            idle.add(network);
        }
    }

    private Network borrow() {
        Network network = idle.poll();
        if (network != null) {
            return network;
        }
        if (created.incrementAndGet() <= maxConcurrency) {
            synchronized (template) {
                return template.copy();
            }
        }
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a free copy of the network", e);
        }
    }

    /** The most calls that run at once. */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    @Override
    protected void release() {
        idle.clear();
    }

    @Override
    public String toString() {
        return "Dl4jClassifier[" + card().get(ModelCard.NAME).orElse("?") + ", up to " + maxConcurrency + " concurrent calls]";
    }
}
