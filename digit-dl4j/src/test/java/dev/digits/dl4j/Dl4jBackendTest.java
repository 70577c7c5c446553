package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Digits.BackendInfo;
import dev.digits.BackendUnavailableException;
import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.dl4j.train.ClassifierArchitecture;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Dl4jBackendTest {
    @Test
    void serviceLoaderFindsTheDl4jBackend() {
        List<BackendInfo> backends = Digits.backends();
        assertEquals(List.of(new BackendInfo("dl4j", true, 10, "dev.digits:digit-dl4j", Set.of(Task.CLASSIFY, Task.GENERATE, Task.READ_NUMBERS),
                Set.of(Dl4jFormat.MULTILAYER_NETWORK, Dl4jFormat.COMPUTATION_GRAPH))), backends);
        try (DigitClassifier classifier = Digits.classifier()) {
            assertInstanceOf(Dl4jClassifier.class, classifier);
        }
    }

    @Test
    void absentBackendNamesTheArtifactToAdd() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Digits.classifier(dev.digits.ModelSource.CLASSIFIER, "onnx"));
        assertTrue(e.getMessage().contains("dev.digits:digit-onnx"), e.getMessage());
    }

    @Test
    void oneDnnHelpersAreOn() {
        assertTrue(Dl4jRuntime.initialize());
        assertTrue(Dl4jRuntime.oneDnnEnabled(), "DL4J must run its layers on oneDNN (4x faster training)");
        MultiLayerNetwork network = new MultiLayerNetwork(ClassifierArchitecture.configuration(1, 1e-3, 0.9));
        network.init();
        assertEquals("MKLDNNConvHelper", Dl4jRuntime.helperOf(network.getLayer(0)));
        assertEquals("MKLDNNBatchNormHelper", Dl4jRuntime.helperOf(network.getLayer(1)));
    }
}
