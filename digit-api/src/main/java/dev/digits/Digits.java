package dev.digits;

import dev.digits.Digits.BackendInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door: opens classifiers, generators and number readers on the right backend.
 *
 * <p>Backends ({@link DigitBackend}) are found once with {@link ServiceLoader}; one that fails to load is
 * skipped with a warning. For each request Digits resolves the model (card, checksums, task), then uses the
 * backend named by the caller, else by the system property {@code digits.backend}, else by the environment
 * variable {@code DIGITS_BACKEND}; without a name, the available backend of highest priority that serves the
 * task and loads the model's format (for a bundled model: that bundles it). The choice is logged once.
 *
 * <pre>{@code
 * try (DigitClassifier classifier = Digits.classifier()) {
 *     Prediction p = classifier.classify(Pictures.read(Path.of("seven.jpg")));
 *     System.out.println(p.digit() + " " + p.confidence());
 * }
 * }</pre>
 * Thread-safe.
 */
public final class Digits {
    /** System property that names the backend to use. */
    public static final String BACKEND_PROPERTY = "digits.backend";
    /** Environment variable that names the backend to use. */
    public static final String BACKEND_ENVIRONMENT = "DIGITS_BACKEND";
    /** System property that names the data folder ({@link #dataFolder()}). */
    public static final String DATA_PROPERTY = "digits.data";
    /** Environment variable that names the data folder, read when the property is not set. */
    public static final String DATA_ENVIRONMENT = "DIGITS_DATA";
    /** The bundled generator's name. */
    public static final String GENERATOR = "generator";
    /** The bundled number reader's name. */
    public static final String NUMBER_READER = "number-reader";

    private static final Logger LOG = LoggerFactory.getLogger(Digits.class);
    /** Digits' own backends are published as this prefix plus their name ({@code dev.digits:digit-onnx}). */
    private static final String ARTIFACT_PREFIX = "dev.digits:digit-";
    /**
     * For messages only: the backends Digits publishes, to say which artifact a user forgot. Choosing a backend,
     * a format or a model never looks at these names: a new backend needs no change here.
     */
    private static final String OWN_BACKENDS = "dl4j, onnx";
    private static final Set<String> LOGGED_CHOICES = ConcurrentHashMap.newKeySet();
    private static final Set<String> BROKEN_PROVIDERS = new CopyOnWriteArraySet<>();

    private Digits() {
    }

    /** The bundled digit classifier on the chosen backend. */
    public static DigitClassifier classifier() {
        return classifier(ModelSource.CLASSIFIER, null);
    }

    /** A digit classifier from a model source, on the chosen backend. */
    public static DigitClassifier classifier(ModelSource model) {
        return classifier(model, null);
    }

    /**
     * A digit classifier from a model source on the named backend ({@code null}: chosen as the class says).
     *
     * @throws BadModelFileException       when the model or its card is missing, corrupt or for another task
     * @throws ChecksumMismatchException   when the model is not the file its card describes
     * @throws BackendUnavailableException when no backend (or not the named one) can run it here
     */
    public static DigitClassifier classifier(ModelSource model, String backendName) {
        return open(Task.CLASSIFY, model, backendName, DigitBackend::classifier);
    }

    /** The bundled digit generator on the chosen backend. */
    public static DigitGenerator generator() {
        return generator(ModelSource.bundled(GENERATOR), null);
    }

    /** A digit generator from a model source on the named backend ({@code null}: chosen); see {@link #classifier(ModelSource, String)}. */
    public static DigitGenerator generator(ModelSource model, String backendName) {
        return open(Task.GENERATE, model, backendName, DigitBackend::generator);
    }

    /** The bundled number reader, with the bundled classifier, on the chosen backend. */
    public static NumberReader numberReader() {
        return numberReader(ModelSource.bundled(NUMBER_READER), ModelSource.CLASSIFIER, null);
    }

    /**
     * A number reader from a model source, with the bundled classifier, on the named backend ({@code null}:
     * chosen); see {@link #numberReader(ModelSource, ModelSource, String)}.
     */
    public static NumberReader numberReader(ModelSource model, String backendName) {
        return numberReader(model, ModelSource.CLASSIFIER, backendName);
    }

