package dev.digits.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Box;
import dev.digits.NoDigitFoundException;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The line finder on built pages whose digits are known: it keeps the line of digits and drops page edges,
 * margin rules, shadows' edges and other writing, so that the segmenter finds each digit once.
 */
class LineFinderTest {
    private static final NumberSegmenter SEGMENTER = new NumberSegmenter();

    private static BufferedImage page(int width, int height, Color paper) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return page;
    }

    private static void write(BufferedImage page, String text, int x, int baseline, int size, Color ink) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(ink);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        int advance = (int) Math.round(size * 0.9);
        for (int i = 0; i < text.length(); i++) {
            g.drawString(text.substring(i, i + 1), x + i * advance, baseline);
        }
        g.dispose();
    }

    /** Cleans as number readers do: a working size for a strip, the background estimated locally when needed. */
    private static CleanedPicture clean(BufferedImage page) {
        int longer = Math.max(page.getWidth(), page.getHeight());
        int shorter = Math.min(page.getWidth(), page.getHeight());
        int working = (int) Math.min(1024, Math.round(256 * Math.max(1.0, (double) longer / shorter)));
        return new Cleaner().withWorkingSize(working).withLocalBackground(true).clean(page);
    }

    @Test
    void ofTwoLinesTheMoreDigitLikeIsReadAndBothAreCounted() {
        BufferedImage page = page(900, 400, Color.WHITE);
        write(page, "17", 60, 110, 60, Color.BLACK);
        write(page, "345678", 60, 300, 80, Color.BLACK);
        NumberSegmenter.Segments segments = SEGMENTER.segment(clean(page));
        assertEquals(2, segments.line().lines(), "two candidate lines");
        assertEquals(6, segments.pieces().size(), "the six-digit line: " + segments.pieces());
        assertTrue(segments.line().line().y() > 150, "the lower line: " + segments.line().line());
    }

    @Test
    void aPageEdgeAndAMarginRuleAreNotDigits() {
        BufferedImage page = page(1000, 360, new Color(236, 232, 220));
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(40, 35, 30));
        g.fillRect(0, 0, 70, 360); // the desk beside the page
        g.setColor(new Color(210, 60, 70));
        g.fillRect(150, 0, 4, 360); // the margin rule
        g.dispose();
        write(page, "2024", 260, 230, 110, new Color(30, 30, 60));
        NumberSegmenter.Segments segments = SEGMENTER.segment(clean(page));
        assertEquals(4, segments.pieces().size(), "the four digits only: " + segments.pieces());
        assertTrue(segments.line().line().x() > 200, "the line starts at the number: " + segments.line().line());
        for (NumberSegmenter.Piece piece : segments.pieces()) {
            assertTrue(piece.candidate().box().x() > 200, "no piece of the edge or rule: " + piece.candidate().box());
        }
    }

    @Test
    void aSleeveFromTheFramesEdgeFarTallerThanTheDigitsIsNotADigit() {
        for (boolean local : new boolean[]{true, false}) {
            BufferedImage page = page(900, 600, new Color(205, 205, 212));
            Graphics2D g = page.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(25, 25, 30));
            g.fillPolygon(new int[]{760, 860, 800, 700}, new int[]{0, 0, 420, 420}, 4); // a sleeve from the top
            g.fillOval(700, 360, 100, 100);
            g.dispose();
            write(page, "262797", 150, 430, 70, new Color(20, 20, 25));
            int working = (int) Math.round(256 * 900 / 600.0);
            NumberSegmenter.Segments segments = SEGMENTER.segment(
                    new Cleaner().withWorkingSize(working).withLocalBackground(local).clean(page));
            assertEquals(6, segments.pieces().size(), (local ? "local" : "wide") + " background: the six digits only: "
                    + segments.pieces());
            for (NumberSegmenter.Piece piece : segments.pieces()) {
                assertTrue(piece.candidate().box().right() < 690, "no piece of the sleeve: " + piece.candidate().box());
            }
        }
    }

    @Test
    void aShadowedTenDigitLineKeepsAllTenDigits() {
        BufferedImage page = page(1400, 400, new Color(225, 225, 220));
        write(page, "0123456789", 100, 240, 110, new Color(25, 25, 25));
        // A hard-edged shadow over the lower half of the page, as a phone held over it casts.
        shade(page, (x, y) -> y >= 200);
        NumberSegmenter.Segments segments = SEGMENTER.segment(clean(page));
        assertEquals(10, segments.pieces().size(), "ten digits, no shadow edge: " + segments.pieces().stream()
                .map(p -> p.candidate().box()).toList());
        Box line = segments.line().line();
        assertTrue(line.y() < 200 && line.bottom() > 200, "the line spans the shadow's edge: " + line);
    }

    /** A hard-edged shadow: the pixels where {@code inShadow} holds get 45% of their light. */
    private static void shade(BufferedImage page, java.util.function.BiPredicate<Integer, Integer> inShadow) {
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                if (inShadow.test(x, y)) {
                    int rgb = page.getRGB(x, y);
                    int r = (int) (((rgb >> 16) & 0xFF) * 0.45);
                    int g = (int) (((rgb >> 8) & 0xFF) * 0.45);
                    int b = (int) ((rgb & 0xFF) * 0.45);
                    page.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
    }

    /** The boxes of the pieces the segmenter finds on a page cleaned as number readers clean it. */
    private static java.util.List<Box> pieceBoxes(BufferedImage page) {
        return SEGMENTER.segment(clean(page)).pieces().stream().map(p -> p.candidate().box()).toList();
    }

    /** Anti-aliased drawing on a page in one colour and stroke; dispose of it when done. */
    private static Graphics2D pen(BufferedImage page, Color ink, java.awt.Stroke stroke) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(ink);
        g.setStroke(stroke);
        return g;
    }

    /** Adds a camera's sensor noise (Gaussian, {@code sigma} grey levels) to every channel, from a fixed seed. */
    private static void grain(BufferedImage page, double sigma, long seed) {
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int rgb = page.getRGB(x, y);
                int out = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int value = (int) Math.round(((rgb >> shift) & 0xFF) + sigma * random.nextGaussian());
                    out |= Math.max(0, Math.min(255, value)) << shift;
                }
                page.setRGB(x, y, out);
            }
        }
    }

    @Test
    void aFaintThinDigitAmongBoldOnesIsKeptWhole() {
        BufferedImage page = page(1000, 360, new Color(232, 228, 205));
        write(page, "81", 120, 230, 120, new Color(120, 120, 110));
        write(page, "51", 520, 230, 120, new Color(120, 120, 110));
        // A zero from a pen running dry: a thin, pale oval among the bold digits. Without the weaker ink joining
        // its pieces it falls apart into specks (checked).
        Graphics2D g = pen(page, new Color(172, 169, 152), new java.awt.BasicStroke(3f));
        g.drawOval(360, 140, 60, 90);
        g.dispose();
        grain(page, 4, 52);
        java.util.List<Box> pieces = pieceBoxes(page);
        assertEquals(5, pieces.size(), "8, 1, the pale 0, 5 and 1: " + pieces);
    }

    @Test
    void aFaintDigitAloneOnAGrainyPageIsFound() {
        BufferedImage page = page(320, 204, new Color(236, 236, 232));
        // Faint ink whose stroke is wider than the specks of the paper's grain (it was taken for background when
        // the grain set the background's window; checked).
        Graphics2D g = pen(page, new Color(200, 200, 196),
                new java.awt.BasicStroke(9f, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
        g.drawLine(92, 48, 84, 94);
        g.dispose();
        grain(page, 6, 84);
        java.util.List<Box> pieces = pieceBoxes(page);
        assertEquals(1, pieces.size(), "the one stroke of a 1: " + pieces);
    }

    @Test
    void aShadowWhoseEdgeMeetsTheFrameAtASlantIsNoDigit() {
        BufferedImage page = page(320, 358, new Color(236, 234, 212));
        write(page, "8", 120, 240, 60, new Color(20, 20, 20));
        // A hard-edged shadow over the lower left, its edge running from the left side to the bottom at a
        // slant: windows clipped at the frame held more of the lit page there, and the shadowed sliver between
        // the edge and the frame was taken for the digit (checked).
        shade(page, (x, y) -> y > 100 + 1.2 * x);
        grain(page, 3, 48);
        java.util.List<Box> pieces = pieceBoxes(page);
        assertEquals(1, pieces.size(), "one digit: " + pieces);
        Box eight = pieces.get(0);
        assertTrue(eight.x() >= 110 && eight.right() <= 200 && eight.y() >= 170, "the 8, not the shadow: " + eight);
    }

    /**
     * A dark blot beside the number (a coin, a cap). The local background takes its inside for background, and its
     * left and right rims stood as thin upright strokes read as 1s ("28" read "2811" at 99.5%): a rim has paper on
     * one side and the blot on the other, a stroke paper on both. The wide background leaves it solid, taller than
     * the digits, so that it set their height and they were taken for separators (read "0"): a solid piece far
     * thicker than the strokes is a blot whatever the digits' height.
     */
    @Test
    void aDarkBlotBesideTheNumberIsNoDigit() {
        for (boolean local : new boolean[]{true, false}) {
            BufferedImage page = page(460, 330, new Color(240, 238, 212));
            write(page, "28", 130, 260, 110, new Color(15, 15, 15));
            Graphics2D g = pen(page, new Color(25, 35, 90), new java.awt.BasicStroke(1));
            g.fillOval(312, 112, 112, 188);
            g.dispose();
            grain(page, 3, 73);
            NumberSegmenter.Segments segments = SEGMENTER.segment(
                    new Cleaner().withWorkingSize(400).withLocalBackground(local).clean(page));
            java.util.List<Box> pieces = segments.pieces().stream().map(p -> p.candidate().box()).toList();
            String cleaning = local ? "local" : "wide";
            assertEquals(2, pieces.size(), cleaning + " background: the two digits only: " + pieces);
            for (Box piece : pieces) {
                assertTrue(piece.right() < 300, cleaning + " background: no part of the blot: " + piece);
            }
        }
    }

    @Test
    void aBlankPageHasNoDigit() {
        assertThrows(NoDigitFoundException.class, () -> SEGMENTER.segment(clean(page(1200, 300, new Color(240, 238, 230)))));
    }
}
