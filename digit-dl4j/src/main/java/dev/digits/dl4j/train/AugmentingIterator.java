package dev.digits.dl4j.train;

import dev.digits.data.DigitDataset;
import dev.digits.dl4j.InputStandardisation;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch over a data set in an order fixed by {@code (seed, epoch)}, as NCHW batches with one-hot
 * labels, each picture distorted on the fly by an {@link Augmenter} (or not, when it is null). The same
 * seed and epoch give the same batches, so a resumed training sees what an uninterrupted one would. The
 * values are then standardised, when the model's input is.
 */
final class AugmentingIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient DigitDataset data;
    private final int batchSize;
    private final transient Augmenter augmenter;
    private final transient InputStandardisation standardisation;
    private final long seed;
    private final int epoch;
    private final transient Teacher teacher;
    private final double distillation;
    private transient int[] order;
    private transient Random random;
    private int cursor;

    AugmentingIterator(DigitDataset data, int batchSize, Augmenter augmenter, long seed, int epoch) {
        this(data, batchSize, augmenter, InputStandardisation.NONE, seed, epoch);
    }

    AugmentingIterator(DigitDataset data, int batchSize, Augmenter augmenter, InputStandardisation standardisation, long seed,
                       int epoch) {
        this(data, batchSize, augmenter, standardisation, seed, epoch, null, 0);
    }

    /**
     * Batches whose targets mix the teacher's probabilities on each distorted picture, with weight
     * {@code distillation}, into the one-hot labels (none when {@code teacher} is null).
     */
    AugmentingIterator(DigitDataset data, int batchSize, Augmenter augmenter, InputStandardisation standardisation, long seed,
                       int epoch, Teacher teacher, double distillation) {
        this.teacher = teacher;
        this.distillation = distillation;
        this.data = data;
        this.batchSize = batchSize;
        this.augmenter = augmenter;
        this.standardisation = standardisation;
        this.seed = seed;
        this.epoch = epoch;
        reset();
    }

    @Override
    public DataSet next(int num) {
        int count = Math.min(num, data.size() - cursor);
        int pixels = data.pictureSize();
        float[] source = new float[count * pixels];
        float[] features = new float[count * pixels];
        float[] labels = new float[count * 10];
        for (int i = 0; i < count; i++) {
            int index = order[cursor + i];
            data.copyPixels(index, source, i * pixels);
            if (augmenter != null) {
                augmenter.augment(source, features, i * pixels, random);
            }
            labels[i * 10 + data.label(index)] = 1f;
        }
        cursor += count;
        float[] values = augmenter != null ? features : source;
        standardisation.apply(values, 0, values.length);
        INDArray x = Nd4j.create(values, new long[]{count, 1, data.height(), data.width()}, 'c');
        if (teacher != null) {
            teacher.teach(x, labels, count, 10, distillation, i -> false);
        }
        INDArray y = Nd4j.create(labels, new long[]{count, 10}, 'c');
        return new DataSet(x, y);
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < data.size();
    }

    @Override
    public int inputColumns() {
        return data.pictureSize();
    }

    @Override
    public int totalOutcomes() {
        return 10;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        // A teacher's networks answer on the training thread, as DL4J's networks are not safe for concurrent use.
        return teacher == null;
    }

    @Override
    public void reset() {
        long epochSeed = seed * 1_000_003L + epoch;
        order = DigitDataset.permutation(data.size(), epochSeed);
        random = new Random(epochSeed ^ 0x5DEECE66DL);
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("Pictures are already in [0, 1]; no preprocessor is needed");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }
}
