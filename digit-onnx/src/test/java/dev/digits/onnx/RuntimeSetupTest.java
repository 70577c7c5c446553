package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ONNX Runtime's telemetry stays off unless the host says {@code true}. */
class RuntimeSetupTest {
    @Test
    void telemetryIsOffUnlessAllowed() {
        assertFalse(RuntimeSetup.telemetryAllowed(null, null));
        assertFalse(RuntimeSetup.telemetryAllowed("", ""));
        assertFalse(RuntimeSetup.telemetryAllowed("false", "true"), "the property wins over the variable");
        assertFalse(RuntimeSetup.telemetryAllowed(null, "yes"));
        assertTrue(RuntimeSetup.telemetryAllowed("true", null));
        assertTrue(RuntimeSetup.telemetryAllowed(null, " TRUE "));
    }

    @Test
    void knowsWhereOnnxRuntimeUnpackedItsLibraries() {
        OnnxBackend.environment();
        assertTrue(RuntimeSetup.nativeFolder() != null, "the folder removed at exit is found");
    }
}
