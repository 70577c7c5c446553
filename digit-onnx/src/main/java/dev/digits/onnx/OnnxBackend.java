package dev.digits.onnx;

import ai.onnxruntime.OrtEnvironment;
import dev.digits.BackendUnavailableException;
import dev.digits.DigitClassifier;
import dev.digits.ModelSource;
import dev.digits.spi.DigitBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX Runtime backend ({@code onnx}): inference only, no DL4J. Priority 20, above the DL4J backend: it
 * starts faster and answers single pictures sooner. Runs the bundled models (exported from the DL4J ones)
 * and third-party ONNX digit classifiers described by a card (see {@link OnnxModelSpec}). Classifiers are
 * configured by the {@code digits.onnx.*} system properties (see {@link OnnxOptions}); open one with
 * {@link OnnxClassifier#open(ModelSource, OnnxOptions)} to pass options in code.
 */
public final class OnnxBackend implements DigitBackend {
    /** The name to ask for this backend by. */
    public static final String NAME = "onnx";

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
                    OrtEnvironment.getEnvironment();
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
    public String artifact() {
        return "dev.digits:digit-onnx";
    }

    @Override
    public DigitClassifier classifier(ModelSource source) {
        return OnnxClassifier.open(source, OnnxOptions.fromSystemProperties());
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
