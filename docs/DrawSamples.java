import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws the pictures of numbers in {@code samples/numbers/}: handwriting-like strokes of this project's own making
 * (no third party's pictures, so no licence but the project's), on a drawing app's white canvas, on photographed
 * paper and on ruled paper. Run from the repository's root: {@code java docs/DrawSamples.java}. The same seed
 * draws the same pictures.
 */
public class DrawSamples {
    private static final Path FOLDER = Path.of("samples", "numbers");

    public static void main(String[] args) throws IOException {
        Files.createDirectories(FOLDER);
        List<String> manifest = new ArrayList<>();
        manifest.add("file,label,kind,notes");
        Random random = new Random(2024);

        BufferedImage drawn = paper(640, 240, new Color(255, 255, 255), null, random);
        write(drawn, "2024", 40, 60, 120, 10, new Color(20, 20, 20), 0.30, random);
        save(drawn, "2024_drawn.png", manifest, "2024", "drawn", "black 10 px pen on a white 640x240 canvas");

        BufferedImage photo = paper(1200, 800, new Color(236, 228, 212), Light.SHADED, random);
        write(photo, "31415", 210, 300, 150, 11, new Color(45, 45, 60), 0.32, random);
        photo = blurred(noisy(photo, 7, random));
        save(photo, "31415_photo.jpg", manifest, "31415",
                "photo", "dark pen on cream paper, light falling off to one corner, sensor noise, JPEG");

        BufferedImage ruled = paper(900, 420, new Color(250, 250, 246), Light.EVEN, random);
        rule(ruled);
        write(ruled, "907", 260, 150, 110, 6, new Color(30, 50, 150), 0.38, random);
        save(ruled, "907_ruled.png", manifest, "907", "scan", "blue ballpoint on ruled paper with a red margin rule");

        BufferedImage close = paper(700, 260, new Color(255, 255, 255), null, random);
        write(close, "5168", 60, 70, 120, 9, new Color(10, 10, 10), 0.08, random);
        save(close, "5168_close.png", manifest, "5168", "drawn", "digits written close together, some touching");

        Files.write(FOLDER.resolve("manifest.csv"), manifest);
    }

    private enum Light { EVEN, SHADED }

