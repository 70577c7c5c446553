package dev.digits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The side files of a model (e.g. ONNX external data): found only beside the model file, never in the working
 * directory or outside the model's folder, and checked against the card before anything runs them.
 */
final class SideFiles {
    private SideFiles() {
    }

    /** The side files a model names, as its format tells; none when no format on the class path has that name. */
    static Set<String> named(byte[] model, String format, String what) {
        return ModelFormats.named(format).map(f -> f.sideFiles(model, what)).orElse(Set.of());
    }

    /**
     * Reads every side file the model names from the model file's folder and checks each against the card.
     *
     * @throws BadModelFileException     when a side file is missing, lies outside the model's folder, or the card
     *                                   lists no checksum for it
     * @throws ChecksumMismatchException when a side file is not the one the card describes
     */
    static Map<String, byte[]> read(Set<String> locations, ModelCard card, Path modelFile, String what) {
        if (locations.isEmpty()) {
            return Map.of();
        }
        Path folder = modelFile.toAbsolutePath().normalize().getParent();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String location : locations) {
            Path side = beside(folder, location, what);
            String sideWhat = "the side file " + side + " of " + what;
            if (!Files.exists(side)) {
                throw new BadModelFileException(what + " keeps weights in the side file '" + location + "', which is not"
                        + " beside it (" + side + "); copy the side file next to the model file");
            }
            // Bounded like the model file: a side file that is a device or gigabytes long is refused unread.
            byte[] bytes = ModelLimits.read(side, ModelLimits.maxModelBytes(), sideWhat, ModelLimits.setting());
            card.verifySideFile(location, bytes, sideWhat);
            files.put(location, bytes);
        }
        return files;
    }

    /**
     * Refuses a model without a file of its own that names side files: there is no folder to find them in.
     *
     * @throws BadModelFileException when the model names side files
     */
    static void refuseAny(Set<String> locations, String what) {
        if (!locations.isEmpty()) {
            throw new BadModelFileException(what + " keeps weights in side files " + locations + " and has no folder to"
                    + " find them in; open it from its file (ModelSource.file) with the side files beside it");
        }
    }

    private static Path beside(Path folder, String location, String what) {
        Path side;
        try {
            Path relative = Path.of(location);
            side = folder.resolve(relative).normalize();
            if (relative.isAbsolute() || location.isBlank() || !side.startsWith(folder) || side.equals(folder)) {
                throw new InvalidPathException(location, "not a file inside the model's folder");
            }
            if (Files.exists(side) && !side.toRealPath().startsWith(folder.toRealPath())) {
                throw new InvalidPathException(location, "a link to a file outside the model's folder");
            }
        } catch (InvalidPathException | IOException e) {
            throw new BadModelFileException(what + " names the side file '" + location + "', which is not a file inside"
                    + " the model's folder (" + e.getMessage() + "); side files must sit beside the model file");
        }
        return side;
    }
}
