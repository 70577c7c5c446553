package dev.digits.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.BadModelFileException;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes ONNX Runtime sessions from verified models only. ONNX Runtime, given a model's bytes, looks for the
 * model's side files (external data) in the working directory, where anyone may have put anything: a model
 * that names side files is therefore run from a private folder holding exactly the verified bytes of the model
 * and of each side file, and a model whose side files were not verified is refused.
 */
final class OnnxSessions {
    private OnnxSessions() {
    }

    /**
     * Checks that every side file the model names came verified with it.
     *
     * @throws BadModelFileException when the model is not readable ONNX or names a side file it was not given
     */
    static void requireVerifiedSideFiles(LoadedModel model) {
        Set<String> named = sideFilesNamed(model);
        for (String location : named) {
            if (!model.sideFiles().containsKey(location)) {
                throw new BadModelFileException(model.description() + " keeps weights in the side file '" + location
                        + "', which was not read beside the model and checked; open it from its file (ModelSource.file),"
                        + " with the side file next to it and its checksum in the card");
            }
        }
    }

    /** A session of the model; the side files, if any, are taken from the verified bytes only. */
    static OrtSession create(OrtEnvironment environment, LoadedModel model, OrtSession.SessionOptions options)
            throws OrtException {
        requireVerifiedSideFiles(model);
        if (sideFilesNamed(model).isEmpty()) {
            return environment.createSession(model.bytes(), options);
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("digits-onnx-model");
            Path modelFile = folder.resolve("model.onnx");
            Files.write(modelFile, model.bytes());
            for (Map.Entry<String, byte[]> side : model.sideFiles().entrySet()) {
                Path file = folder.resolve(side.getKey()).normalize();
                if (!file.startsWith(folder)) {
                    throw new BadModelFileException(model.description() + " names the side file '" + side.getKey()
                            + "' outside its folder");
                }
                Files.createDirectories(file.getParent());
                Files.write(file, side.getValue());
            }
            return environment.createSession(modelFile.toString(), options);
        } catch (IOException e) {
            throw new DigitsException("Cannot stage the side files of " + model.description() + ": " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                // ONNX Runtime has read (or mapped) the files by now; an unlinked mapping stays valid.
                deleteTree(folder);
            }
        }
    }

    private static Set<String> sideFilesNamed(LoadedModel model) {
        try {
            return OnnxExternalData.locations(model.bytes());
        } catch (IllegalArgumentException e) {
            throw new BadModelFileException(model.description() + " is not a valid ONNX model, or is truncated ("
                    + e.getMessage() + "); export it again or fetch a fresh copy", e);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            folder.toFile().deleteOnExit();
        }
    }
}
