package dev.digits.dl4j;

import dev.digits.CardSchema;
import dev.digits.ModelCard;
import dev.digits.spi.AbstractDigitClassifier;
import java.util.ArrayList;
import java.util.List;
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
 * float rounding, a third of the passes over the activations), and, when it is made of the usual convolutional
 * layers, as ND4J operations on channels-last activations ({@link DirectInference}: 256 pictures of one standard
 * classifier in 16 to 18 ms instead of 40 to 90 through DL4J's {@code output}). Its input is mapped as the card
 * says, through the same {@link CardSchema.PictureInput} as on every backend: polarity, value range, mean and std
 * (SVHN's models have a mean and std, MNIST's none).
 */
public final class Dl4jClassifier extends AbstractDigitClassifier {
    /** Pictures per call of the network in {@link #classify(java.util.List)}. */
    static final int BATCH_SIZE = 256;

    /**
     * Never runs, unless it is a {@link DirectInference}, whose copies are itself; DL4J networks are cloned from it,
     * so cloning never races with inference.
     */
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
        this(card, maxConcurrency, input -> Network.fastest(network, input));
    }

    /**
     * A classifier over a graph with one input and one output of probabilities, such as an ensemble
     * ({@link ClassifierEnsemble}). An ensemble's members run one after another, each on the fast path, and their
     * answers are joined as the graph joins them (the same to float rounding): its graph through DL4J took five
     * times as long.
     *
     * @param graph an initialised graph; this classifier owns it from now on
     */
    public Dl4jClassifier(ComputationGraph graph, ModelCard card, int maxConcurrency) {
        this(card, maxConcurrency, input -> ClassifierEnsemble.members(graph) == 0 ? Network.of(graph)
                : Network.ofMembers(ClassifierEnsemble.memberNetworks(graph).stream()
                        .map(member -> Network.fastest(member, input)).toList(),
                        ClassifierEnsemble.isGuarded(graph.getConfiguration())));
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

    /** A network of any kind, as inference needs it. */
    private interface Network {
        /** The probabilities of {@code count} pictures, one after another, as {@link #run} has them. */
        float[][] output(float[] pixels, int count, int height, int width);

        Network copy();

        static Network of(MultiLayerNetwork network) {
            return new Network() {
                @Override
                public float[][] output(float[] pixels, int count, int height, int width) {
                    try (INDArray input = Nd4j.create(pixels, new long[]{count, 1, height, width}, 'c');
                         INDArray output = network.output(input, false)) {
                        return rows(output);
                    }
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
                public float[][] output(float[] pixels, int count, int height, int width) {
                    try (INDArray input = Nd4j.create(pixels, new long[]{count, 1, height, width}, 'c');
                         INDArray output = graph.outputSingle(false, input)) {
                        return rows(output);
                    }
                }

                @Override
                public Network copy() {
                    return of(graph.clone());
                }
            };
        }

        /** The network with its batch normalisations folded, as {@link DirectInference} when it can run that way. */
        static Network fastest(MultiLayerNetwork network, InputType input) {
            MultiLayerNetwork folded = BatchNormFolding.fold(network, input);
            return DirectInference.of(folded, input).map(Network::of).orElseGet(() -> Network.of(folded));
        }

        /**
         * An ensemble's members joined as {@link ClassifierEnsemble} joins them: the mean of their probabilities, or,
         * guarded, the last member's "not a digit" r and each digit (1 − r) times the mean of the others' and its
         * own, with 1 − r taken as the sum of its digits' probabilities as in the graph.
         */
        static Network ofMembers(List<Network> members, boolean guarded) {
            return new Network() {
                @Override
                public float[][] output(float[] pixels, int count, int height, int width) {
                    List<float[][]> answers = new ArrayList<>();
                    for (Network member : members) {
                        answers.add(member.output(pixels, count, height, width));
                    }
                    return guarded ? guardedMean(answers) : mean(answers);
                }

                @Override
                public Network copy() {
                    return ofMembers(members.stream().map(Network::copy).toList(), guarded);
                }
            };
        }

        private static float[][] mean(List<float[][]> answers) {
            float[][] first = answers.get(0);
            float[][] mean = new float[first.length][first[0].length];
            for (int i = 0; i < mean.length; i++) {
                for (int c = 0; c < mean[i].length; c++) {
                    float sum = 0;
                    for (float[][] answer : answers) {
                        sum += answer[i][c];
                    }
                    mean[i][c] = sum / answers.size();
                }
            }
            return mean;
        }

        private static float[][] guardedMean(List<float[][]> answers) {
            float[][] rejector = answers.get(answers.size() - 1);
            int digits = rejector[0].length - 1;
            float[][] joined = new float[rejector.length][digits + 1];
            for (int i = 0; i < joined.length; i++) {
                float share = 0;
                for (int d = 0; d < digits; d++) {
                    share += rejector[i][d];
                }
                for (int d = 0; d < digits; d++) {
                    float unchanged = 0;
                    for (int k = 0; k < answers.size() - 1; k++) {
                        unchanged += answers.get(k)[i][d];
                    }
                    joined[i][d] = (share * unchanged + rejector[i][d]) / answers.size();
                }
                joined[i][digits] = rejector[i][digits];
            }
            return joined;
        }

        /** Immutable and safe for concurrent calls, so its copies are itself. */
        static Network of(DirectInference direct) {
            return new Network() {
                @Override
                public float[][] output(float[] pixels, int count, int height, int width) {
                    return direct.output(pixels, count);
                }

                @Override
                public Network copy() {
                    return this;
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
        try {
            return network.output(pixels, count, inputHeight(), inputWidth());
        } finally {
            idle.add(network);
        }
    }

    /**
     * The rows of a matrix, copied out in one piece: {@code INDArray.toFloatMatrix()} makes a view and a copy per
     * row, which took 12 to 15 ms for 256 rows of 11 probabilities, as long as the network itself.
     */
    static float[][] rows(INDArray matrix) {
        int count = (int) matrix.size(0);
        int width = (int) matrix.size(1);
        float[] values;
        try (INDArray ordered = matrix.dup('c')) {
            values = ordered.data().asFloat();
        }
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width);
        }
        return rows;
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
