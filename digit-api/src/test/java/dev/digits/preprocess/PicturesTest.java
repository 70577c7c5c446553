package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import dev.digits.DigitImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {
    @TempDir
    Path folder;

    /** A JPEG with an EXIF APP1 segment that holds only the orientation tag. */
    private static byte[] jpegWithOrientation(BufferedImage picture, int orientation) throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(picture, "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[]{'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exifHeader.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.write(exifHeader);
        out.write(tiff.array());
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    @Test
    void exifOrientationTurnsPhotosUpright() throws Exception {
        BufferedImage wide = Drawings.seven(300, 200, 100, 20, 150, 14, Color.WHITE, Color.BLACK);
        Path file = folder.resolve("rotated.jpg");
        Files.write(file, jpegWithOrientation(wide, 6));
        assertEquals(6, Pictures.exifOrientation(file));
        BufferedImage upright = Pictures.read(file);
        assertEquals(200, upright.getWidth(), "orientation 6 swaps width and height");
        assertEquals(300, upright.getHeight());
        // The camera's "rotate 90° clockwise to view": the picture's top-left corner goes to the top right.
        assertEquals(wide.getRGB(0, 199) & 0xff, upright.getRGB(0, 0) & 0xff, 40);
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage turned = Pictures.upright(wide, orientation);
            DigitImage image = Preprocessor.mnist().preprocess(Pictures.upright(turned, inverse(orientation))).image();
            assertTrue(Drawings.overlap(Preprocessor.mnist().preprocess(wide).image(), image) > 0.95, "orientation " + orientation);
        }
    }

    private static int inverse(int orientation) {
        return orientation == 6 ? 8 : orientation == 8 ? 6 : orientation;
    }

    @Test
    void absurdDimensionsAreRefusedBeforeDecoding() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(100_000).putInt(100_000)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        png.write(ByteBuffer.allocate(4).putInt(13).array());
        png.write(ihdr.array());
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Path file = folder.resolve("huge.png");
        Files.write(file, png.toByteArray());
        BadImageException e = assertThrows(BadImageException.class, () -> Pictures.read(file));
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void largePicturesAreDecodedSmaller() throws Exception {
        Path file = folder.resolve("big.png");
        ImageIO.write(Drawings.seven(3000, 2400, 1000, 600, 1200, 90, Color.WHITE, Color.BLACK), "png", file.toFile());
        BufferedImage read = Pictures.read(file);
        assertTrue(read.getWidth() <= 1500 && read.getWidth() >= Pictures.DECODE_SIDE / 2, "decoded width " + read.getWidth());
        assertEquals(3000, Pictures.read(file, 0).getWidth());
    }

    @Test
    void bytesDecodeAsTheFileDoes() throws Exception {
        BufferedImage wide = Drawings.seven(3000, 2000, 1000, 600, 1200, 90, Color.WHITE, Color.BLACK);
        Path rotated = folder.resolve("rotated.jpg");
        Files.write(rotated, jpegWithOrientation(wide, 6));
        Path big = folder.resolve("big.png");
        ImageIO.write(wide, "png", big.toFile());
        for (Path file : List.of(rotated, big)) {
            Pictures.Sized fromFile = Pictures.readSized(file);
            Pictures.Sized fromBytes = Pictures.readSized(Files.readAllBytes(file), file.toString());
            assertEquals(fromFile.fileWidth(), fromBytes.fileWidth(), file.toString());
            assertEquals(fromFile.fileHeight(), fromBytes.fileHeight(), file.toString());
            assertEquals(fromFile.picture().getWidth(), fromBytes.picture().getWidth(), file.toString());
            assertEquals(fromFile.picture().getHeight(), fromBytes.picture().getHeight(), file.toString());
            assertArrayEquals(fromFile.picture().getRGB(0, 0, fromFile.picture().getWidth(), fromFile.picture().getHeight(),
                            null, 0, fromFile.picture().getWidth()),
                    fromBytes.picture().getRGB(0, 0, fromBytes.picture().getWidth(), fromBytes.picture().getHeight(),
                            null, 0, fromBytes.picture().getWidth()), file.toString());
        }
        assertEquals(2000, Pictures.readSized(Files.readAllBytes(rotated), "r").fileWidth(), "upright by its EXIF");
    }

    @Test
    void badBytesAreRefusedWithTheirName() {
        BadImageException empty = assertThrows(BadImageException.class, () -> Pictures.read(new byte[0], "upload-1"));
        assertTrue(empty.getMessage().contains("upload-1 is empty"), empty.getMessage());
        BadImageException text = assertThrows(BadImageException.class,
                () -> Pictures.read("hello, world".getBytes(StandardCharsets.US_ASCII), "notes.txt"));
        assertTrue(text.getMessage().contains("notes.txt"), text.getMessage());
    }
}