    private static BufferedImage paper(int width, int height, Color colour, Light light, Random random) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double shade = 1;
                if (light == Light.SHADED) {
                    double dx = (double) x / width - 0.2;
                    double dy = (double) y / height - 0.15;
                    shade = 1 - 0.35 * Math.min(1, Math.sqrt(dx * dx + dy * dy));
                } else if (light == Light.EVEN) {
                    shade = 0.98 + 0.02 * random.nextDouble();
                }
                page.setRGB(x, y, scaled(colour, shade).getRGB());
            }
        }
        return page;
    }

    private static void rule(BufferedImage page) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(150, 180, 220));
        g.setStroke(new BasicStroke(2));
        for (int y = 40; y < page.getHeight(); y += 70) {
            g.drawLine(0, y, page.getWidth(), y);
        }
        g.setColor(new Color(220, 90, 90));
        g.drawLine(120, 0, 120, page.getHeight());
        g.dispose();
    }

    /** Writes the digits from (left, top), each about {@code height} tall, {@code gap} of a height apart. */
    private static void write(BufferedImage page, String digits, int left, int top, int height, float pen, Color ink,
                              double gap, Random random) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(ink);
        g.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double x = left;
        for (char c : digits.toCharArray()) {
            double size = height * (0.92 + 0.12 * random.nextDouble());
            double slant = 0.12 + 0.08 * (random.nextDouble() - 0.5);
            double y = top + (height - size) * random.nextDouble() + 4 * random.nextGaussian();
            for (double[][] stroke : strokes(c - '0')) {
                // A hand wavers slowly along a stroke, not from point to point.
                Path2D path = new Path2D.Double();
                double phaseU = 2 * Math.PI * random.nextDouble();
                double phaseV = 2 * Math.PI * random.nextDouble();
                for (int i = 0; i < stroke.length; i++) {
                    double t = 2 * Math.PI * i / stroke.length;
                    double u = stroke[i][0] + 0.02 * Math.sin(1.5 * t + phaseU);
                    double v = stroke[i][1] + 0.02 * Math.sin(1.3 * t + phaseV);
                    double px = x + (u + slant * (1 - v)) * size;
                    double py = y + v * size;
                    if (i == 0) {
                        path.moveTo(px, py);
                    } else {
                        path.lineTo(px, py);
                    }
                }
                g.draw(path);
            }
            x += (width(c - '0') + gap) * size;
        }
        g.dispose();
    }

    private static double width(int digit) {
        return digit == 1 ? 0.35 : 0.6;
    }

    /** The strokes of a digit in a box 0.6 wide and 1 tall (y down), as a hand draws them. */
    private static List<double[][]> strokes(int digit) {
        return switch (digit) {
            case 0 -> List.<double[][]>of(arc(0.3, 0.5, 0.27, 0.48, 260, 630));
            case 1 -> List.<double[][]>of(new double[][]{{0.12, 0.16}, {0.3, 0}, {0.3, 1}});
            case 2 -> List.<double[][]>of(join(arc(0.3, 0.27, 0.26, 0.25, 190, 400), new double[][]{{0.02, 1}, {0.6, 0.98}}));
            case 3 -> List.<double[][]>of(join(arc(0.28, 0.25, 0.25, 0.23, 200, 450), arc(0.28, 0.73, 0.29, 0.26, 270, 520)));
            case 4 -> List.<double[][]>of(new double[][]{{0.38, 0}, {0.02, 0.66}, {0.6, 0.66}}, new double[][]{{0.46, 0.3}, {0.44, 1}});
            case 5 -> List.<double[][]>of(join(new double[][]{{0.56, 0}, {0.12, 0}, {0.08, 0.46}}, arc(0.3, 0.69, 0.28, 0.3, 215, 520)));
            case 6 -> List.<double[][]>of(join(arc(0.36, 0.62, 0.32, 0.62, 290, 180), arc(0.31, 0.75, 0.27, 0.24, 180, 540)));
            case 7 -> List.<double[][]>of(new double[][]{{0.0, 0.03}, {0.6, 0}, {0.22, 1}});
            case 8 -> List.<double[][]>of(join(arc(0.3, 0.25, 0.22, 0.24, 0, 360), arc(0.3, 0.74, 0.28, 0.26, 0, 360)));
            case 9 -> List.<double[][]>of(join(arc(0.3, 0.27, 0.26, 0.26, 0, 360), new double[][]{{0.56, 0.4}, {0.5, 1}}));
            default -> throw new IllegalArgumentException("not a digit: " + digit);
        };
    }

    /** Points of an ellipse's arc from one angle to another in degrees (0 = right, 90 = down). */
    private static double[][] arc(double cx, double cy, double rx, double ry, double from, double to) {
        int steps = 40;
        double[][] points = new double[steps + 1][];
        for (int i = 0; i <= steps; i++) {
            double angle = Math.toRadians(from + (to - from) * i / steps);
            points[i] = new double[]{cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)};
        }
        return points;
    }

    private static double[][] join(double[][] first, double[][] second) {
        double[][] joined = new double[first.length + second.length][];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static Color scaled(Color colour, double shade) {
        return new Color((int) Math.round(colour.getRed() * shade), (int) Math.round(colour.getGreen() * shade),
                (int) Math.round(colour.getBlue() * shade));
    }

    private static BufferedImage noisy(BufferedImage page, double sigma, Random random) {
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int rgb = page.getRGB(x, y);
                double noise = sigma * random.nextGaussian();
                int r = clamp(((rgb >> 16) & 0xff) + noise);
                int g = clamp(((rgb >> 8) & 0xff) + noise);
                int b = clamp((rgb & 0xff) + noise);
                page.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return page;
    }

    private static BufferedImage blurred(BufferedImage page) {
        float ninth = 1f / 9;
        return new java.awt.image.ConvolveOp(new java.awt.image.Kernel(3, 3,
                new float[]{ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth}),
                java.awt.image.ConvolveOp.EDGE_NO_OP, null).filter(page, null);
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static void save(BufferedImage page, String file, List<String> manifest, String label, String kind,
                             String notes) throws IOException {
        Path target = FOLDER.resolve(file);
        if (file.endsWith(".jpg")) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            Files.deleteIfExists(target);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(page, null, null), param);
            } finally {
                writer.dispose();
            }
        } else {
            ImageIO.write(page, "png", target.toFile());
        }
        manifest.add(file + "," + label + "," + kind + ",\"" + notes + "; drawn by docs/DrawSamples.java\"");
    }
}
