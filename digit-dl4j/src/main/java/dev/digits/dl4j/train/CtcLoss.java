package dev.digits.dl4j.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Connectionist temporal classification (Graves et al., 2006) as a DL4J loss, for a {@code CnnLossLayer} over a
 * network whose last activations are {@code [batch, classes, 1, columns]}: the layer hands the loss one row per
 * column ({@code batch × columns} rows of {@code classes} logits, column after column of each example). The
 * labels have the same shape; column 0 of row {@code t} of an example holds its {@code t}-th digit, or -1 past
 * its end. The loss and its gradient come from libnd4j's native {@code ctc_loss} and {@code ctc_loss_grad}
 * (SameDiff's wrapper of them does not build in 1.0.0-M2.1). The activation must be the identity: the native
 * ops take raw logits and apply the softmax themselves.
 */
public final class CtcLoss implements ILossFunction {
    @JsonProperty
    private int columns;
    @JsonProperty
    private int blank;

    /** For deserialisation. */
    public CtcLoss() {
    }

    /**
     * @param columns how many columns each example has (the network's output width)
     * @param blank   the class that means "no digit here"
     */
    public CtcLoss(int columns, int blank) {
        if (columns < 1 || blank < 0) {
            throw new IllegalArgumentException("columns must be positive and blank at least 0");
        }
        this.columns = columns;
        this.blank = blank;
    }

    /** Labels for {@code texts} in the layout this loss reads: {@code [batch, classes, 1, columns]}. */
    public static INDArray labels(int[][] digitsPerExample, int classes, int columns) {
        int batch = digitsPerExample.length;
        float[] values = new float[batch * classes * columns];
        java.util.Arrays.fill(values, 0f);
        for (int b = 0; b < batch; b++) {
            int[] digits = digitsPerExample[b];
            if (digits.length > columns) {
                throw new IllegalArgumentException("A label of " + digits.length + " digits does not fit " + columns + " columns");
            }
            for (int t = 0; t < columns; t++) {
                // class 0's plane holds the digits; the other planes stay 0 and are not read
                values[b * classes * columns + t] = t < digits.length ? digits[t] : -1;
            }
        }
        return Nd4j.create(values, new long[]{batch, classes, 1, columns}, 'c');
    }

    private record Batch(INDArray labels, INDArray logits, INDArray labelLengths, INDArray logitLengths) {
    }

    private Batch batch(INDArray labels, INDArray preOutput) {
        long rows = preOutput.size(0);
        if (rows % columns != 0) {
            throw new IllegalStateException(rows + " rows are not a whole number of " + columns + "-column examples");
        }
        int batchSize = (int) (rows / columns);
        int classes = (int) preOutput.size(1);
        INDArray logits = preOutput.dup('c').reshape('c', batchSize, columns, classes).castTo(DataType.FLOAT);
        float[] codes = labels.getColumn(0).dup('c').data().asFloat();
        int[] labelValues = new int[batchSize * columns];
        int[] lengths = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            int length = 0;
            while (length < columns && codes[b * columns + length] >= 0) {
                labelValues[b * columns + length] = Math.round(codes[b * columns + length]);
                length++;
            }
            lengths[b] = length;
        }
        int[] logitLengths = new int[batchSize];
        java.util.Arrays.fill(logitLengths, columns);
        return new Batch(Nd4j.createFromArray(labelValues).reshape(batchSize, columns), logits,
                Nd4j.createFromArray(lengths), Nd4j.createFromArray(logitLengths));
    }

    /** The negative log-likelihood of each example's digits, {@code [batch, 1]}. */
    private INDArray perExample(Batch batch) {
        INDArray out = Nd4j.exec(DynamicCustomOp.builder("ctc_loss")
                .addInputs(batch.labels(), batch.logits(), batch.labelLengths(), batch.logitLengths())
                .addIntegerArguments(blank).build())[0];
        return out.reshape(out.length(), 1).castTo(DataType.DOUBLE);
    }

    private INDArray gradient(Batch batch) {
        INDArray grad = Nd4j.exec(DynamicCustomOp.builder("ctc_loss_grad")
                .addInputs(batch.labels(), batch.logits(), batch.labelLengths(), batch.logitLengths())
                .addIntegerArguments(blank).build())[0];
        return grad.reshape('c', batch.logits().size(0) * columns, batch.logits().size(2));
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        // One value per example repeated over its columns, so that the per-row score array sums to the loss.
        INDArray perExample = perExample(batch(labels, preOutput));
        INDArray rows = Nd4j.create(DataType.DOUBLE, preOutput.size(0), 1);
        for (int b = 0; b < perExample.length(); b++) {
            rows.putScalar(b * (long) columns, perExample.getDouble(b));
        }
        return rows;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray perExample = perExample(batch(labels, preOutput));
        double sum = perExample.sumNumber().doubleValue();
        return average ? sum / perExample.length() : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray grad = gradient(batch(labels, preOutput)).castTo(preOutput.dataType());
        return activationFn.backprop(preOutput.dup(), grad).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                         INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "ctc";
    }

    @Override
    public String toString() {
        return "CtcLoss(columns=" + columns + ", blank=" + blank + ")";
    }
}
