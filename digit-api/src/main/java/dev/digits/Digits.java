package dev.digits;

import dev.digits.spi.DigitBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The front door: opens classifiers on the best available backend.
 *
 * <p>Backends are found with {@link ServiceLoader}. Without a name, the available backend of highest
 * priority is used, unless the system property {@code digits.backend} or the environment variable
 * {@code DIGITS_BACKEND} names one (the property wins).
 *
 * <pre>{@code
 * try (DigitClassifier classifier = Digits.classifier()) {
 *     Prediction p = classifier.classify(ImageIO.read(new File("seven.png")));
 *     System.out.println(p.digit() + " " + p.confidence());
 * }
 * }</pre>
 */
public final class Digits {
    /** System property that names the backend to use. */
    public static final String BACKEND_PROPERTY = "digits.backend";
    /** Environment variable that names the backend to use. */
    public static final String BACKEND_ENVIRONMENT = "DIGITS_BACKEND";

    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "dl4j", "dev.digits:digit-dl4j",
            "onnx", "dev.digits:digit-onnx");

    private Digits() {
    }

    /** The bundled digit classifier on the default backend. */
    public static DigitClassifier classifier() {
        return backend().classifier(ModelSource.CLASSIFIER);
    }

    /** The bundled digit classifier on the named backend. */
    public static DigitClassifier classifier(String backendName) {
        return backend(backendName).classifier(ModelSource.CLASSIFIER);
    }

    /** A classifier from a model source, on the default backend. */
    public static DigitClassifier classifier(ModelSource source) {
        return backend().classifier(source);
    }

    /** Every backend on the class path, highest priority first. */
    public static List<BackendInfo> backends() {
        List<BackendInfo> infos = new ArrayList<>();
        for (DigitBackend backend : loadBackends()) {
            infos.add(new BackendInfo(backend.name(), backend.isAvailable(), backend.priority(), backend.artifact()));
        }
        return infos;
    }

    /**
     * The backend chosen by {@code digits.backend} / {@code DIGITS_BACKEND}, or else the available one of
     * highest priority.
     *
     * @throws BackendUnavailableException when none is available
     */
    public static DigitBackend backend() {
        String requested = System.getProperty(BACKEND_PROPERTY);
        if (requested == null || requested.isBlank()) {
            requested = System.getenv(BACKEND_ENVIRONMENT);
        }
        if (requested != null && !requested.isBlank()) {
            return backend(requested);
        }
        List<DigitBackend> backends = loadBackends();
        for (DigitBackend backend : backends) {
            if (backend.isAvailable()) {
                return backend;
            }
        }
        if (backends.isEmpty()) {
            throw new BackendUnavailableException("No Digits backend is on the class path: add the dependency "
                    + KNOWN_ARTIFACTS.get("onnx") + " (inference) or " + KNOWN_ARTIFACTS.get("dl4j") + " (training and inference)");
        }
        throw new BackendUnavailableException("No Digits backend loads on this machine (" + describe(backends)
                + "); see the log for why their native code failed to load");
    }

    /**
     * The named backend.
     *
     * @throws BackendUnavailableException when it is not on the class path (the message names the artifact
     *                                     to add) or its native code does not load
     */
    public static DigitBackend backend(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<DigitBackend> backends = loadBackends();
        for (DigitBackend backend : backends) {
            if (backend.name().equals(wanted)) {
                if (!backend.isAvailable()) {
                    throw new BackendUnavailableException("Backend '" + wanted + "' is on the class path but its native"
                            + " code does not load on this machine; see the log, or choose another backend");
                }
                return backend;
            }
        }
        String artifact = KNOWN_ARTIFACTS.get(wanted);
        String found = backends.isEmpty() ? "none" : describe(backends);
        if (artifact != null) {
            throw new BackendUnavailableException("Backend '" + wanted + "' is not on the class path: add the dependency "
                    + artifact + " (found: " + found + ")");
        }
        throw new BackendUnavailableException("There is no backend named '" + wanted + "'; known names are "
                + String.join(", ", KNOWN_ARTIFACTS.keySet().stream().sorted().toList()) + " (found: " + found + ")");
    }

    private static List<DigitBackend> loadBackends() {
        List<DigitBackend> backends = new ArrayList<>();
        ServiceLoader.load(DigitBackend.class, Digits.class.getClassLoader()).forEach(backends::add);
        backends.sort(Comparator.comparingInt(DigitBackend::priority).reversed().thenComparing(DigitBackend::name));
        return backends;
    }

    private static String describe(List<DigitBackend> backends) {
        return String.join(", ", backends.stream().map(DigitBackend::name).toList());
    }
}
