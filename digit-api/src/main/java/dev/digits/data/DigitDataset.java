package dev.digits.data;

import dev.digits.BadDataException;
import dev.digits.DigitImage;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Labelled gray digit pictures held as unsigned bytes (as in MNIST's IDX files). Immutable: splits and
 * shuffles make new data sets and leave this one alone.
 */
public final class DigitDataset {
    private final byte[] pixels;
    private final byte[] labels;
    private final int width;
    private final int height;

    private DigitDataset(byte[] pixels, byte[] labels, int width, int height) {
        this.pixels = pixels;
        this.labels = labels;
        this.width = width;
        this.height = height;
    }

    /**
     * A data set from an IDX file of pictures ({@code [count, height, width]}) and one of labels ({@code [count]}).
     *
     * @throws BadDataException when the shapes or counts disagree or a label is not 0..9
     */
    public static DigitDataset of(IdxData images, IdxData labels) {
        if (images.dimensions().length != 3) {
            throw new BadDataException("Picture IDX data must have 3 dimensions [count, height, width], got "
                    + Arrays.toString(images.dimensions()));
        }
        if (labels.dimensions().length != 1) {
            throw new BadDataException("Label IDX data must have 1 dimension [count], got " + Arrays.toString(labels.dimensions()));
        }
        if (images.count() != labels.count()) {
            throw new BadDataException("There are " + images.count() + " pictures but " + labels.count()
                    + " labels; the two files do not belong together");
        }
        return of(images.data(), labels.data(), images.dimensions()[2], images.dimensions()[1]);
    }

    /**
     * A data set from raw arrays (not copied): {@code pixels} holds {@code labels.length} pictures of
     * {@code width × height} bytes.
     */
    public static DigitDataset of(byte[] pixels, byte[] labels, int width, int height) {
        if (width <= 0 || height <= 0 || (long) labels.length * width * height != pixels.length) {
            throw new BadDataException(labels.length + " labels need " + ((long) labels.length * width * height)
                    + " pixel bytes of " + width + "x" + height + " pictures, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new BadDataException("Label " + i + " is " + (labels[i] & 0xff) + "; digit labels are 0 to 9");
            }
        }
        return new DigitDataset(pixels, labels, width, height);
    }

    public int size() {
        return labels.length;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Pixels per picture. */
    public int pictureSize() {
        return width * height;
    }

    public int label(int index) {
        return labels[index];
    }

    /** One picture, pixel bytes mapped to [0, 1]. */
    public DigitImage image(int index) {
        return DigitImage.fromBytes(pixels, index * pictureSize(), width, height);
    }

    /** Writes picture {@code index} as floats in [0, 1] into {@code target} at {@code offset}. */
    public void copyPixels(int index, float[] target, int offset) {
        int base = index * pictureSize();
        for (int i = 0; i < pictureSize(); i++) {
            target[offset + i] = (pixels[base + i] & 0xff) / 255f;
        }
    }

    /** The pictures {@code from} (inclusive) to {@code to} (exclusive). */
    public DigitDataset subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("subset [" + from + ", " + to + ") of " + size());
        }
        return new DigitDataset(Arrays.copyOfRange(pixels, from * pictureSize(), to * pictureSize()),
                Arrays.copyOfRange(labels, from, to), width, height);
    }

    /** The first {@code count} pictures. */
    public DigitDataset head(int count) {
        return subset(0, Math.min(count, size()));
    }

    /** The same pictures in an order fixed by {@code seed}. */
    public DigitDataset shuffled(long seed) {
        int[] order = permutation(size(), seed);
        byte[] newPixels = new byte[pixels.length];
        byte[] newLabels = new byte[labels.length];
        int n = pictureSize();
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(pixels, order[i] * n, newPixels, i * n, n);
            newLabels[i] = labels[order[i]];
        }
        return new DigitDataset(newPixels, newLabels, width, height);
    }

    /**
     * Splits off a held-out part: shuffles with {@code seed}, then the first {@code heldOutCount} pictures
     * become {@link Split#heldOut()} and the rest {@link Split#rest()}.
     */
    public Split split(int heldOutCount, long seed) {
        if (heldOutCount < 0 || heldOutCount > size()) {
            throw new IllegalArgumentException("Cannot hold out " + heldOutCount + " of " + size() + " pictures");
        }
        DigitDataset shuffled = shuffled(seed);
        return new Split(shuffled.subset(heldOutCount, size()), shuffled.subset(0, heldOutCount));
    }

    /** A data set split in two. */
    public record Split(DigitDataset rest, DigitDataset heldOut) {
    }

    /** Consecutive batches of at most {@code batchSize} pictures, in order. */
    public Iterable<Batch> batches(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = Math.min(batchSize, size() - next);
                float[] batchPixels = new float[count * pictureSize()];
                int[] batchLabels = new int[count];
                for (int i = 0; i < count; i++) {
                    copyPixels(next + i, batchPixels, i * pictureSize());
                    batchLabels[i] = labels[next + i];
                }
                Batch batch = new Batch(next, batchPixels, batchLabels);
                next += count;
                return batch;
            }
        };
    }

    /**
     * A batch of pictures.
     *
     * @param firstIndex index in the data set of the batch's first picture
     * @param pixels     {@code labels.length × pictureSize} floats in [0, 1]
     * @param labels     the digits
     */
    public record Batch(int firstIndex, float[] pixels, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    /** A Fisher-Yates permutation of {@code 0..n-1} fixed by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Count of pictures per digit, index = digit. */
    public int[] labelCounts() {
        int[] counts = new int[10];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
