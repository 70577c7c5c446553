package dev.digits.dl4j;

import dev.digits.preprocess.NumberLine;
import dev.digits.NumberSequenceModel;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learned number reader's network in DL4J: a {@code ComputationGraph} with one input and the length head
 * and six digit heads as its outputs, in that order.
 *
 * <p><b>Concurrency.</b> A {@code ComputationGraph} keeps per-call state, so calls take turns on it (a lock).
 */
final class Dl4jNumberSequenceModel implements NumberSequenceModel {
    private final ComputationGraph graph;

    Dl4jNumberSequenceModel(ComputationGraph graph) {
        if (graph.getNumOutputArrays() != MAX_DIGITS + 1) {
            throw new dev.digits.BadModelFileException("A number reader has " + (MAX_DIGITS + 1)
                    + " outputs (length, digit1..digit" + MAX_DIGITS + "); this graph has " + graph.getNumOutputArrays());
        }
        this.graph = graph;
    }

    @Override
    public List<Scores> run(float[] canvases, int count) {
        float[] lengths;
        float[][] digits = new float[MAX_DIGITS][];
        synchronized (graph) {
            try (INDArray input = Nd4j.create(canvases, new long[]{count, 1, NumberLine.HEIGHT, NumberLine.WIDTH}, 'c')) {
                INDArray[] outputs = graph.output(false, input);
                lengths = outputs[0].dup('c').data().asFloat();
                for (int k = 0; k < MAX_DIGITS; k++) {
                    digits[k] = outputs[k + 1].dup('c').data().asFloat();
                }
            }
        }
        return Scores.fromHeads(lengths, digits, count);
    }

    @Override
    public void close() {
        // The graph's arrays are freed with it by the garbage collector.
    }
}
