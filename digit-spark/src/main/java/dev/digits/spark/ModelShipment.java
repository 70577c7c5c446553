package dev.digits.spark;

import dev.digits.BadModelFileException;
import dev.digits.CardFiles;
import dev.digits.LoadedModel;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * What the driver sends the executors so that each can open a model: a bundled model's name, or a model file's
 * verified bytes and card. The driver resolves a file once, through Hadoop's file systems (a local path, HDFS,
 * S3 and the like), and Digits' loader checks its card, task and checksum there, so that a missing or damaged
 * model fails the job before any task runs. Immutable.
 */
final class ModelShipment implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Task task;
    private final String bundledName;
    private final byte[] bytes;
    private final Map<String, String> card;
    private final String backend;
    private final String key;

    private ModelShipment(Task task, String bundledName, byte[] bytes, Map<String, String> card, String backend) {
        this.task = task;
        this.bundledName = bundledName;
        this.bytes = bytes;
        this.card = card == null ? null : new LinkedHashMap<>(card);
        this.backend = backend;
        String model = bundledName != null ? "bundled:" + bundledName
                : "sha256:" + card.getOrDefault(ModelCard.MODEL_SHA256, "?");
        this.key = task.id() + "|" + model + "|" + (backend == null ? "" : backend);
    }

    /** Whether {@code model} names a bundled model ({@code classifier}) rather than a path. */
    static boolean isBundledName(String model) {
        return model.matches("[a-z0-9][a-z0-9-]*");
    }

    /** A bundled model: every executor has it in the backend's jar. */
    static ModelShipment bundled(String name, Task task, String backend) {
        return new ModelShipment(task, name, null, null, backend);
    }

    /**
     * Reads the model file at {@code location} and its card beside it ({@code FILE.properties}) through Hadoop's
     * file systems, and verifies them for {@code task}.
     *
     * @throws BadModelFileException                  when the file or its card is missing or unreadable, or is
     *                                                for another task
     * @throws dev.digits.ChecksumMismatchException when the model is not the one its card describes
     */
    static ModelShipment file(String location, Task task, String backend, Configuration hadoop) {
        LoadedModel loaded = LoadedModel.resolve(ModelSource.file(localCopy(location, hadoop)), task);
        return fromLoaded(loaded, task, backend);
    }

    /** The model as a {@link #file} shipment of an already resolved model. */
    static ModelShipment fromLoaded(LoadedModel loaded, Task task, String backend) {
        return new ModelShipment(task, null, loaded.bytes(), loaded.card().asMap(), backend);
    }

    /** The task the model was checked for. */
    Task task() {
        return task;
    }

    /** The model as Digits opens it. */
    ModelSource source() {
        return bundledName != null ? ModelSource.bundled(bundledName) : ModelSource.of(bytes, ModelCard.of(card));
    }

    /** The backend to run it on; {@code null}: the one Digits chooses. */
    String backend() {
        return backend;
    }

    /** Names the model in a JVM's cache: the task, the bundled name or the model's checksum, and the backend. */
    String key() {
        return key;
    }

    /**
     * Copies the model and the card files that may sit beside it into a fresh local folder (deleted when the JVM
     * exits), so that Digits' own loader, which reads local files, checks them as it checks any model file.
     */
    private static Path localCopy(String location, Configuration hadoop) {
        org.apache.hadoop.fs.Path model = new org.apache.hadoop.fs.Path(location);
        try {
            FileSystem fs = model.getFileSystem(hadoop);
            if (!fs.isFile(model)) {
                throw new BadModelFileException("The model " + location + " does not exist or is not a file; give a"
                        + " model file that the driver and every executor can read (local, HDFS, S3), with its card"
                        + " FILE.properties beside it, or a bundled model's name such as classifier");
            }
            Path folder = Files.createTempDirectory("digits-spark-model");
            deleteOnExit(folder);
            Path local = folder.resolve(model.getName());
            copy(fs, model, local);
            for (Path card : new Path[]{CardFiles.cardPathFor(local), CardFiles.legacyCardPathFor(local)}) {
                org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(model.getParent(), card.getFileName().toString());
                if (!card.equals(local) && fs.isFile(remote)) {
                    copy(fs, remote, card);
                }
            }
            return local;
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read the model " + location + ": " + e.getMessage(), e);
        }
    }

    private static void copy(FileSystem fs, org.apache.hadoop.fs.Path from, Path to) throws IOException {
        try (InputStream in = fs.open(from)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The driver's local copies of model files, removed when the JVM exits (one hook for all of them). */
    private static final java.util.Set<Path> COPIES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> COPIES.forEach(ModelShipment::delete),
                "digits-spark-model-cleanup"));
    }

    private static void deleteOnExit(Path folder) {
        COPIES.add(folder);
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
