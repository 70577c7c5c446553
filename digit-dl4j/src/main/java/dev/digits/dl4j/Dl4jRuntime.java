package dev.digits.dl4j;

import dev.digits.BackendUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares ND4J before any DL4J class is used: turns on DL4J's oneDNN layer helpers (off by default in
 * 1.0.0-M2.1) and checks that the native code loads.
 */
public final class Dl4jRuntime {
    /** DL4J creates its oneDNN layer helpers only when this system property is {@code false}. */
    static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jRuntime.class);
    private static volatile Boolean available;
    private static volatile Throwable failure;

    private Dl4jRuntime() {
    }

    /**
     * Loads ND4J's native code once, with oneDNN helpers on unless the user set the property.
     *
     * @return whether ND4J works on this machine
     */
    public static synchronized boolean initialize() {
        if (available != null) {
            return available;
        }
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        try {
            org.nd4j.linalg.factory.Nd4j.create(1);
            available = true;
            LOG.debug("ND4J loaded; oneDNN helpers {}", oneDnnEnabled() ? "enabled" : "NOT enabled");
        } catch (Throwable e) {
            failure = e;
            available = false;
            LOG.warn("ND4J's native code does not load here: {}", e.toString());
        }
        return available;
    }

    /**
     * Loads ND4J's native code, or says in the exception itself why it does not load here, so that a program
     * without an SLF4J provider still learns the reason.
     *
     * @param task what cannot be done without it, e.g. "nothing can be trained here"
     * @throws BackendUnavailableException when it does not load
     */
    public static void require(String task) {
        if (!initialize()) {
            throw new BackendUnavailableException("ND4J's native code does not load on this machine (" + failure
                    + "), so " + task + "; DL4J's natives here are built for linux-x86_64 (javacpp.platform). Use the"
                    + " onnx backend (dev.digits:digit-onnx) to run models", failure);
        }
    }

    /** Why the native code failed to load, or null. */
    public static Throwable failure() {
        return failure;
    }

    /**
     * The class of the helper that runs a layer's computation: a oneDNN ({@code MKLDNN...}) helper when
     * oneDNN is really used, "none" when DL4J's built-in code runs it.
     */
    public static String helperOf(org.deeplearning4j.nn.api.Layer layer) {
        Object helper = layer.getHelper();
        return helper == null ? "none" : helper.getClass().getSimpleName();
    }

    /** Whether DL4J's layers will use oneDNN: helpers allowed and the oneDNN build loaded. */
    public static boolean oneDnnEnabled() {
        if (!initialize()) {
            return false;
        }
        try {
            return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"))
                    && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        } catch (Throwable e) {
            return false;
        }
    }
}