    /**
     * A number reader that pairs a learned reader's network with a classifier: the network reads whole lines,
     * the classifier names the digits that segmentation cuts out, and the surer reading wins (as the network's
     * card says). Either model may be the bundled one or the caller's own. The network runs on the named backend
     * ({@code null}: chosen as the class says); a bundled classifier runs on the same backend, another one on the
     * backend its format needs. Closing the reader closes both models.
     *
     * @throws BadModelFileException       when a model or its card is missing, corrupt or for another task
     * @throws ChecksumMismatchException   when a model is not the file its card describes
     * @throws BackendUnavailableException when no backend (or not the named one) can run them here
     */
    public static NumberReader numberReader(ModelSource reader, ModelSource classifier, String backendName) {
        Chosen chosen = choose(Task.READ_NUMBERS, reader, backendName);
        NumberSequenceModel network = chosen.backend().numberSequenceModel(chosen.model());
        try {
            DigitClassifier digits = classifier(classifier,
                    classifier instanceof ModelSource.Bundled ? chosen.backend().name() : backendName);
            return ReaderFactoryHolder.FACTORY.numberReader(network, digits, chosen.model().card(), chosen.backend().name());
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** Every backend on the class path, highest priority first; asks each whether its native code loads. */
    public static List<BackendInfo> backends() {
        List<BackendInfo> infos = new ArrayList<>();
        for (DigitBackend backend : Registry.BACKENDS) {
            infos.add(new BackendInfo(backend.name(), backend.isAvailable(), backend.priority(), backend.artifact(),
                    backend.tasks(), backend.formats()));
        }
        return infos;
    }

    /**
     * The folder where Digits keeps data and caches (data sets, unpacked native libraries): the system property
     * {@code digits.data}, else the environment variable {@code DIGITS_DATA}, else {@code ~/.cache/digits}.
     */
    public static Path dataFolder() {
        String configured = System.getProperty(DATA_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DATA_ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "digits");
    }

    /** The backend name set by {@code digits.backend} or {@code DIGITS_BACKEND}, or null. */
    static String configuredBackend() {
        String requested = System.getProperty(BACKEND_PROPERTY);
        if (requested == null || requested.isBlank()) {
            requested = System.getenv(BACKEND_ENVIRONMENT);
        }
        return requested == null || requested.isBlank() ? null : requested.trim().toLowerCase(Locale.ROOT);
    }

    private static <T> T open(Task task, ModelSource source, String backendName,
                              BiFunction<DigitBackend, LoadedModel, T> factory) {
        Chosen chosen = choose(task, source, backendName);
        return factory.apply(chosen.backend(), chosen.model());
    }

    /** The backend that serves a request and the model it gets, resolved and verified. */
    private record Chosen(DigitBackend backend, LoadedModel model) {
    }

    private static Chosen choose(Task task, ModelSource source, String backendName) {
        String requested = backendName != null && !backendName.isBlank()
                ? backendName.trim().toLowerCase(Locale.ROOT) : configuredBackend();
        List<DigitBackend> backends = Registry.BACKENDS;
        if (requested != null) {
            DigitBackend backend = named(requested, backends);
            if (!backend.tasks().contains(task)) {
                throw new BackendUnavailableException(backend.unsupported(task).getMessage() + servingHint(task, backends));
            }
            LoadedModel model = source instanceof ModelSource.Bundled bundled
                    ? ModelLoader.bundled(backend, bundled.name(), task) : ModelLoader.load(source, task);
            if (!backend.formats().contains(model.format())) {
                throw new BackendUnavailableException("Backend '" + backend.name() + "' loads " + backend.formats()
                        + " models, and " + model.description() + " is " + model.format()
                        + formatHint(model.format(), backends));
            }
            return chosen(task, backend, "asked for", model);
        }
        if (source instanceof ModelSource.Bundled bundled) {
            for (DigitBackend backend : backends) {
                if (backend.tasks().contains(task) && ModelLoader.hasBundled(backend, bundled.name()) && backend.isAvailable()) {
                    return chosen(task, backend, "highest priority", ModelLoader.bundled(backend, bundled.name(), task));
                }
            }
            throw none(backends, "No backend here bundles a model named '" + bundled.name() + "' to " + task.id()
                    + (task == Task.CLASSIFY ? "" : " yet") + "; give a model file or bytes with their card");
        }
        LoadedModel model = ModelLoader.load(source, task);
        for (DigitBackend backend : backends) {
            if (backend.tasks().contains(task) && backend.formats().contains(model.format()) && backend.isAvailable()) {
                return chosen(task, backend, "highest priority", model);
            }
        }
        throw none(backends, "No backend here can " + task.id() + " with " + model.description() + " (format "
                + model.format() + ")" + formatHint(model.format(), backends));
    }

    private static Chosen chosen(Task task, DigitBackend backend, String why, LoadedModel model) {
        if (LOGGED_CHOICES.add(task + "/" + backend.name())) {
            LOG.info("Digits: {} on backend '{}' ({})", task.id(), backend.name(), why);
        }
        return new Chosen(backend, model);
    }

    /** The named backend, available. */
    private static DigitBackend named(String wanted, List<DigitBackend> backends) {
        for (DigitBackend backend : backends) {
            if (backend.name().equals(wanted)) {
                if (!backend.isAvailable()) {
                    throw new BackendUnavailableException("Backend '" + wanted + "' is on the class path but its native code"
                            + " does not load on this machine (" + backend.unavailableReason().orElse("no reason given")
                            + "); choose another backend");
                }
                return backend;
            }
        }
        if (List.of(OWN_BACKENDS.split(", ")).contains(wanted)) {
            throw new BackendUnavailableException("Backend '" + wanted + "' is not on the class path: add the dependency "
                    + ARTIFACT_PREFIX + wanted + " (found: " + describe(backends) + ")" + brokenProviders());
        }
        throw new BackendUnavailableException("There is no backend named '" + wanted + "' on the class path (found: "
                + describe(backends) + "); name one of those, or add the artifact of the one you mean (Digits' own"
                + " backends are " + OWN_BACKENDS + ", as " + ARTIFACT_PREFIX + "NAME)");
    }

    private static BackendUnavailableException none(List<DigitBackend> backends, String problem) {
        if (backends.isEmpty()) {
            return new BackendUnavailableException("No Digits backend is on the class path: add a backend's dependency"
                    + " (Digits' own are " + OWN_BACKENDS + ", as " + ARTIFACT_PREFIX + "NAME: onnx for inference, dl4j"
                    + " for training as well)" + brokenProviders());
        }
        StringBuilder unavailable = new StringBuilder();
        for (DigitBackend backend : backends) {
            if (!backend.isAvailable()) {
                unavailable.append("; backend '").append(backend.name()).append("' does not load here (")
                        .append(backend.unavailableReason().orElse("no reason given")).append(')');
            }
        }
        return new BackendUnavailableException(problem + " (found: " + describe(backends) + ")" + unavailable
                + brokenProviders());
    }

    /**
     * The backends that are on the class path but failed to load, for messages: a program without an SLF4J
     * provider never sees the warning that was logged, and "no backend" alone would mislead it.
     */
    private static String brokenProviders() {
        return BROKEN_PROVIDERS.isEmpty() ? "" : "; on the class path but failing to load: "
                + String.join("; ", BROKEN_PROVIDERS);
    }

    private static String servingHint(Task task, List<DigitBackend> backends) {
        List<String> serving = backends.stream().filter(b -> b.tasks().contains(task)).map(DigitBackend::name).toList();
        return serving.isEmpty() ? "; no backend here does" : "; backends that do: " + String.join(", ", serving);
    }

    private static String formatHint(String format, List<DigitBackend> backends) {
        List<String> loading = backends.stream().filter(b -> b.formats().contains(format)).map(DigitBackend::name).toList();
        return loading.isEmpty() ? "; no backend here loads that format" : "; use backend " + String.join(" or ", loading);
    }

    private static String describe(List<DigitBackend> backends) {
        return backends.isEmpty() ? "none" : backends.stream()
                .map(b -> b.name() + " (" + Tasks.describe(b.tasks()) + ")").collect(Collectors.joining(", "));
    }

    /**
     * Finds the backends on the class path, highest priority first, skipping (with a warning) any provider that
     * fails to load and any second provider of the same name. {@link Registry} calls it once.
     */
    static List<DigitBackend> discover() {
        List<DigitBackend> found = new ArrayList<>();
        Iterator<DigitBackend> providers = ServiceLoader.load(DigitBackend.class, Digits.class.getClassLoader()).iterator();
        // A broken provider throws from hasNext or next; the loader then moves on to the next one.
        for (int attempt = 0; attempt < 1_000; attempt++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                DigitBackend backend = providers.next();
                if (found.stream().anyMatch(b -> b.name().equals(backend.name()))) {
                    LOG.warn("Digits: skipping a second backend named '{}' ({})", backend.name(), backend.getClass().getName());
                } else {
                    found.add(backend);
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                String why = e + (e.getCause() == null ? "" : " (caused by " + e.getCause() + ")");
                BROKEN_PROVIDERS.add(why);
                LOG.warn("Digits: skipping a backend that fails to load: {}", why);
            }
        }
        found.sort(Comparator.comparingInt(DigitBackend::priority).reversed().thenComparing(DigitBackend::name));
        LOG.debug("Digits: backends found: {}", describe(found));
        return List.copyOf(found);
    }

    /** The reader factory of {@code dev.digits.read}, found once on first use. */
    private static final class ReaderFactoryHolder {
        static final NumberSequenceModel.ReaderFactory FACTORY = ServiceLoader.load(NumberSequenceModel.ReaderFactory.class,
                Digits.class.getClassLoader()).findFirst().orElseThrow(() -> new IllegalStateException(
                "digit-api's jar is incomplete: META-INF/services lists no NumberSequenceModel.ReaderFactory"));
    }

    /** The backends, found once on first use (the holder idiom makes that thread-safe and lazy). */
    private static final class Registry {
        static final List<DigitBackend> BACKENDS = discover();
    }

    /**
     * A backend found on the class path.
     *
     * @param name      the name to ask for it by ({@code dl4j}, {@code onnx})
     * @param available whether its native code loads here
     * @param priority  higher wins when none is asked for by name
     * @param artifact  its Maven coordinates
     * @param tasks     the tasks it serves
     * @param formats   the model formats it loads
     */
    public record BackendInfo(String name, boolean available, int priority, String artifact, Set<Task> tasks,
                              Set<String> formats) {
        public BackendInfo {
            tasks = Set.copyOf(tasks);
            formats = Set.copyOf(formats);
        }
    }
}
