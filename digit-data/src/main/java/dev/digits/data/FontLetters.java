package dev.digits.data;

import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.data.HandwritingFonts.HandwritingFont;
import dev.digits.preprocess.Preprocessor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Letters and symbols in handwriting fonts, drawn as a hand would vary them (slant, turn, size, pen width,
 * elastic wobble, place on the page), printed dark on light paper and put into MNIST form by the same steps as
 * a real picture ({@link Preprocessor#mnist()}): material for "not a digit" that looks like what users really
 * photograph instead of a digit.
 *
 * <p>Letters that are digits in all but name ({@link #DIGIT_LIKE}) are never taught as "not a digit": a
 * handwritten O is a 0, an l a 1, an S a 5. They are made only to be reported apart.
 *
 * <p>The same fonts, characters, count and seed give the same pictures.
 */
public final class FontLetters {
    /** Letters whose handwritten forms are not digits' forms. */
    public static final String LETTERS = "ACEFHJKLMNPRTUVWXYacdefhjkmnprtuvwxy";
    /** Symbols users write beside numbers. */
    public static final String SYMBOLS = "+-=?#&@%<>*";
    /**
     * Letters and symbols drawn as digits are: O o D Q as 0; I l i | ! / ( ) as 1 (a bracket is a curved
     * stroke, as many a written 1); Z z as 2; S s as 5; b G as 6; B as 8; g q as 9.
     */
    public static final String DIGIT_LIKE = "OoDQIli|!/()ZzSsbGBgq";

    private static final int CANVAS = 96;
    private static final int GRID = 5;

    /**
     * One letter in MNIST form.
     *
     * @param image     the picture in MNIST form
     * @param character what was drawn
     * @param font      the font's name ({@link HandwritingFont#name()})
     */
    public record Letter(DigitImage image, char character, String font) {
    }

    private FontLetters() {
    }

    /**
     * {@code count} letters, each of a character of {@code characters} in one of {@code fonts}, both drawn at
     * random; characters a font lacks are drawn in another font.
     *
     * @throws IllegalArgumentException when no font, no character, or no font has any of the characters
     */
    public static List<Letter> make(List<HandwritingFont> fonts, String characters, int count, long seed) {
        if (fonts.isEmpty() || characters.isEmpty()) {
            throw new IllegalArgumentException("Give at least one font and one character");
        }
        List<Font> loaded = fonts.stream().map(HandwritingFont::load).toList();
        Map<Integer, List<Integer>> fontsHaving = new HashMap<>();
        for (int c = 0; c < characters.length(); c++) {
            List<Integer> having = new ArrayList<>();
            for (int f = 0; f < loaded.size(); f++) {
                if (hasGlyph(loaded.get(f), characters.charAt(c))) {
                    having.add(f);
                }
            }
            if (!having.isEmpty()) {
                fontsHaving.put(c, having);
            }
        }
        if (fontsHaving.isEmpty()) {
            throw new IllegalArgumentException("None of the fonts draws any of \"" + characters + "\"");
        }
        List<Integer> drawable = fontsHaving.keySet().stream().sorted().toList();
        List<Letter> letters = new ArrayList<>(count);
        for (int i = 0; letters.size() < count; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            int c = drawable.get(random.nextInt(drawable.size()));
            List<Integer> having = fontsHaving.get(c);
            int f = having.get(random.nextInt(having.size()));
            DigitImage image = draw(loaded.get(f), characters.charAt(c), random);
            if (image != null) {
                letters.add(new Letter(image, characters.charAt(c), fonts.get(f).name()));
            }
            if (i > count * 4 + 100) {
                throw new IllegalStateException("Too few letters could be drawn: " + letters.size() + " of " + count);
            }
        }
        return letters;
    }

    /** The pictures alone. */
    public static List<DigitImage> images(List<Letter> letters) {
        return letters.stream().map(Letter::image).toList();
    }

    private static boolean hasGlyph(Font font, char character) {
        if (!font.canDisplay(character)) {
            return false;
        }
        Shape outline = font.deriveFont(48f).createGlyphVector(new FontRenderContext(null, true, true),
                String.valueOf(character)).getOutline();
        Rectangle2D bounds = outline.getBounds2D();
        return bounds.getWidth() > 1 && bounds.getHeight() > 1;
    }

    /** One drawing of a character, or null when the preprocessor finds nothing to put in MNIST form. */
    static DigitImage draw(Font font, char character, Random random) {
        Shape glyph = font.deriveFont(64f).createGlyphVector(new FontRenderContext(null, true, true),
                String.valueOf(character)).getOutline();
        Rectangle2D bounds = glyph.getBounds2D();
        double height = CANVAS * (0.35 + 0.35 * random.nextDouble());
        double scale = height / Math.max(bounds.getHeight(), bounds.getWidth() * 0.8);
        AffineTransform placed = new AffineTransform();
        placed.translate(CANVAS / 2.0 + (random.nextDouble() - 0.5) * CANVAS * 0.2,
                CANVAS / 2.0 + (random.nextDouble() - 0.5) * CANVAS * 0.2);
        placed.rotate(Math.toRadians((random.nextDouble() - 0.5) * 24));
        placed.shear((random.nextDouble() - 0.5) * 0.7, 0);
        placed.scale(scale * (0.85 + 0.3 * random.nextDouble()), scale);
        placed.translate(-bounds.getCenterX(), -bounds.getCenterY());
        Shape shape = placed.createTransformedShape(glyph);

        BufferedImage canvas = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_BYTE_GRAY);
        double filled;
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fill(shape);
            filled = total(coverage(canvas));
            float pen = (float) (height / 20 * random.nextDouble() * 2);
            int style = random.nextInt(3);
            if (style == 1 && pen > 0.5f) {
                g.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(shape);
            } else if (style == 2 && pen > 0.5f) {
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(Math.min(pen, 1.5f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(shape);
            }
        } finally {
            g.dispose();
        }
        float[] ink = wobbled(coverage(canvas), random);
        if (total(ink) < filled * 0.5) {
            return null;
        }
        try {
            DigitImage image = Preprocessor.mnist().preprocess(onPaper(ink, random)).image();
            return isLetterLike(image) ? image : null;
        } catch (DigitsException nothingFound) {
            return null;
        }
    }

    private static float[] coverage(BufferedImage canvas) {
        byte[] bytes = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        float[] ink = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ink[i] = (bytes[i] & 0xff) / 255f;
        }
        return ink;
    }

    /**
     * The ink moved by a smooth random field: displacements drawn on a coarse grid and interpolated, so strokes
     * bend as a hand's do instead of jittering pixel by pixel.
     */
    private static float[] wobbled(float[] ink, Random random) {
        double strength = CANVAS * 0.04 * random.nextDouble();
        double[][] dx = new double[GRID][GRID];
        double[][] dy = new double[GRID][GRID];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                dx[i][j] = random.nextGaussian() * strength;
                dy[i][j] = random.nextGaussian() * strength;
            }
        }
        float[] moved = new float[ink.length];
        double cell = (CANVAS - 1.0) / (GRID - 1);
        for (int y = 0; y < CANVAS; y++) {
            for (int x = 0; x < CANVAS; x++) {
                double gx = x / cell;
                double gy = y / cell;
                double sx = x + interpolate(dx, gx, gy);
                double sy = y + interpolate(dy, gx, gy);
                moved[y * CANVAS + x] = sample(ink, sx, sy);
            }
        }
        return moved;
    }

    private static double interpolate(double[][] grid, double gx, double gy) {
        int x0 = Math.min(GRID - 2, (int) gx);
        int y0 = Math.min(GRID - 2, (int) gy);
        double fx = gx - x0;
        double fy = gy - y0;
        return (grid[y0][x0] * (1 - fx) + grid[y0][x0 + 1] * fx) * (1 - fy)
                + (grid[y0 + 1][x0] * (1 - fx) + grid[y0 + 1][x0 + 1] * fx) * fy;
    }

    private static float sample(float[] ink, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (float) ((at(ink, x0, y0) * (1 - fx) + at(ink, x0 + 1, y0) * fx) * (1 - fy)
                + (at(ink, x0, y0 + 1) * (1 - fx) + at(ink, x0 + 1, y0 + 1) * fx) * fy);
    }

    private static float at(float[] ink, int x, int y) {
        return x < 0 || y < 0 || x >= CANVAS || y >= CANVAS ? 0 : ink[y * CANVAS + x];
    }

    /** Dark ink on light, slightly uneven paper, as a pen on a photographed or scanned page. */
    private static BufferedImage onPaper(float[] ink, Random random) {
        int paper = 190 + random.nextInt(60);
        int pen = random.nextInt(90);
        double grain = random.nextDouble() * 6;
        BufferedImage picture = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < ink.length; i++) {
            double value = paper - (paper - pen) * Math.min(1, ink[i]) + random.nextGaussian() * grain;
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(value)));
        }
        return picture;
    }

    /**
     * Whether the picture shows strokes: not blank, and not a solid blob, which is what the preprocessor makes of
     * a letter its pen erased or of paper grain, and which is no letter.
     */
    private static boolean isLetterLike(DigitImage image) {
        int inked = 0;
        for (float value : image.pixels()) {
            inked += value > 0.5f ? 1 : 0;
        }
        return inked > 0 && inked < image.pixels().length * 0.4;
    }

    private static double total(float[] ink) {
        double sum = 0;
        for (float value : ink) {
            sum += value;
        }
        return sum;
    }
}
