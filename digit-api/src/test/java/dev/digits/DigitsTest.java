package dev.digits;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** digit-api alone has no backend on its class path. */
class DigitsTest {
    @Test
    void absentBackendNamesTheArtifactToAdd() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Digits.classifier("onnx"));
        assertTrue(e.getMessage().contains("dev.digits:digit-onnx"), e.getMessage());
        e = assertThrows(BackendUnavailableException.class, () -> Digits.backend("DL4J"));
        assertTrue(e.getMessage().contains("dev.digits:digit-dl4j"), e.getMessage());
    }

    @Test
    void noBackendAtAllSaysWhatToAdd() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, Digits::classifier);
        assertTrue(e.getMessage().contains("digit-onnx") && e.getMessage().contains("digit-dl4j"), e.getMessage());
        assertTrue(Digits.backends().isEmpty());
    }

    @Test
    void unknownBackendListsTheKnownNames() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Digits.backend("tensorflow"));
        assertTrue(e.getMessage().contains("dl4j, onnx"), e.getMessage());
    }
}
