package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadImageException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged, cut and unlisted pictures are refused with a {@link BadImageException}: a decoder that reports
 * missing or corrupt data must not hand on a half-grey picture, which once read as "1 (67.3%)".
 */
class DamagedPicturesTest {
    @TempDir
    Path folder;

    static BufferedImage seven() {
        BufferedImage picture = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 300);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(20));
        g.drawLine(60, 40, 240, 40);
        g.drawLine(240, 40, 120, 270);
        g.dispose();
        return picture;
    }

    static byte[] encode(BufferedImage picture, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(picture, format, out), "a writer for " + format);
        return out.toByteArray();
    }

    static byte[] progressiveJpeg(BufferedImage picture) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(picture, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = folder.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp"})
    void aPictureCutShortIsRefused(String format) throws Exception {
        byte[] whole = encode(seven(), format);
        assertEquals(300, Pictures.read(write("whole." + format, whole)).getWidth());
        Path cut = write("cut." + format, Arrays.copyOf(whole, whole.length / 2));
        BadImageException e = assertThrows(BadImageException.class, () -> Pictures.read(cut));
        assertFalse(e.getMessage().contains("(null)"), e.getMessage());
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void aJpegCutInHalfSaysItIsIncomplete() throws Exception {
        for (byte[] whole : new byte[][]{encode(seven(), "jpeg"), progressiveJpeg(seven())}) {
            Path cut = write("cut.jpg", Arrays.copyOf(whole, whole.length / 2));
            BadImageException e = assertThrows(BadImageException.class, () -> Pictures.read(cut));
            assertTrue(e.getMessage().contains("damaged or incomplete") && e.getMessage().contains("Give the whole file"),
                    e.getMessage());
        }
    }

    @Test
    void aTiffIsRefusedAsAnUnlistedFormat() throws Exception {
        Path tiff = write("seven.tif", encode(seven(), "tiff"));
        BadImageException e = assertThrows(BadImageException.class, () -> Pictures.read(tiff));
        assertTrue(e.getMessage().contains(" TIF") && e.getMessage().contains("convert it to PNG, JPEG, GIF or BMP"),
                e.getMessage());
    }

    @Test
    void aProgressiveJpegClaimingManyMegapixelsIsRefusedBeforeDecoding() throws Exception {
        byte[] jpeg = progressiveJpeg(seven());
        assertEquals(300, Pictures.read(write("small.jpg", jpeg)).getWidth(), "a small progressive JPEG reads");
        int frame = frameMarker(jpeg);
        assertEquals(0xC2, jpeg[frame + 1] & 0xff, "a progressive frame");
        // SOF2: FF C2, length (2), precision (1), height (2), width (2): claim 50000 x 5000.
        jpeg[frame + 5] = (byte) (5000 >> 8);
        jpeg[frame + 6] = (byte) 5000;
        jpeg[frame + 7] = (byte) (50000 >> 8);
        jpeg[frame + 8] = (byte) 50000;
        Path huge = write("huge.jpg", jpeg);
        BadImageException e = assertThrows(BadImageException.class, () -> Pictures.read(huge));
        assertTrue(e.getMessage().contains("50000x5000") && e.getMessage().contains("progressive JPEG"), e.getMessage());
    }

    private static int frameMarker(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && ((jpeg[i + 1] & 0xff) == 0xC0 || (jpeg[i + 1] & 0xff) == 0xC2)) {
                return i;
            }
        }
        throw new AssertionError("no frame marker");
    }

    @Test
    void aCmykJpegWithBlackOnlyInkIsRefusedNotReadAsBlank() throws Exception {
        java.awt.image.WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 200, 200, 4, null);
        for (int y = 40; y < 160; y++) {
            for (int x = 90; x < 110; x++) {
                cmyk.setSample(x, y, 3, 255);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(cmyk, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        Path file = write("black-ink.jpg", out.toByteArray());
        BadImageException e = assertThrows(BadImageException.class, () -> Pictures.read(file));
        assertTrue(e.getMessage().contains("CMYK") && e.getMessage().contains("save it as an RGB or grayscale"), e.getMessage());
    }
}
