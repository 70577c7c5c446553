package dev.digits.dl4j.train;

import dev.digits.DigitImage;
import dev.digits.data.DigitDataset;
import dev.digits.data.NonDigits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pictures a classifier learns "not a digit" from: digits (classes 0 to 9) and non-digits (class 10),
 * shuffled together per epoch from a seed, every picture distorted by an {@link Augmenter}.
 */
final class RejectionData {
    /** Outputs of a classifier that can say "not a digit". */
    static final int CLASSES = 11;
    static final int NOT_A_DIGIT = 10;

    private RejectionData() {
    }

    /**
     * Non-digits for one role (training or validation): Fashion-MNIST pictures as they are and put into MNIST
     * form as a real picture's ink would be, and {@code perKind} of each {@link NonDigits.Kind}, the pairs
     * and fragments made from {@code digits}.
     */
    static List<DigitImage> negatives(DigitDataset fashion, int fashionAsIs, int fashionNormalised, DigitDataset digits,
                                      int perKind, long seed) {
        List<DigitImage> negatives = new ArrayList<>();
        for (int i = 0; i < Math.min(fashionAsIs, fashion.size()); i++) {
            negatives.add(fashion.image(i));
        }
        for (int i = 0; i < fashionNormalised && fashionAsIs + i < fashion.size(); i++) {
            DigitImage picture = fashion.image(fashionAsIs + i);
            negatives.add(NonDigits.inMnistForm(picture.pixels(), picture.width(), picture.height()));
        }
        for (NonDigits.Kind kind : NonDigits.Kind.values()) {
            int count = kind == NonDigits.Kind.NOISE ? perKind / 2 : perKind;
            negatives.addAll(NonDigits.make(kind, digits, count, seed));
        }
        return negatives;
    }

    /**
     * One epoch of batches, digits and non-digits shuffled together by {@code (seed, epoch)}.
     *
     * @param teacher      ten-digit classifiers whose mean probabilities on each distorted digit are mixed into its
     *                     target with weight {@code distillation}; null for the labels alone
     * @param distillation the teacher's weight in a digit's target, in [0, 1)
     */
    static Iterable<DataSet> epoch(DigitDataset digits, List<DigitImage> negatives, int batchSize, Augmenter augmenter,
                                   long seed, int epoch, Teacher teacher, double distillation) {
        int total = digits.size() + negatives.size();
        long epochSeed = seed * 1_000_003L + epoch;
        int[] order = DigitDataset.permutation(total, epochSeed);
        Random random = new Random(epochSeed ^ 0x5DEECE66DL);
        int pixels = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;
        return () -> new java.util.Iterator<>() {
            private int cursor;

            @Override
            public boolean hasNext() {
                return cursor < total;
            }

            @Override
            public DataSet next() {
                int count = Math.min(batchSize, total - cursor);
                float[] source = new float[count * pixels];
                float[] features = new float[count * pixels];
                float[] labels = new float[count * CLASSES];
                for (int i = 0; i < count; i++) {
                    int index = order[cursor + i];
                    int label;
                    if (index < digits.size()) {
                        digits.copyPixels(index, source, i * pixels);
                        label = digits.label(index);
                    } else {
                        negatives.get(index - digits.size()).copyPixelsTo(source, i * pixels);
                        label = NOT_A_DIGIT;
                    }
                    augmenter.augment(source, features, i * pixels, random);
                    labels[i * CLASSES + label] = 1f;
                }
                cursor += count;
                INDArray x = Nd4j.create(features, new long[]{count, 1, 28, 28}, 'c');
                if (teacher != null && distillation > 0) {
                    distil(teacher, x, labels, count, distillation);
                }
                INDArray y = Nd4j.create(labels, new long[]{count, CLASSES}, 'c');
                return new DataSet(x, y);
            }
        };
    }

    /** Mixes the teacher's ten probabilities into the target of every digit of the batch (not the non-digits). */
    private static void distil(Teacher teacher, INDArray x, float[] labels, int count, double distillation) {
        teacher.teach(x, labels, count, CLASSES, distillation, i -> labels[i * CLASSES + NOT_A_DIGIT] > 0);
    }
}
