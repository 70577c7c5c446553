package dev.digits.preprocess;

import dev.digits.BadImageException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads picture files with clear errors. */
public final class Pictures {
    private Pictures() {
    }

    /**
     * Decodes a PNG, JPEG, GIF or BMP file.
     *
     * @throws BadImageException when the file is missing, unreadable or not a picture Java can decode
     */
    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadImageException("Picture " + file + " does not exist or is not a file");
        }
        BufferedImage picture;
        try {
            picture = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new BadImageException("Cannot decode " + file + " (" + e.getMessage()
                    + "); give a PNG, JPEG, GIF or BMP picture", e);
        }
        if (picture == null) {
            throw new BadImageException(file + " is not a picture Java can decode; give a PNG, JPEG, GIF or BMP picture");
        }
        return picture;
    }
}
