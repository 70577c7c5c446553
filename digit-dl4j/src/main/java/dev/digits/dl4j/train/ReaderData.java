package dev.digits.dl4j.train;

import dev.digits.DigitsException;
import dev.digits.data.SyntheticNumbers;
import dev.digits.preprocess.NumberLine;
import dev.digits.read.LearnedNumberReader;
import dev.digits.NumberSequenceModel;
import java.util.Arrays;
import dev.digits.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic numbers (of up to {@value NumberSequenceModel#MAX_DIGITS} digits) as a learned reader sees them: each picture through {@link LearnedNumberReader#canvas} (cleaning,
 * segmentation, {@link NumberLine}), kept as bytes to hold a hundred thousand in memory. Numbers alternate
 * between the given variants. Immutable once built.
 */
final class ReaderData {
    private static final int PIXELS = NumberLine.PIXELS;
    private static final int MAX = NumberSequenceModel.MAX_DIGITS;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReaderData.class);
    /** Changes whenever {@link #save}'s layout does. */
    private static final int FORMAT = 0x44524431;

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

    /** A picture of a number and its digits. */
    record Example(BufferedImage picture, String text) {
        static Example of(SyntheticNumbers.Sample sample) {
            return new Example(sample.picture(), sample.text());
        }
    }

    /**
     * Numbers {@code 0..count-1}: number {@code i} is example {@code i / variants.size()} of variant
     * {@code i % variants.size()}, so that every length is as frequent in each variant. Built in parallel.
     */
    static ReaderData of(List<IntFunction<Example>> variants, int count) {
        byte[] canvases = new byte[count * PIXELS];
        int[] lengths = new int[count];
        int[] digits = new int[count * MAX];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, count).parallel().forEach(i -> {
            int finished = done.incrementAndGet();
            if (count >= 10_000 && finished % (count / 10) == 0) {
                LOG.info("Prepared {} of {} numbers", finished, count);
            }
            Example sample = variants.get(i % variants.size()).apply(i / variants.size());
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

    /**
     * Writes the numbers to {@code file} atomically, so that a resumed training need not prepare them again
     * (pages under the robustness conditions take most of an hour to prepare on 2 cores).
     */
    void save(Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20))) {
                out.writeInt(FORMAT);
                out.writeInt(size);
                out.write(canvases);
                for (int length : lengths) {
                    out.writeInt(length);
                }
                for (int digit : digits) {
                    out.writeByte(digit);
                }
            }
        });
    }

    /** Numbers written by {@link #save}, or empty when the file is missing, of another format or cut short. */
    static java.util.Optional<ReaderData> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != FORMAT) {
                return java.util.Optional.empty();
            }
            int count = in.readInt();
            if (count < 1 || (long) count * PIXELS > Integer.MAX_VALUE) {
                return java.util.Optional.empty();
            }
            byte[] canvases = new byte[count * PIXELS];
            in.readFully(canvases);
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                lengths[i] = in.readInt();
                if (lengths[i] < 0 || lengths[i] > MAX) {
                    return java.util.Optional.empty();
                }
            }
            int[] digits = new int[count * MAX];
            for (int i = 0; i < digits.length; i++) {
                digits[i] = in.readUnsignedByte();
            }
            return java.util.Optional.of(new ReaderData(canvases, lengths, digits, count));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
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

    /** The digits of number {@code i}, left to right. */
    String text(int i) {
        StringBuilder text = new StringBuilder(lengths[i]);
        for (int k = 0; k < lengths[i]; k++) {
            text.append(digits[i * MAX + k]);
        }
        return text.toString();
    }

    /** A training batch: the canvases and each number's digits as {@link CtcLoss} reads them. */
    DataSet batch(int[] indices) {
        int[][] texts = new int[indices.length][];
        for (int j = 0; j < indices.length; j++) {
            texts[j] = Arrays.copyOfRange(digits, indices[j] * MAX, indices[j] * MAX + lengths[indices[j]]);
        }
        return new DataSet(features(indices), CtcLoss.labels(texts, NumberSequenceModel.CLASSES, NumberSequenceModel.COLUMNS));
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
