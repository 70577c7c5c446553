package dev.digits.dl4j.train;

import dev.digits.DigitsException;
import dev.digits.data.SyntheticNumbers;
import dev.digits.preprocess.NumberLine;
import dev.digits.read.LearnedNumberReader;
import dev.digits.NumberSequenceModel;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic numbers as a learned reader sees them: each picture through {@link LearnedNumberReader#canvas} (cleaning,
 * segmentation, {@link NumberLine}), kept as bytes to hold a hundred thousand in memory. Numbers alternate
 * between the given variants. Immutable once built.
 */
final class ReaderData {
    private static final int PIXELS = NumberLine.PIXELS;
    private static final int MAX = NumberSequenceModel.MAX_DIGITS;

    private final byte[] canvases;
    private final int[] lengths;
    private final int[] digits;
    private final int size;

    private ReaderData(byte[] canvases, int[] lengths, int[] digits, int size) {
        this.canvases = canvases;
        this.lengths = lengths;
        this.digits = digits;
        this.size = size;
    }

    /**
     * Numbers {@code 0..count-1}: number {@code i} is sample {@code i / variants.size()} of variant
     * {@code i % variants.size()}, so that every length is as frequent in each variant. Built in parallel.
     */
    static ReaderData of(List<SyntheticNumbers> variants, int count) {
        byte[] canvases = new byte[count * PIXELS];
        int[] lengths = new int[count];
        int[] digits = new int[count * MAX];
        IntStream.range(0, count).parallel().forEach(i -> {
            SyntheticNumbers.Sample sample = variants.get(i % variants.size()).sample(i / variants.size());
            float[] canvas;
            try {
                canvas = LearnedNumberReader.canvas(sample.picture());
            } catch (DigitsException e) {
                return; // length 0: left out of training and counted as wrong in validation
            }
            for (int p = 0; p < PIXELS; p++) {
                canvases[i * PIXELS + p] = (byte) Math.round(canvas[p] * 255);
            }
            String text = sample.text();
            lengths[i] = text.length();
            for (int k = 0; k < text.length(); k++) {
                digits[i * MAX + k] = text.charAt(k) - '0';
            }
        });
        return new ReaderData(canvases, lengths, digits, count);
    }

    int size() {
        return size;
    }

    /** How many digits number {@code i} has; 0 when it could not be prepared. */
    int length(int i) {
        return lengths[i];
    }

    /** Digit {@code k} (0 = leftmost) of number {@code i}. */
    int digit(int i, int k) {
        return digits[i * MAX + k];
    }

    /** The canvases of the given numbers as a network input, {@code [n, 1, HEIGHT, WIDTH]}. */
    INDArray features(int[] indices) {
        float[] values = new float[indices.length * PIXELS];
        for (int j = 0; j < indices.length; j++) {
            int base = indices[j] * PIXELS;
            for (int p = 0; p < PIXELS; p++) {
                values[j * PIXELS + p] = (canvases[base + p] & 0xFF) / 255f;
            }
        }
        return Nd4j.create(values, new long[]{indices.length, 1, NumberLine.HEIGHT, NumberLine.WIDTH}, 'c');
    }

    /** A training batch: the length head's and every digit head's targets; a digit head is masked past the length. */
    MultiDataSet batch(int[] indices) {
        int n = indices.length;
        INDArray[] labels = new INDArray[MAX + 1];
        INDArray[] masks = new INDArray[MAX + 1];
        float[] length = new float[n * MAX];
        for (int j = 0; j < n; j++) {
            length[j * MAX + lengths[indices[j]] - 1] = 1f;
        }
        labels[0] = Nd4j.create(length, new long[]{n, MAX}, 'c');
        masks[0] = null;
        for (int k = 0; k < MAX; k++) {
            float[] oneHot = new float[n * 10];
            float[] mask = new float[n];
            for (int j = 0; j < n; j++) {
                if (k < lengths[indices[j]]) {
                    oneHot[j * 10 + digits[indices[j] * MAX + k]] = 1f;
                    mask[j] = 1f;
                }
            }
            labels[k + 1] = Nd4j.create(oneHot, new long[]{n, 10}, 'c');
            masks[k + 1] = Nd4j.create(mask, new long[]{n, 1}, 'c');
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[]{features(indices)}, labels, null, masks);
    }

    /** The indices of the numbers that could be prepared. */
    int[] usable() {
        return IntStream.range(0, size).filter(i -> lengths[i] > 0).toArray();
    }

    @Override
    public String toString() {
        return "ReaderData[" + size + " numbers, " + Arrays.stream(lengths).filter(l -> l == 0).count() + " unusable]";
    }
}
