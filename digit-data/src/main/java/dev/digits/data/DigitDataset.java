package dev.digits.data;

import dev.digits.DigitImage;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Labelled digit pictures held as unsigned bytes: gray (one channel, as in MNIST's IDX files) or colour (three
 * channels, red, green and blue, as in SVHN). A picture is stored row by row, the channels of a pixel next to
 * each other, as in {@link DigitImage}. Immutable: splits and shuffles make new data sets and leave this one
 * alone.
 */
public final class DigitDataset {
    /**
     * The luma weights of red, green and blue (ITU-R BT.601), with which {@link #grayscale()} turns colour into
     * gray: the weights of {@code rgb2gray} and of the usual SVHN recipes.
     */
    public static final double[] LUMA = {0.299, 0.587, 0.114};

    private final byte[] pixels;
    private final byte[] labels;
    private final int width;
    private final int height;
    private final int channels;

    private DigitDataset(byte[] pixels, byte[] labels, int width, int height, int channels) {
        this.pixels = pixels;
        this.labels = labels;
        this.width = width;
        this.height = height;
        this.channels = channels;
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
     * A data set of gray pictures from raw arrays (not copied): {@code pixels} holds {@code labels.length}
     * pictures of {@code width × height} bytes.
     */
    public static DigitDataset of(byte[] pixels, byte[] labels, int width, int height) {
        return of(pixels, labels, width, height, 1);
    }

    /**
     * A data set from raw arrays (not copied): {@code pixels} holds {@code labels.length} pictures of
     * {@code width × height × channels} bytes, row by row, the channels of a pixel next to each other.
     *
     * @throws BadDataException when the sizes disagree or a label is not 0..9
     */
    public static DigitDataset of(byte[] pixels, byte[] labels, int width, int height, int channels) {
        long needed = (long) labels.length * width * height * channels;
        if (width <= 0 || height <= 0 || channels <= 0 || needed != pixels.length) {
            throw new BadDataException(labels.length + " labels need " + needed + " pixel bytes of " + width + "x" + height
                    + "x" + channels + " pictures, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new BadDataException("Label " + i + " is " + (labels[i] & 0xff) + "; digit labels are 0 to 9");
            }
        }
        return new DigitDataset(pixels, labels, width, height, channels);
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

    /** Values per pixel: 1 (gray) or 3 (red, green, blue). */
    public int channels() {
        return channels;
    }

    /** Values (bytes) per picture: {@code width × height × channels}. */
    public int pictureSize() {
        return width * height * channels;
    }

    public int label(int index) {
        return labels[index];
    }

    /** One picture, pixel bytes mapped to [0, 1]. */
    public DigitImage image(int index) {
        if (channels == 1) {
            return DigitImage.fromBytes(pixels, index * pictureSize(), width, height);
        }
        float[] values = new float[pictureSize()];
        copyPixels(index, values, 0);
        return DigitImage.of(width, height, channels, values);
    }

    /**
     * The same pictures in gray: each pixel {@code 0.299 R + 0.587 G + 0.114 B} ({@link #LUMA}), rounded to the
     * nearest byte. A gray data set is returned as it is.
     *
     * @throws IllegalStateException when the pictures have neither one nor three channels
     */
    public DigitDataset grayscale() {
        if (channels == 1) {
            return this;
        }
        if (channels != 3) {
            throw new IllegalStateException("Only red-green-blue pictures can be made gray, these have " + channels + " channels");
        }
        byte[] gray = new byte[pixels.length / 3];
        for (int i = 0, j = 0; i < gray.length; i++, j += 3) {
            double luma = LUMA[0] * (pixels[j] & 0xff) + LUMA[1] * (pixels[j + 1] & 0xff) + LUMA[2] * (pixels[j + 2] & 0xff);
            gray[i] = (byte) Math.min(255, (int) Math.round(luma));
        }
        return new DigitDataset(gray, labels, width, height, 1);
    }

    /**
     * Writes picture {@code index} as {@link #pictureSize()} floats in [0, 1] into {@code target} at
     * {@code offset}, in the order they are stored.
     */
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
                Arrays.copyOfRange(labels, from, to), width, height, channels);
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
        return new DigitDataset(newPixels, newLabels, width, height, channels);
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

    /** Every picture, in order, as a list (the pictures are made on each call; a list of 10,000 is about 31 MB). */
    public java.util.List<DigitImage> images() {
        java.util.List<DigitImage> images = new java.util.ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            images.add(image(i));
        }
        return images;
    }

    /** Every label, in order. */
    public int[] labels() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = label(i);
        }
        return all;
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
