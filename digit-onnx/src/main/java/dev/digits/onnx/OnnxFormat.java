package dev.digits.onnx;

import dev.digits.BadModelFileException;
import dev.digits.ChecksumMismatchException;
import dev.digits.ModelCard;
import dev.digits.ModelFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ONNX format: a serialised {@code ModelProto}. A file exported by Digits carries its card in its metadata
 * properties, with the SHA-256 of the graph it describes; weights may sit in side files (external data) that
 * the model names. Read without a protobuf library or native code. Stateless.
 */
public final class OnnxFormat implements ModelFormat {
    /** The card's {@code format} of ONNX files. */
    public static final String NAME = "onnx";

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    /**
     * A well-formed top level of a {@code ModelProto} with a graph, or bytes that start as every ONNX file does
     * (field 1, {@code ir_version}, a small number): a damaged ONNX file is still ONNX, and ONNX Runtime then
     * says what is wrong with it.
     */
    @Override
    public Optional<String> recognise(byte[] model) {
        boolean startsAsOnnx = model.length >= 2 && model[0] == 0x08 && model[1] >= 1 && model[1] <= 64;
        return startsAsOnnx || OnnxMetadata.read(model).isPresent() ? Optional.of(NAME) : Optional.empty();
    }

    @Override
    public Optional<ModelCard> embeddedCard(byte[] model, String what) {
        Optional<OnnxMetadata> metadata = OnnxMetadata.read(model);
        if (metadata.isEmpty() || !metadata.get().properties().containsKey(ModelCard.GRAPH_SHA256)) {
            return Optional.empty();
        }
        ModelCard card = ModelCard.parse(metadata.get().properties(), "inside " + what);
        String expected = card.require(ModelCard.GRAPH_SHA256).trim().toLowerCase(Locale.ROOT);
        if (!expected.equals(metadata.get().graphSha256())) {
            throw new ChecksumMismatchException(what + " (its graph, against the card inside the file)", expected,
                    metadata.get().graphSha256());
        }
        // The graph checksum covers the weights, not the card: without this, one edited byte of the temperature,
        // a threshold or the ink would silently change every answer.
        card.verifyEntries(what);
        return Optional.of(card);
    }

    /**
     * An ONNX file starts with its {@code ir_version} (field 1, a varint: the byte 0x08), as every serialiser writes
     * fields in order; anything else is not an ONNX file that could carry a card.
     */
    @Override
    public boolean mayCarryCard(byte[] head) {
        return head.length > 0 && head[0] == 0x08;
    }

    @Override
    public Set<String> sideFiles(byte[] model, String what) {
        try {
            return OnnxExternalData.locations(model);
        } catch (IllegalArgumentException e) {
            // Not ONNX as far as this reader sees; ONNX Runtime refuses such bytes before it reads any side file.
            return Set.of();
        }
    }

    @Override
    public String artifact() {
        return "dev.digits:digit-onnx";
    }
}
