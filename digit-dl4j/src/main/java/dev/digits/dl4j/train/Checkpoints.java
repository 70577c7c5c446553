package dev.digits.dl4j.train;

import dev.digits.DigitsException;
import dev.digits.io.AtomicFiles;
import dev.digits.io.FilePairs;
import java.util.function.Function;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/** The files of a training that a later run resumes from: networks written atomically and a small state file. */
final class Checkpoints {
    private Checkpoints() {
    }

    /** Writes a network (or graph) atomically, with its optimiser state when {@code withUpdater}. */
    static void writeModel(Model model, Path file, boolean withUpdater) {
        try {
            AtomicFiles.write(file, temporary -> ModelSerializer.writeModel(model, temporary.toFile(), withUpdater));
        } catch (IOException e) {
            throw new DigitsException(e.getMessage(), e);
        }
    }

    /** The error for a checkpoint that cannot be read back. */
    static DigitsException unreadable(Path file, Exception cause) {
        return new DigitsException("Cannot read checkpoint " + file + " (" + cause.getMessage()
                + "); delete the checkpoint folder to start afresh", cause);
    }

    /**
     * A state file's entries, empty when there is none yet.
     *
     * @throws DigitsException when it was made with settings other than {@code fingerprint}
     */
    static Properties readState(Path file, String fingerprint) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                properties.load(new StringReader(Files.readString(file)));
            } catch (IOException e) {
                throw unreadable(file, e);
            }
            requireSettings(properties, fingerprint, file);
        }
        return properties;
    }

    /**
     * Checks that a checkpoint was made with the same settings.
     *
     * @throws DigitsException when the state file names other settings
     */
    private static void requireSettings(Properties state, String fingerprint, Path file) {
        if (!fingerprint.equals(state.getProperty("settings"))) {
            throw new DigitsException("The checkpoint in " + file.getParent() + " was made with other settings ("
                    + state.getProperty("settings") + "); delete that folder or choose another one to start afresh");
        }
    }

    /**
     * Writes a network with its optimiser state and the state file that belongs to it as one unit (see
     * {@link FilePairs}); {@code state} makes the state's entries from the network file's SHA-256.
     */
    static void writeModelWithState(Model model, Path file, Path stateFile, Function<String, Properties> state, String comment) {
        writeWithState(temporary -> ModelSerializer.writeModel(model, temporary.toFile(), true), file, stateFile, state,
                comment);
    }

    /**
     * Writes several networks (with their optimiser states) into one zip file, an entry per name, and the state
     * file that belongs to them, as one unit (see {@link FilePairs}): a kill can never leave networks of
     * different epochs side by side.
     */
    static void writeModelsWithState(java.util.Map<String, ? extends Model> models, Path file, Path stateFile,
                                     Function<String, Properties> state, String comment) {
        writeWithState(temporary -> {
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(temporary))) {
                for (java.util.Map.Entry<String, ? extends Model> entry : models.entrySet()) {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    ModelSerializer.writeModel(entry.getValue(), bytes, true);
                    zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey()));
                    zip.write(bytes.toByteArray());
                    zip.closeEntry();
                }
            }
        }, file, stateFile, state, comment);
    }

    /**
     * The entries of a file written by {@link #writeModelsWithState}, by name.
     *
     * @throws DigitsException when the file cannot be read
     */
    static java.util.Map<String, byte[]> readModels(Path file) {
        java.util.Map<String, byte[]> models = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (java.util.zip.ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                models.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return models;
    }

    private static void writeWithState(AtomicFiles.FileWriter writer, Path file, Path stateFile,
                                       Function<String, Properties> state, String comment) {
        try {
            FilePairs.write(file, writer, stateFile,
                    sha256 -> {
                        StringWriter text = new StringWriter();
                        try {
                            state.apply(sha256).store(text, comment);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return text.toString();
                    });
        } catch (IOException e) {
            throw new DigitsException(e.getMessage(), e);
        }
    }

    /** Writes a state file atomically. */
    static void writeState(Path file, Properties state, String comment) {
        StringWriter text = new StringWriter();
        try {
            state.store(text, comment);
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException e) {
            throw new DigitsException(e.getMessage(), e);
        }
    }
}
