package dev.digits;

import dev.digits.Digits.BackendInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Backend discovery and choice, with the fake backends of the test class path: one that only generates (at the
 * highest priority), one that only classifies, a provider whose constructor throws and one whose class is missing.
 */
class DigitsTest {
    private static final byte[] MODEL = "fake model bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void classifierSkipsABackendThatOnlyGenerates() {
        try (DigitClassifier classifier = Digits.classifier()) {
            assertEquals("fake-classify", classifier.backendName());
            assertEquals(Task.CLASSIFY, classifier.card().task());
        }
    }

    @Test
    void backendsAreListedWithTheirTasksAndWithoutTheBrokenOnes() {
        List<BackendInfo> backends = Digits.backends();
        assertEquals(List.of("fake-generate", "fake-classify"), backends.stream().map(BackendInfo::name).toList());
        assertEquals(Set.of(Task.GENERATE), backends.get(0).tasks());
        assertEquals(Set.of(Task.CLASSIFY), backends.get(1).tasks());
    }

    @Test
    void aBrokenProviderIsSkippedWithALogLine() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<DigitBackend> found;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            found = Digits.discover();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("fake-generate", "fake-classify"), found.stream().map(DigitBackend::name).toList());
        assertTrue(log.contains("skipping a backend that fails to load") && log.contains("broken on purpose"), log);
        assertTrue(log.contains("NoSuchBackendClass"), log);
    }

    @Test
    void aBackendThatIsMissingNamesTheProvidersThatFailedToLoad() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Digits.classifier(ModelSource.CLASSIFIER, "dl4j"));
        assertTrue(e.getMessage().contains("not on the class path") && e.getMessage().contains("broken on purpose"),
                "the reason is in the message, not only in a log a program may not show: " + e.getMessage());
    }

    @Test
    void aBackendAskedForATaskItDoesNotServeSaysWhatItServes() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Digits.classifier(ModelSource.CLASSIFIER, "fake-generate"));
        assertTrue(e.getMessage().contains("cannot classify") && e.getMessage().contains("serves generate")
                && e.getMessage().contains("fake-classify"), e.getMessage());
        e = assertThrows(BackendUnavailableException.class, () -> Digits.generator(ModelSource.bundled("generator"), "fake-classify"));
        assertTrue(e.getMessage().contains("cannot generate") && e.getMessage().contains("fake-generate"), e.getMessage());
    }

    @Test
    void noBundledNumberReaderYetIsSaidPlainly() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, Digits::numberReader);
        assertTrue(e.getMessage().contains("number-reader") && e.getMessage().contains("read-numbers"), e.getMessage());
    }

    @Test
    void aGeneratorModelIsNotOpenedAsAClassifier() {
        ModelCard card = card(Task.GENERATE, FakeBackends.FORMAT);
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> Digits.classifier(ModelSource.of(MODEL, card)));
        assertTrue(e.getMessage().contains("task=digit-generation") && e.getMessage().contains("not to classify"), e.getMessage());
        e = assertThrows(BadModelFileException.class, () -> LoadedModel.resolve(ModelSource.of(MODEL, card), Task.CLASSIFY));
        assertTrue(e.getMessage().contains("in-memory model is a model to generate"), e.getMessage());
    }

    @Test
    void aBackendBringsItsOwnFormatWhichTellsAModelWhoseCardNamesNone() {
        ModelCard card = ModelCard.builder().task(Task.CLASSIFY).put(ModelCard.MODEL_SHA256, Sha256.hex(MODEL)).build();
        LoadedModel loaded = LoadedModel.resolve(ModelSource.of(MODEL, card), Task.CLASSIFY);
        assertEquals(FakeBackends.FORMAT, loaded.format());
        try (DigitClassifier classifier = Digits.classifier(ModelSource.of(MODEL, card))) {
            assertEquals("fake-classify", classifier.backendName());
        }
        byte[] unknown = "no format knows these bytes".getBytes(StandardCharsets.UTF_8);
        ModelCard unknownCard = ModelCard.builder().put(ModelCard.MODEL_SHA256, Sha256.hex(unknown)).build();
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> Digits.classifier(ModelSource.of(unknown, unknownCard)));
        assertTrue(e.getMessage().contains("No model format on the class path recognises")
                && e.getMessage().contains("fake (the test backends of digit-api)"), e.getMessage());
    }

    @Test
    void theModelsFormatChoosesTheBackend() {
        try (DigitClassifier classifier = Digits.classifier(ModelSource.of(MODEL, card(Task.CLASSIFY, FakeBackends.FORMAT)))) {
            assertEquals("fake-classify", classifier.backendName());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Digits.classifier(ModelSource.of(MODEL, card(Task.CLASSIFY, "onnx"))));
        assertTrue(e.getMessage().contains("format onnx") && e.getMessage().contains("no backend here loads"), e.getMessage());
    }

    @Test
    void aModelWithoutItsChecksumIsRefusedWithTheLineToAdd() {
        ModelCard card = card(Task.CLASSIFY, FakeBackends.FORMAT).toBuilder().put(ModelCard.MODEL_SHA256, null).build();
        BadModelFileException e = assertThrows(BadModelFileException.class, () -> Digits.classifier(ModelSource.of(MODEL, card)));
        assertTrue(e.getMessage().contains("model.sha256=" + dev.digits.io.Sha256.hex(MODEL)), e.getMessage());
        ModelCard wrong = card.toBuilder().put(ModelCard.MODEL_SHA256, dev.digits.io.Sha256.hex(new byte[1])).build();
        assertThrows(ChecksumMismatchException.class, () -> Digits.classifier(ModelSource.of(MODEL, wrong)));
    }

    @Test
    void absentBackendNamesTheArtifactToAdd() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Digits.classifier(ModelSource.CLASSIFIER, "onnx"));
        assertTrue(e.getMessage().contains("dev.digits:digit-onnx"), e.getMessage());
        e = assertThrows(BackendUnavailableException.class, () -> Digits.classifier(ModelSource.CLASSIFIER, "DL4J"));
        assertTrue(e.getMessage().contains("dev.digits:digit-dl4j"), e.getMessage());
    }

    @Test
    void unknownBackendListsTheKnownNames() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Digits.classifier(ModelSource.CLASSIFIER, "tensorflow"));
        assertTrue(e.getMessage().contains("dl4j, onnx"), e.getMessage());
        assertFalse(e.getMessage().contains("broken"), e.getMessage());
    }

    private static ModelCard card(Task task, String format) {
        return ModelCard.builder().task(task).put(ModelCard.FORMAT, format)
                .put(ModelCard.MODEL_SHA256, dev.digits.io.Sha256.hex(MODEL)).build();
    }
}
