package dev.digits.data;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fashion-MNIST: 60,000 training and 10,000 test pictures of clothes in MNIST's format (28×28, light on
 * dark), which Digits uses as pictures that are <em>not</em> digits. Its labels (0 to 9) name kinds of
 * clothing, not digits.
 *
 * <p>The decompressed files are kept in {@code <data>/fashion-mnist} ({@code <data>} as for {@link Mnist}).
 * Missing ones are decompressed from {@code NAME.gz} files in that same folder, else from
 * {@value #SYSTEM_FOLDER} (Debian's package {@code dataset-fashion-mnist} installs them there), else
 * downloaded from the publisher. Every file is checked against a fixed SHA-256 before use. Thread-safe.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the gzip files. */
    public static final String SYSTEM_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** The publisher's download folder. */
    public static final String PUBLISHER = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** SHA-256 of the decompressed IDX files. */
    public static final Map<String, String> SHA256 = Map.of(
            Mnist.TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            Mnist.TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            Mnist.TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            Mnist.TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private static final ConcurrentMap<Path, FashionMnist> BY_FOLDER = new ConcurrentHashMap<>();

    private final VerifiedCache cache;
    private DigitDataset train;
    private DigitDataset test;

    private FashionMnist(Path directory) {
        this.cache = new VerifiedCache(directory, List.of(new GzipFolder(directory), new GzipFolder(Paths.get(SYSTEM_FOLDER)),
                new HttpMirror(PUBLISHER)));
    }

    /** Fashion-MNIST in the default data folder ({@link Mnist#defaultDataRoot()}). */
    public static FashionMnist fromDataFolder() {
        return in(Mnist.defaultDataRoot());
    }

    /** Fashion-MNIST in {@code <dataRoot>/fashion-mnist}. */
    public static FashionMnist in(Path dataRoot) {
        return BY_FOLDER.computeIfAbsent(dataRoot.toAbsolutePath().normalize().resolve("fashion-mnist"), FashionMnist::new);
    }

    /** The folder that holds the decompressed files. */
    public Path directory() {
        return cache.directory();
    }

    /**
     * The 60,000 training pictures.
     *
     * @throws DataUnavailableException when the files cannot be had; the message says where they were looked for
     */
    public synchronized DigitDataset train() {
        if (train == null) {
            train = load(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS);
        }
        return train;
    }

    /**
     * The 10,000 test pictures: for measurement only.
     *
     * @throws DataUnavailableException when the files cannot be had; the message says where they were looked for
     */
    public synchronized DigitDataset test() {
        if (test == null) {
            test = load(Mnist.TEST_IMAGES, Mnist.TEST_LABELS);
        }
        return test;
    }

    private DigitDataset load(String images, String labels) {
        try {
            return DigitDataset.of(Idx.read(cache.file(images, SHA256.get(images))),
                    Idx.read(cache.file(labels, SHA256.get(labels))));
        } catch (DataUnavailableException e) {
            throw new DataUnavailableException("Fashion-MNIST is not available: install Debian's package "
                    + "dataset-fashion-mnist (it puts the files in " + SYSTEM_FOLDER + "), or put the four .gz files in "
                    + directory() + ". " + e.getMessage(), e);
        }
    }
}
