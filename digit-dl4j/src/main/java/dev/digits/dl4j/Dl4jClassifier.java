package dev.digits.dl4j;

import dev.digits.BadImageException;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A digit classifier that runs a DL4J network.
 *
 * <p><b>Concurrency.</b> A {@code MultiLayerNetwork} keeps per-call state and must not run two
 * {@code output} calls at once. This classifier therefore keeps a pool of copies of the network (at most
 * {@code maxConcurrency}, made on demand; they share no mutable state). Each call borrows one copy for its
 * duration and returns it, so up to {@code maxConcurrency} calls run in parallel and further callers wait.
 * Safe for use by any number of threads.
 */
public final class Dl4jClassifier implements DigitClassifier {
    /** Pictures per call of the network in {@link #classify(List)}. */
    static final int BATCH_SIZE = 256;

    private final ModelCard card;
    /** Never runs; copies are cloned from it, so cloning never races with inference. */
    private final MultiLayerNetwork template;
    private final int maxConcurrency;
    private final BlockingQueue<MultiLayerNetwork> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param network        an initialised network with 1×28×28 input and 10 softmax outputs; this
     *                       classifier owns it from now on
     * @param maxConcurrency how many calls may run at once
     */
    public Dl4jClassifier(MultiLayerNetwork network, ModelCard card, int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        this.template = network;
        this.card = card;
        this.maxConcurrency = maxConcurrency;
        this.idle.add(network.clone());
        this.created.set(1);
    }

    @Override
    public Prediction classify(DigitImage image) {
        return classify(List.of(image)).get(0);
    }

    @Override
    public List<Prediction> classify(List<DigitImage> images) {
        ensureOpen();
        for (int i = 0; i < images.size(); i++) {
            DigitImage image = images.get(i);
            if (image == null || !image.isMnistForm()) {
                throw new BadImageException("Picture " + i + " is " + image + "; this model takes 28x28 single-channel"
                        + " MNIST-form pictures: use classify(BufferedImage) or a Preprocessor first");
            }
        }
        List<Prediction> predictions = new ArrayList<>(images.size());
        MultiLayerNetwork network = borrow();
        try {
            for (int from = 0; from < images.size(); from += BATCH_SIZE) {
                int count = Math.min(BATCH_SIZE, images.size() - from);
                float[] pixels = new float[count * 784];
                for (int i = 0; i < count; i++) {
                    images.get(from + i).copyPixelsTo(pixels, i * 784);
                }
                try (INDArray input = Nd4j.create(pixels, new long[]{count, 1, 28, 28}, 'c');
                     INDArray output = network.output(input, false)) {
                    for (float[] row : output.toFloatMatrix()) {
                        predictions.add(Prediction.of(row));
                    }
                }
            }
        } finally {
            idle.add(network);
        }
        return predictions;
    }

    private MultiLayerNetwork borrow() {
        MultiLayerNetwork network = idle.poll();
        if (network != null) {
            return network;
        }
        if (created.incrementAndGet() <= maxConcurrency) {
            synchronized (template) {
                return template.clone();
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

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public String backendName() {
        return Dl4jBackend.NAME;
    }

    /** The most calls that run at once. */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    @Override
    public void close() {
        closed = true;
        idle.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This classifier is closed");
        }
    }

    @Override
    public String toString() {
        return "Dl4jClassifier[" + card.get(ModelCard.NAME).orElse("?") + ", up to " + maxConcurrency + " concurrent calls]";
    }
}
