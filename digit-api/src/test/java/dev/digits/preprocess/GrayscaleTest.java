package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrayscaleTest {
    /** The same colours as packed ints and as bytes: the fast paths of both layouts give one gray plane. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 8, -4, -7})
    void packedRgbAndBgrBytesGiveTheSameGray(int signedFactor) {
        // A negative factor: the same on a picture large enough to be read in parallel bands.
        int factor = Math.abs(signedFactor);
        Random random = new Random(signedFactor);
        int width = signedFactor < 0 ? 1301 : 61;
        int height = signedFactor < 0 ? 1003 : 45;
        BufferedImage ints = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        BufferedImage bytes = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = random.nextInt(1 << 24);
                ints.setRGB(x, y, rgb);
                bytes.setRGB(x, y, rgb);
            }
        }
        GrayPlane a = Grayscale.reduced(ints, factor);
        GrayPlane b = Grayscale.reduced(bytes, factor);
        assertEquals(b.width(), a.width());
        assertEquals(b.height(), a.height());
        for (int i = 0; i < a.values().length; i++) {
            assertEquals(b.values()[i], a.values()[i], 1e-6, "value " + i);
        }
    }

    /** White stays exactly 1 and black exactly 0 after averaging. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void whiteAndBlackStayExact(int factor) {
        BufferedImage picture = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                picture.setRGB(x, y, x < 10 ? 0xFFFFFF : 0);
            }
        }
        GrayPlane plane = Grayscale.reduced(picture, factor);
        assertEquals(1f, plane.at(0, 0));
        assertEquals(0f, plane.at(plane.width() - 1, plane.height() - 1));
    }

    /**
     * Issue 23, item 4: a picture thinner than the factor (300×1, 2048×1, 20000×10 at the factors the preprocessing
     * picks) has no whole block; the fast paths read past its data ({@code ArrayIndexOutOfBoundsException}). Every
     * layout gives the mean of the partial block instead.
     */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_BINARY})
    void picturesThinnerThanTheFactorAreAveragedOverTheirPartialBlocks(int type) {
        int[][] sizes = {{300, 1}, {1, 300}, {2048, 1}, {20000, 10}, {10, 20000}, {1, 1}, {3, 2}};
        for (int[] size : sizes) {
            BufferedImage picture = new BufferedImage(size[0], size[1], type);
            java.awt.Graphics2D g = picture.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, size[0], size[1]);
            g.dispose();
            for (int factor : new int[]{2, 4, 20, 64}) {
                GrayPlane plane = Grayscale.reduced(picture, factor);
                assertEquals(Math.max(1, size[0] / factor), plane.width(), size[0] + "x" + size[1] + " / " + factor);
                assertEquals(Math.max(1, size[1] / factor), plane.height(), size[0] + "x" + size[1] + " / " + factor);
                for (float v : plane.values()) {
                    assertEquals(1f, v, 1e-6f, "white stays white: " + size[0] + "x" + size[1] + " / " + factor);
                }
            }
        }
    }
}
