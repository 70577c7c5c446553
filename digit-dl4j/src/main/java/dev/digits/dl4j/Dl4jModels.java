package dev.digits.dl4j;

import dev.digits.BadModelFileException;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.io.AtomicFiles;
import dev.digits.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and loads DL4J networks with their model cards. Saving is atomic and records the file's SHA-256
 * in the card; loading checks it.
 */
public final class Dl4jModels {
    /** Class-path folder of the bundled models: {@code NAME.zip} with {@code NAME.properties}. */
    public static final String BUNDLED_FOLDER = "/dev/digits/dl4j/models/";

    private Dl4jModels() {
    }

    /** A network with its card. */
    public record LoadedModel(MultiLayerNetwork network, ModelCard card) {
    }

    /**
     * Writes {@code network} to {@code modelFile} and its card (with {@link ModelCard#MODEL_SHA256} filled in)
     * beside it, both atomically.
     *
     * @param saveUpdater keep the optimiser's state, for checkpoints that training resumes from
     * @return the card as written
     */
    public static ModelCard save(MultiLayerNetwork network, Path modelFile, ModelCard card, boolean saveUpdater) {
        AtomicFiles.write(modelFile, temporary -> ModelSerializer.writeModel(network, temporary.toFile(), saveUpdater));
        ModelCard written = card.toBuilder().put(ModelCard.MODEL_SHA256, Sha256.hex(modelFile)).build();
        written.write(ModelCard.cardPathFor(modelFile));
        return written;
    }

    /**
     * Loads a model and verifies it against its card.
     *
     * @throws BadModelFileException      when the model or card is missing or unreadable
     * @throws dev.digits.ChecksumMismatchException when the file is not the one the card describes
     */
    public static LoadedModel load(ModelSource source) {
        String what;
        byte[] bytes;
        ModelCard card;
        if (source instanceof ModelSource.Bundled bundled) {
            what = "bundled DL4J model '" + bundled.name() + "'";
            bytes = resource(BUNDLED_FOLDER + bundled.name() + ".zip", what);
            card = ModelCard.read(new ByteArrayInputStream(resource(BUNDLED_FOLDER + bundled.name() + ".properties", what)),
                    what + " card");
        } else if (source instanceof ModelSource.File file) {
            what = "DL4J model " + file.path();
            try {
                bytes = Files.readAllBytes(file.path());
            } catch (NoSuchFileException e) {
                throw new BadModelFileException("Model file " + file.path() + " does not exist");
            } catch (IOException e) {
                throw new BadModelFileException("Cannot read model file " + file.path() + ": " + e.getMessage(), e);
            }
            card = ModelCard.read(file.cardPath());
        } else {
            throw new IllegalArgumentException("Unknown model source " + source);
        }
        card.verifyModel(bytes, what);
        try {
            MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
            return new LoadedModel(network, card);
        } catch (IOException | RuntimeException e) {
            throw new BadModelFileException(what + " is not a DL4J MultiLayerNetwork file (" + e.getMessage()
                    + "); give a file written by 'digits train'", e);
        }
    }

    private static byte[] resource(String path, String what) {
        try (InputStream in = Dl4jModels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new BadModelFileException(what + " is not on the class path (" + path + "); is digit-dl4j's jar complete?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
