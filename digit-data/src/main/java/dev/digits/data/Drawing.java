package dev.digits.data;

import dev.digits.DigitImage;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Drawing helpers for {@link RobustnessSet} and {@link SyntheticNumbers}: planes of ink coverage in [0, 1] and RGB canvases. */
final class Drawing {
    private Drawing() {
    }

    /**
     * An ink plane with digit {@code index} enlarged so that its ink is {@code digitHeight} tall (less when
     * it would not fit), rotated by {@code degrees} about its centre, at a random place inside a margin of
     * a tenth of the canvas.
     */
    static float[] placeDigit(DigitDataset digits, int index, int width, int height, int digitHeight, double degrees,
                              Random random) {
        DigitImage digit = digits.image(index);
        int[] box = inkBox(digit);
        int minX = box[0];
        int minY = box[1];
        int maxX = box[2];
        int maxY = box[3];
        double inkWidth = Math.max(1, maxX - minX + 1);
        double inkHeight = Math.max(1, maxY - minY + 1);
        double margin = 0.1 * Math.min(width, height);
        // The ink, not MNIST's 28-pixel field, must fit inside the margins, whatever the digit's shape.
        double scale = Math.min(digitHeight / inkHeight, Math.min((width - 2 * margin) / inkWidth, (height - 2 * margin) / inkHeight));
        double left = margin + random.nextDouble() * Math.max(0, width - 2 * margin - inkWidth * scale);
        double top = margin + random.nextDouble() * Math.max(0, height - 2 * margin - inkHeight * scale);
        double cx = left + inkWidth * scale / 2;
        double cy = top + inkHeight * scale / 2;
        double inkCentreX = (minX + maxX + 1) / 2.0;
        double inkCentreY = (minY + maxY + 1) / 2.0;
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        float[] ink = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double sx = (cos * dx + sin * dy) / scale + inkCentreX - 0.5;
                double sy = (-sin * dx + cos * dy) / scale + inkCentreY - 0.5;
                ink[y * width + x] = sample(digit, sx, sy);
            }
        }
        return ink;
    }

    /** {minX, minY, maxX, maxY} of an MNIST digit's ink (pixels above 0.1); {28, 28, -1, -1} when it has none. */
    static int[] inkBox(DigitImage digit) {
        int minX = 28;
        int minY = 28;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (digit.pixel(x, y, 0) > 0.1f) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return new int[]{minX, minY, maxX, maxY};
    }

    /** Ink coverage of an MNIST digit at (x, y) in its pixel coordinates, bilinear, with crisp edges. */
    static float sample(DigitImage digit, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v = (1 - fx) * (1 - fy) * at(digit, x0, y0) + fx * (1 - fy) * at(digit, x0 + 1, y0)
                + (1 - fx) * fy * at(digit, x0, y0 + 1) + fx * fy * at(digit, x0 + 1, y0 + 1);
        // Enlarged MNIST strokes are blurry; a soft threshold gives them the crisp edges of real ink.
        return (float) Math.max(0, Math.min(1, (v - 0.3) / 0.3));
    }

    private static float at(DigitImage digit, int x, int y) {
        return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0f : digit.pixel(x, y, 0);
    }

    /** Thicker (radius > 0) or thinner (radius < 0) strokes by a square max/min filter. */
    static float[] strokes(float[] ink, int width, int height, int radius) {
        int r = Math.abs(radius);
        boolean grow = radius > 0;
        float[] rows = new float[ink.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = ink[y * width + x];
                for (int k = Math.max(0, x - r); k <= Math.min(width - 1, x + r); k++) {
                    v = grow ? Math.max(v, ink[y * width + k]) : Math.min(v, ink[y * width + k]);
                }
                rows[y * width + x] = v;
            }
        }
        float[] out = new float[ink.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = rows[y * width + x];
                for (int k = Math.max(0, y - r); k <= Math.min(height - 1, y + r); k++) {
                    v = grow ? Math.max(v, rows[k * width + x]) : Math.min(v, rows[k * width + x]);
                }
                out[y * width + x] = v;
            }
        }
        return out;
    }

    /** Separable Gaussian blur. */
    static float[] blur(float[] plane, int width, int height, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        float[] rows = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * plane[y * width + Math.max(0, Math.min(width - 1, x + k))];
                }
                rows[y * width + x] = v;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * rows[Math.max(0, Math.min(height - 1, y + k)) * width + x];
                }
                out[y * width + x] = v;
            }
        }
        return out;
    }

    /** RGB values (3 per pixel) of pen on paper with the ink plane as coverage. */
    static float[] paint(float[] ink, int width, int height, float[] paper, float[] pen) {
        float[] rgb = new float[width * height * 3];
        for (int i = 0; i < ink.length; i++) {
            for (int c = 0; c < 3; c++) {
                rgb[i * 3 + c] = paper[c] + ink[i] * (pen[c] - paper[c]);
            }
        }
        return rgb;
    }

    /** Darkens the canvas along a random direction, as a shadow or uneven lamp light would. */
    static void shade(float[] rgb, int width, int height, Random random) {
        double angle = random.nextDouble() * 2 * Math.PI;
        double strength = 0.35 + 0.3 * random.nextDouble();
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double norm = Math.abs(dx) * width + Math.abs(dy) * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = ((x - width / 2.0) * dx + (y - height / 2.0) * dy) / norm + 0.5;
                float factor = (float) (1 - strength * Math.max(0, Math.min(1, t)));
                for (int c = 0; c < 3; c++) {
                    rgb[(y * width + x) * 3 + c] *= factor;
                }
            }
        }
    }

    static void noise(float[] rgb, float sigma, Random random) {
        for (int i = 0; i < rgb.length; i += 3) {
            float n = (float) random.nextGaussian() * sigma;
            for (int c = 0; c < 3; c++) {
                rgb[i + c] = Math.max(0f, Math.min(1f, rgb[i + c] + n));
            }
        }
    }

    /** Blue ruled lines across the whole canvas, under the ink's darkness. */
    static void ruledLines(float[] rgb, int width, int height, Random random) {
        int spacing = Math.max(12, height / (6 + random.nextInt(6)));
        int offset = random.nextInt(spacing);
        float[] line = {0.55f, 0.65f, 0.9f};
        for (int y = offset; y < height; y += spacing) {
            for (int t = 0; t < Math.max(1, height / 300); t++) {
                int row = Math.min(height - 1, y + t);
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < 3; c++) {
                        int i = (row * width + x) * 3 + c;
                        rgb[i] = Math.min(rgb[i], line[c]);
                    }
                }
            }
        }
    }

    /** A dozen small dark dots scattered over the canvas. */
    static void specks(float[] rgb, int width, int height, int digitHeight, Random random) {
        int count = 6 + random.nextInt(10);
        int radius = Math.max(1, digitHeight / 50);
        for (int s = 0; s < count; s++) {
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            for (int y = Math.max(0, cy - radius); y <= Math.min(height - 1, cy + radius); y++) {
                for (int x = Math.max(0, cx - radius); x <= Math.min(width - 1, cx + radius); x++) {
                    for (int c = 0; c < 3; c++) {
                        rgb[(y * width + x) * 3 + c] = 0.1f;
                    }
                }
            }
        }
    }

    static BufferedImage toImage(float[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < width * height; i++) {
            data[i * 3] = (byte) Math.round(Math.max(0f, Math.min(1f, rgb[i * 3 + 2])) * 255);
            data[i * 3 + 1] = (byte) Math.round(Math.max(0f, Math.min(1f, rgb[i * 3 + 1])) * 255);
            data[i * 3 + 2] = (byte) Math.round(Math.max(0f, Math.min(1f, rgb[i * 3])) * 255);
        }
        return image;
    }
}
