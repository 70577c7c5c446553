package dev.digits;

import dev.digits.io.FilePairs;
import dev.digits.io.OnnxMetadata;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ModelSource} into a verified {@link LoadedModel}: the one place where model files and cards are
 * read and checked (card found beside the file or inside an ONNX file, checksum verified, task checked; an ONNX
 * model's side files read from beside the model file and checked against the card).
 * {@link Digits} uses it for every request; a program that opens a backend's model class directly (to pass
 * options in code) uses it too. Stateless and thread-safe.
 */
public final class ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private ModelLoader() {
    }

    /**
     * Resolves any source for {@code backend}: a bundled model from the backend's jar, a file or bytes.
     *
     * @throws BadModelFileException     when the model or card is missing or corrupt, or is for another task
     * @throws ChecksumMismatchException when the model is not the one its card describes
     */
    public static LoadedModel load(ModelSource source, Task task, DigitBackend backend) {
        return source instanceof ModelSource.Bundled bundled ? bundled(backend, bundled.name(), task) : load(source, task);
    }

    /** Whether {@code backend} bundles a model of this name. */
    static boolean hasBundled(DigitBackend backend, String name) {
        return backend.bundledModels()
                .map(b -> b.anchor().getResource(b.modelPath(name)) != null)
                .orElse(false);
    }

    /** A model bundled with {@code backend}, verified and checked for {@code task}. */
    static LoadedModel bundled(DigitBackend backend, String name, Task task) {
        DigitBackend.BundledModels models = backend.bundledModels().orElseThrow(() -> new BadModelFileException(
                "Backend '" + backend.name() + "' bundles no models"));
        String what = "the bundled " + backend.name() + " model '" + name + "'";
        byte[] bytes = resource(models.anchor(), models.modelPath(name), what, backend);
        ModelCard card = ModelCard.read(new java.io.ByteArrayInputStream(
                resource(models.anchor(), models.cardPath(name), what + "'s card", backend)), what + "'s card");
        card.verifyModel(bytes, what);
        SideFiles.refuseAny(bytes, what);
        return new LoadedModel(bytes, card, what).requireTask(task);
    }

    /**
     * A model file or in-memory model, verified and checked for {@code task}; {@link #format} tells its format.
     *
     * @throws BadModelFileException     when the model or card is missing or corrupt, or is for another task
     * @throws ChecksumMismatchException when the model is not the one its card describes
     */
    public static LoadedModel load(ModelSource source, Task task) {
        LoadedModel model;
        if (source instanceof ModelSource.ModelFile file) {
            model = file(file.path());
        } else if (source instanceof ModelSource.InMemory memory) {
            String what = "the in-memory model" + memory.card().get(ModelCard.NAME).map(n -> " '" + n + "'").orElse("");
            verifyOrExplain(memory.card(), memory.bytes(), what, "the card");
            SideFiles.refuseAny(memory.bytes(), what);
            model = new LoadedModel(memory.bytes(), memory.card(), what);
        } else {
            throw new IllegalArgumentException("Not a file or in-memory source: " + source);
        }
        return model.requireTask(task);
    }

    private static LoadedModel file(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadModelFileException("Model file " + path + " does not exist");
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read model file " + path + ": " + e.getMessage(), e);
        }
        String what = "model " + path;
        Path cardPath = FilePairs.partner(path, ModelCard.cardPathFor(path));
        Path legacy = ModelCard.legacyCardPathFor(path);
        if (!Files.exists(cardPath) && Files.exists(legacy)) {
            LOG.debug("Reading the card of {} from {} (first-version name; {} is the current one)", path, legacy, cardPath);
            cardPath = legacy;
        }
        if (Files.exists(cardPath)) {
            ModelCard card = ModelCard.read(cardPath);
            verifyOrExplain(card, bytes, what, "the card " + cardPath);
            return new LoadedModel(bytes, card, what, looksLikeZip(bytes) ? Map.of() : SideFiles.read(bytes, card, path, what));
        }
        Optional<OnnxMetadata> metadata = looksLikeZip(bytes) ? Optional.empty() : OnnxMetadata.read(bytes);
        if (metadata.isPresent() && metadata.get().properties().containsKey(ModelCard.GRAPH_SHA256)) {
            ModelCard card = ModelCard.parse(metadata.get().properties(), "inside " + path);
            String expected = card.require(ModelCard.GRAPH_SHA256).trim().toLowerCase(Locale.ROOT);
            if (!expected.equals(metadata.get().graphSha256())) {
                throw new ChecksumMismatchException(what + " (its graph, against the card inside the file)", expected,
                        metadata.get().graphSha256());
            }
            return new LoadedModel(bytes, card.toBuilder().put(ModelCard.FORMAT, ModelCard.FORMAT_ONNX).build(), what,
                    SideFiles.read(bytes, card, path, what));
        }
        throw new BadModelFileException("Model card " + cardPath + " is missing; every model file needs its card beside"
                + " it (the file name plus .properties; docs/model-cards.md lists the entries), unless it is an ONNX file"
                + " exported by Digits, which carries its card inside");
    }

    private static void verifyOrExplain(ModelCard card, byte[] bytes, String what, String cardName) {
        if (card.get(ModelCard.MODEL_SHA256).isEmpty()) {
            throw new BadModelFileException(cardName + " lacks " + ModelCard.MODEL_SHA256 + ", which guards against"
                    + " running a damaged or different file; if " + what + " is the model you mean, add the line "
                    + ModelCard.MODEL_SHA256 + "=" + Sha256.hex(bytes) + " to the card");
        }
        card.verifyModel(bytes, what);
    }

    /** The model's format: the card's, or else what the bytes look like (a zip is DL4J's, anything else ONNX). */
    public static String format(LoadedModel model) {
        return model.card().format().orElse(looksLikeZip(model.bytes()) ? ModelCard.FORMAT_DL4J : ModelCard.FORMAT_ONNX);
    }

    private static boolean looksLikeZip(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K';
    }

    private static byte[] resource(Class<?> anchor, String path, String what, DigitBackend backend) {
        try (InputStream in = anchor.getResourceAsStream(path)) {
            if (in == null) {
                throw new BadModelFileException(what + " is not on the class path (" + path + "); is the jar of "
                        + backend.artifact() + " complete?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
