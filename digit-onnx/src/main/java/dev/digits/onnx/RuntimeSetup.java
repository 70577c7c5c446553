package dev.digits.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Digits does once to the JVM's ONNX Runtime environment before any session: telemetry off unless the
 * host allows it, and no native-library folder left behind in the temporary directory.
 */
final class RuntimeSetup {
    /** System property: the least severity ONNX Runtime's own logger prints; see {@link #loggingLevel()}. */
    static final String LOG_LEVEL_PROPERTY = "digits.onnx.log-level";
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeSetup.class);

    private RuntimeSetup() {
    }

    /** Applies the telemetry choice and arranges the removal of ONNX Runtime's extraction folder at exit. */
    static void apply(OrtEnvironment environment) {
        boolean telemetry = telemetryAllowed(System.getProperty(OnnxBackend.TELEMETRY_PROPERTY),
                System.getenv(OnnxBackend.TELEMETRY_VARIABLE));
        try {
            environment.setTelemetry(telemetry);
            LOG.debug("ONNX Runtime telemetry {}", telemetry ? "allowed by the host" : "off");
        } catch (OrtException e) {
            LOG.warn("Could not set ONNX Runtime's telemetry to {}: {}", telemetry, e.getMessage());
        }
        removeNativeFolderAtExit();
    }

    /**
     * The least severity ONNX Runtime's own logger prints, from {@value #LOG_LEVEL_PROPERTY} ({@code verbose},
     * {@code info}, {@code warning}, {@code error}, {@code fatal}); {@code error} by default. ONNX Runtime writes
     * straight to standard error, past the host's logging, so a library keeps it to real errors: its warnings
     * (e.g. about a third-party model's declared shapes) are for whoever debugs a model, who can ask for them.
     */
    static OrtLoggingLevel loggingLevel() {
        String value = System.getProperty(LOG_LEVEL_PROPERTY, "error").trim().toUpperCase(Locale.ROOT);
        try {
            return OrtLoggingLevel.valueOf("ORT_LOGGING_LEVEL_" + value);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}={} is not one of verbose, info, warning, error, fatal; using error", LOG_LEVEL_PROPERTY, value);
            return OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
        }
    }

    /**
     * Whether the host allows ONNX Runtime's telemetry: only when the system property, or else the environment
     * variable, says {@code true}.
     */
    static boolean telemetryAllowed(String property, String variable) {
        String value = property != null && !property.isBlank() ? property : variable;
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }

    /**
     * ONNX Runtime unpacks its native libraries into {@code <tmp>/onnxruntime-java*} and asks the JVM to delete
     * the libraries and then the folder at exit; the JVM deletes in reverse order, so it tries the folder while
     * the libraries are still in it and the folder stays, one per run. A shutdown hook runs before those
     * deletions and removes the whole folder (the libraries are loaded already; CUDA's provider library is
     * unpacked into that folder when a session asks for it, so the folder must live until exit).
     */
    private static void removeNativeFolderAtExit() {
        Path folder = nativeFolder();
        if (folder == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "digits-onnx-native-cleanup"));
    }

    /** The folder ONNX Runtime unpacked its libraries into, or null when it used none or hides it. */
    static Path nativeFolder() {
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            Object value = field.get(null);
            return value instanceof Path path ? path : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A later ONNX Runtime may keep the folder elsewhere; leaving it is the only cost.
            LOG.debug("ONNX Runtime's native-library folder is not known: {}", e.toString());
            return null;
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Windows keeps loaded libraries locked; the JVM's own delete-on-exit then retries them.
                }
            });
        } catch (IOException e) {
            // Nothing to report at exit: the folder is only litter.
        }
    }
}
