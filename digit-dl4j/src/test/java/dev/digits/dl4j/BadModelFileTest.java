package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.ChecksumMismatchException;
import dev.digits.Digits;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadModelFileTest {
    @TempDir
    Path folder;

    private Path copyOfBundled() throws Exception {
        Path model = folder.resolve("classifier.zip");
        try (var in = getClass().getResourceAsStream(Dl4jModels.BUNDLED_FOLDER + "classifier.zip");
             var card = getClass().getResourceAsStream(Dl4jModels.BUNDLED_FOLDER + "classifier.zip.properties")) {
            Files.write(model, in.readAllBytes());
            Files.write(CardFiles.cardPathFor(model), card.readAllBytes());
        }
        return model;
    }

    @Test
    void aCopyOfTheBundledModelLoadsFromAFile() throws Exception {
        Path model = copyOfBundled();
        Digits.classifier(ModelSource.file(model), Dl4jBackend.NAME).close();
    }

    @Test
    void modelThatIsNotTheOneItsCardDescribesIsRefused() throws Exception {
        Path model = copyOfBundled();
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(model, bytes);
        assertThrows(ChecksumMismatchException.class, () -> Digits.classifier(ModelSource.file(model), Dl4jBackend.NAME));
    }

    @Test
    void truncatedModelWithMatchingCardIsABadModelFile() throws Exception {
        Path model = copyOfBundled();
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(model), 2000);
        Files.write(model, bytes);
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(model));
        CardFiles.write(card.toBuilder().put(ModelCard.MODEL_SHA256, Sha256.hex(bytes)).build(), CardFiles.cardPathFor(model));
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> Digits.classifier(ModelSource.file(model), Dl4jBackend.NAME));
        assertTrue(e.getMessage().contains("digits train"), e.getMessage());
    }

    @Test
    void missingCardOrModelIsNamed() throws Exception {
        Path model = copyOfBundled();
        Files.delete(CardFiles.cardPathFor(model));
        BadModelFileException e = assertThrows(BadModelFileException.class,
                () -> Digits.classifier(ModelSource.file(model), Dl4jBackend.NAME));
        assertTrue(e.getMessage().contains("classifier.zip.properties"), e.getMessage());
        Path absent = folder.resolve("absent.zip");
        assertTrue(assertThrows(BadModelFileException.class, () -> Digits.classifier(ModelSource.file(absent), Dl4jBackend.NAME))
                .getMessage().contains("does not exist"));
    }
}
