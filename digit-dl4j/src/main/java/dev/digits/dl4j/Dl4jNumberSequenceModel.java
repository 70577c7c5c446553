package dev.digits.dl4j;

import dev.digits.preprocess.NumberLine;
import dev.digits.NumberSequenceModel;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learned number reader's network in DL4J: a {@code ComputationGraph} with one input and one output, the
 * logits of each column ({@code [count, 11, 1, 64]}).
 *
 * <p><b>Concurrency.</b> A {@code ComputationGraph} keeps per-call state, so calls take turns on it (a lock).
 */
final class Dl4jNumberSequenceModel implements NumberSequenceModel {
    private final ComputationGraph graph;

    Dl4jNumberSequenceModel(ComputationGraph graph) {
        if (graph.getNumOutputArrays() != 1) {
            throw new dev.digits.BadModelFileException("A number reader has one output (the logits of each column); this"
                    + " graph has " + graph.getNumOutputArrays() + " (readers made before the CTC reader had length and"
                    + " digit outputs: train one again with digits train-reader)");
        }
        this.graph = graph;
    }

    @Override
    public List<float[][]> run(float[] canvases, int count) {
        float[] output;
        synchronized (graph) {
            try (INDArray input = Nd4j.create(canvases, new long[]{count, 1, NumberLine.HEIGHT, NumberLine.WIDTH}, 'c');
                 INDArray logits = graph.output(false, input)[0];
                 INDArray contiguous = logits.dup('c')) {
                output = contiguous.data().asFloat();
            }
        }
        return NumberSequenceModel.columnsOf(output, count);
    }

    @Override
    public void close() {
        // The graph's arrays are freed with it by the garbage collector.
    }
}
