package dev.digits.preprocess;

import dev.digits.BadImageException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;

/**
 * Gray values in [0, 1] (0 = black) read straight from a picture's raster. {@link BufferedImage#getRGB}
 * would pass gray pictures through a gamma curve and brighten them. Transparent pixels are laid over white.
 */
public final class Grayscale {
    private Grayscale() {
    }

    /** A gray plane of {@code width × height} values, row by row. */
    public static float[] of(BufferedImage picture) {
        if (picture == null) {
            throw new BadImageException("No picture given (null): the file may not be in a format Java can decode"
                    + " (PNG, JPEG, GIF, BMP)");
        }
        int width = picture.getWidth();
        int height = picture.getHeight();
        Raster raster = picture.getRaster();
        ColorModel model = picture.getColorModel();
        int bands = raster.getNumBands();
        boolean indexed = picture.getType() == BufferedImage.TYPE_BYTE_INDEXED
                || picture.getType() == BufferedImage.TYPE_BYTE_BINARY || model instanceof java.awt.image.IndexColorModel;
        float[] gray = new float[width * height];
        if (indexed || bands == 0) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    gray[y * width + x] = fromArgb(picture.getRGB(x, y));
                }
            }
            return gray;
        }
        boolean alpha = model.hasAlpha();
        int colorBands = alpha ? bands - 1 : bands;
        float[] max = new float[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << raster.getSampleModel().getSampleSize(b)) - 1;
        }
        float[] pixel = new float[bands];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.getPixel(x, y, pixel);
                float value;
                if (colorBands >= 3) {
                    value = (0.299f * pixel[0] / max[0]) + (0.587f * pixel[1] / max[1]) + (0.114f * pixel[2] / max[2]);
                } else {
                    value = pixel[0] / max[0];
                }
                if (alpha) {
                    float a = pixel[bands - 1] / max[bands - 1];
                    value = value * a + (1f - a);
                }
                gray[y * width + x] = Math.min(1f, Math.max(0f, value));
            }
        }
        return gray;
    }

    private static float fromArgb(int argb) {
        float a = ((argb >>> 24) & 0xff) / 255f;
        float r = ((argb >> 16) & 0xff) / 255f;
        float g = ((argb >> 8) & 0xff) / 255f;
        float b = (argb & 0xff) / 255f;
        float value = 0.299f * r + 0.587f * g + 0.114f * b;
        return value * a + (1f - a);
    }
}
