package dev.digits;

import dev.digits.io.AtomicFiles;
import dev.digits.io.FilePairs;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Model cards as files: where a model's card lives, reading one (checked by {@link CardSchema#check}) and writing
 * one atomically, alone or as one unit with its model. A card is a {@code .properties} file in UTF-8. Stateless.
 */
public final class CardFiles {
    private CardFiles() {
    }

    /** The card beside a model file: the whole file name plus {@code .properties} ({@code a.onnx.properties}). */
    public static Path cardPathFor(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".properties");
    }

    /**
     * The first version's card name: the file name without its extension plus {@code .properties}
     * ({@code a.properties}); still read when {@link #cardPathFor(Path)} is absent.
     */
    public static Path legacyCardPathFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return modelFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".properties");
    }

    /**
     * Reads a card file and checks that every entry's name means something ({@link CardSchema#check}).
     *
     * @throws BadModelFileException when it is missing, not a {@code .properties} file, or has an unknown entry
     */
    public static ModelCard read(Path cardFile) {
        if (Files.exists(cardFile) && (!Files.isRegularFile(cardFile) || size(cardFile) > ModelLimits.MAX_CARD_BYTES)) {
            // A card is a short text file: a device, FIFO or megabytes of text are not one, and are not read.
            throw new BadModelFileException("Model card " + cardFile + " is not a regular file of at most "
                    + ModelLimits.MAX_CARD_BYTES + " bytes; a card is a short .properties file (docs/model-cards.md)");
        }
        try (Reader reader = Files.newBufferedReader(cardFile, StandardCharsets.UTF_8)) {
            return read(reader, cardFile.toString());
        } catch (NoSuchFileException e) {
            throw new BadModelFileException("Model card " + cardFile + " is missing; every model file needs its card"
                    + " (its file name plus .properties) beside it");
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read model card " + cardFile + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read model card " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a card from a stream (UTF-8), e.g. a class-path resource; {@code what} names it in errors. */
    public static ModelCard read(InputStream in, String what) {
        try {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), what);
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read model card " + what + ": " + e.getMessage(), e);
        }
    }

    private static ModelCard read(Reader reader, String what) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new BadModelFileException("Model card " + what + " is not a valid .properties file: " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return CardSchema.check(ModelCard.fromEntries(map, what));
    }

    /**
     * Writes a card atomically (temporary file, then rename).
     *
     * @throws DigitsException when the file cannot be written
     */
    public static void write(ModelCard card, Path cardFile) {
        try {
            AtomicFiles.writeString(cardFile, text(card));
        } catch (IOException e) {
            throw new DigitsException(e.getMessage(), e);
        }
    }

    /**
     * Writes a model file and this card beside it as one unit (see {@link FilePairs}): a kill at any moment
     * leaves the old model with the old card or the new model with the new card. The card written is this one
     * with {@link ModelCard#MODEL_SHA256} set to the written model's.
     *
     * @return the card as written
     * @throws DigitsException when a file cannot be written
     */
    public static ModelCard writeWithModel(ModelCard card, Path modelFile, AtomicFiles.FileWriter model) {
        ModelCard[] written = new ModelCard[1];
        try {
            FilePairs.write(modelFile, model, cardPathFor(modelFile), sha256 -> {
                written[0] = card.toBuilder().put(ModelCard.MODEL_SHA256, sha256).build();
                return text(written[0]);
            });
        } catch (IOException e) {
            throw new DigitsException(e.getMessage(), e);
        }
        return written[0];
    }

    /** The card as {@code .properties} text, keys sorted. */
    public static String text(ModelCard card) {
        StringBuilder text = new StringBuilder("# Digits model card\n");
        for (Map.Entry<String, String> entry : card.asMap().entrySet()) {
            Properties one = new Properties();
            one.setProperty(entry.getKey(), entry.getValue());
            StringWriter writer = new StringWriter();
            try {
                one.store(writer, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            writer.toString().lines().filter(line -> !line.startsWith("#")).forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }
}
