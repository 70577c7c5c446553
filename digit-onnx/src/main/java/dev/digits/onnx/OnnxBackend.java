package dev.digits.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.BackendUnavailableException;
import dev.digits.DigitBackend;
import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.DigitGenerator;
import dev.digits.LoadedModel;
import dev.digits.ModelCard;
import dev.digits.NumberSequenceModel;
import dev.digits.Task;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX Runtime backend ({@code onnx}): inference only, no DL4J. Priority 20, above the DL4J backend: it
 * starts faster and answers single pictures sooner. Classifies with the bundled models (exported from the DL4J
 * ones) and with third-party ONNX digit classifiers described by a card (see {@link OnnxModelSpec}). Classifiers
 * are configured by the {@code digits.onnx.*} system properties (see {@link OnnxOptions}); to pass options in
 * code, open one with {@link OnnxClassifier#open(dev.digits.ModelSource, OnnxOptions)}.
 *
 * <p>ONNX Runtime's telemetry is turned off when this backend first starts the runtime, unless the host allows
 * it with {@link #TELEMETRY_PROPERTY}. ONNX Runtime's native libraries are unpacked once into the data folder
 * ({@code ~/.cache/digits/native/} by default) and loaded from there on later starts, checked against the jar each
 * time (see {@link NativeLibraryCache}; {@code -Ddigits.onnx.native-cache=false} unpacks them into a temporary
 * folder each run instead, which is removed at exit).
 */
public final class OnnxBackend implements DigitBackend {
    /** The name to ask for this backend by. */
    public static final String NAME = "onnx";
    /** Class-path folder of the bundled models: {@code NAME.onnx} with {@code NAME.onnx.properties}. */
    public static final String BUNDLED_FOLDER = "/dev/digits/onnx/models/";
    /**
     * System property: {@code true} allows ONNX Runtime's own telemetry (usage events it may record or send).
     * Digits turns that telemetry off by default, before any session is made; the property, else the environment
     * variable {@link #TELEMETRY_VARIABLE}, set to {@code true} leaves it on.
     */
    public static final String TELEMETRY_PROPERTY = "digits.onnx.telemetry";
    /** Environment variable with the meaning of {@link #TELEMETRY_PROPERTY}, read when the property is not set. */
    public static final String TELEMETRY_VARIABLE = "DIGITS_ONNX_TELEMETRY";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxBackend.class);
    private static volatile Boolean available;
    private static volatile Throwable failure;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public boolean isAvailable() {
        Boolean known = available;
        if (known != null) {
            return known;
        }
        synchronized (OnnxBackend.class) {
            if (available == null) {
                try {
                    NativeLibraryCache.use();
                    RuntimeSetup.apply(OrtEnvironment.getEnvironment(RuntimeSetup.loggingLevel()));
                    available = true;
                } catch (Throwable e) {
                    failure = e;
                    available = false;
                    LOG.warn("ONNX Runtime's native code does not load here: {}", e.toString());
                }
            }
            return available;
        }
    }

    @Override
    public Optional<String> unavailableReason() {
        return isAvailable() ? Optional.empty() : Optional.of(String.valueOf(failure));
    }

    @Override
    public String artifact() {
        return "dev.digits:digit-onnx";
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.CLASSIFY, Task.GENERATE, Task.READ_NUMBERS);
    }

    @Override
    public Set<String> formats() {
        return Set.of(OnnxFormat.NAME);
    }

    @Override
    public Optional<BundledModels> bundledModels() {
        return Optional.of(new BundledModels(OnnxBackend.class, BUNDLED_FOLDER, "onnx"));
    }

    @Override
    public DigitClassifier classifier(LoadedModel model) {
        return OnnxClassifier.open(model, OnnxOptions.fromSystemProperties());
    }

    @Override
    public DigitGenerator generator(LoadedModel model) {
        return OnnxGenerator.open(model, OnnxOptions.fromSystemProperties());
    }

    @Override
    public NumberSequenceModel numberSequenceModel(LoadedModel model) {
        return OnnxNumberSequenceModel.open(model, OnnxOptions.fromSystemProperties());
    }

    /** Closes a model's session and its options; {@code what} names the model in the error. */
    static void close(OrtSession session, OrtSession.SessionOptions options, String what) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new DigitsException("Could not close the ONNX session of " + what + ": " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }

    /** The JVM's ONNX Runtime environment. */
    static OrtEnvironment environment() {
        if (!new OnnxBackend().isAvailable()) {
            throw new BackendUnavailableException("ONNX Runtime's native code does not load on this machine (" + failure
                    + "); use the dl4j backend (dev.digits:digit-dl4j)", failure);
        }
        return OrtEnvironment.getEnvironment();
    }
}
