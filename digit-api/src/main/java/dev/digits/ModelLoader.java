package dev.digits;

import dev.digits.io.FilePairs;
import dev.digits.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ModelSource} into a verified {@link LoadedModel}: the one place where model files and cards are
 * read and checked (card found beside the file or inside it, checksum verified, task checked, format told, side
 * files read from beside the model file and checked against the card). What a format is, the formats on the class
 * path say ({@link ModelFormat}). Stateless and thread-safe.
 */
final class ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private ModelLoader() {
    }

    /** Resolves any source for {@code backend}: a bundled model from the backend's jar, a file or bytes. */
    static LoadedModel load(ModelSource source, Task task, DigitBackend backend) {
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
        ModelCard card = CardFiles.read(new ByteArrayInputStream(
                resource(models.anchor(), models.cardPath(name), what + "'s card", backend)), what + "'s card");
        card.verifyModel(bytes, what);
        String format = formatOf(bytes, card, what);
        SideFiles.refuseAny(SideFiles.named(bytes, format, what), what);
        return checked(bytes, card, what, Map.of(), task, format);
    }

    /** A model file or in-memory model, verified and checked for {@code task}. */
    static LoadedModel load(ModelSource source, Task task) {
        if (source instanceof ModelSource.ModelFile file) {
            return file(file.path(), task);
        }
        if (source instanceof ModelSource.InMemory memory) {
            String what = "the in-memory model" + memory.card().get(ModelCard.NAME).map(n -> " '" + n + "'").orElse("");
            verifyOrExplain(memory.card(), memory.bytes(), what, "the card");
            String format = formatOf(memory.bytes(), memory.card(), what);
            checkExpansion(memory.bytes(), format, what);
            SideFiles.refuseAny(SideFiles.named(memory.bytes(), format, what), what);
            return checked(memory.bytes(), memory.card(), what, Map.of(), task, format);
        }
        throw new IllegalArgumentException("Not a file or in-memory source: " + source);
    }

    private static LoadedModel file(Path path, Task task) {
        String what = "model " + path;
        // The card first, the model's bytes last and bounded: a hostile file (huge, endless like /dev/zero, or
        // without a card) costs no more than the check that refuses it.
        Path cardPath = cardPathOf(path);
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new BadModelFileException("Model file " + path + " is not a regular file (a device, FIFO or folder);"
                    + " name a model file");
        }
        ModelCard card = null;
        if (Files.exists(cardPath)) {
            card = CardFiles.read(cardPath);
            requireTask(card, what, task);
        } else if (Files.isRegularFile(path) && !mayCarryCard(ModelLimits.head(path, HEAD_BYTES, what))) {
            throw missingCard(cardPath);
        }
        if (!Files.exists(path)) {
            throw new BadModelFileException("Model file " + path + " does not exist");
        }
        byte[] bytes = ModelLimits.read(path, ModelLimits.maxModelBytes(), "model file " + path, ModelLimits.setting());
        if (card != null) {
            verifyOrExplain(card, bytes, what, "the card " + cardPath);
        } else {
            card = embeddedCard(bytes, path, what).orElseThrow(() -> missingCard(cardPath));
        }
        String format = formatOf(bytes, card, what);
        checkExpansion(bytes, format, what);
        Map<String, byte[]> sideFiles = SideFiles.read(SideFiles.named(bytes, format, what), card, path, what);
        return checked(bytes, card, what, sideFiles, task, format);
    }

    /** How many first bytes of a file without a card are shown to the formats ({@link ModelFormat#mayCarryCard}). */
    private static final int HEAD_BYTES = 64;

    private static BadModelFileException missingCard(Path cardPath) {
        return new BadModelFileException("Model card " + cardPath + " is missing; every model file needs its card"
                + " beside it (the file name plus .properties; docs/model-cards.md lists the entries), unless its format"
                + " carries the card inside, as an ONNX file exported by Digits does");
    }

    private static boolean mayCarryCard(byte[] head) {
        return ModelFormats.all().stream().anyMatch(format -> format.mayCarryCard(head));
    }

    /** Lets the model's format refuse bytes that would inflate beyond the bound when loaded. */
    private static void checkExpansion(byte[] bytes, String format, String what) {
        ModelFormats.named(format).ifPresent(f -> f.checkExpansion(bytes, what));
    }

    /** The card file of a model file: the current name, or the first version's when only that exists. */
    private static Path cardPathOf(Path path) {
        Path cardPath = FilePairs.partner(path, CardFiles.cardPathFor(path));
        Path legacy = CardFiles.legacyCardPathFor(path);
        if (!Files.exists(cardPath) && Files.exists(legacy)) {
            LOG.debug("Reading the card of {} from {} (first-version name; {} is the current one)", path, legacy, cardPath);
            return legacy;
        }
        return cardPath;
    }

    /** The card inside the file, from the format that recognises the bytes; its own checks done. */
    private static Optional<ModelCard> embeddedCard(byte[] bytes, Path path, String what) {
        return ModelFormats.recognise(bytes).flatMap(recognised -> recognised.format().embeddedCard(bytes, what)
                .map(card -> card.toBuilder().put(ModelCard.FORMAT, recognised.name()).build()));
    }

    /**
     * The model's format: the card's, or else the one a format on the class path recognises in the bytes.
     *
     * @throws BadModelFileException when neither tells
     */
    private static String formatOf(byte[] bytes, ModelCard card, String what) {
        Optional<String> declared = card.format();
        if (declared.isPresent()) {
            return declared.get();
        }
        return ModelFormats.recognise(bytes).map(ModelFormats.Recognised::name).orElseThrow(() -> new BadModelFileException(
                "No model format on the class path recognises " + what + " (known formats: " + ModelFormats.describe()
                        + "); if it is a model, add its backend's artifact, or name the format in the card ("
                        + ModelCard.FORMAT + "=...); if it should be one, it is damaged: copy or export it again"));
    }

    private static LoadedModel checked(byte[] bytes, ModelCard card, String what, Map<String, byte[]> sideFiles,
                                       Task task, String format) {
        requireTask(card, what, task);
        return new LoadedModel(bytes, card, what, sideFiles, task, format);
    }

    private static void requireTask(ModelCard card, String what, Task task) {
        Task actual = card.task();
        if (actual != task) {
            throw new BadModelFileException(what + " is a model to " + actual.id() + " (its card says "
                    + ModelCard.TASK + "=" + actual.cardValue() + "), not to " + task.id() + "; open it with the "
                    + actual.id() + " factory, or give a model whose card says " + ModelCard.TASK + "=" + task.cardValue());
        }
    }

    private static void verifyOrExplain(ModelCard card, byte[] bytes, String what, String cardName) {
        if (card.get(ModelCard.MODEL_SHA256).isEmpty()) {
            throw new BadModelFileException(cardName + " lacks " + ModelCard.MODEL_SHA256 + ", which guards against"
                    + " running a damaged or different file; if " + what + " is the model you mean, add the line "
                    + ModelCard.MODEL_SHA256 + "=" + Sha256.hex(bytes) + " to the card");
        }
        card.verifyModel(bytes, what);
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
