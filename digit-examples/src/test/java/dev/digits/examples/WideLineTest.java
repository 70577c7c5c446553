package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.NumberReader;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.preprocess.Pictures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, item 5: a 2700×140 line of 40 digits read as 36 wrong digits through the API ({@code Pictures.read}
 * shrank it by its longer side, to 70 pixels high) and as 40 right ones through the CLI (which decoded it whole, at
 * the cost of 430 MB for a 49-megapixel PNG). Both now decode alike, by area, and read the same.
 */
class WideLineTest {
    @TempDir
    Path folder;

    /** 40 MNIST test digits, each 140 pixels high, dark on white, side by side: about 2700×140. */
    private static BufferedImage line(DigitDataset digits, StringBuilder truth) {
        int count = 40;
        int size = 140;
        int step = 67;
        BufferedImage line = new BufferedImage(step * count + 40, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = line.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, line.getWidth(), line.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int i = 0; i < count; i++) {
            DigitImage digit = digits.image(i);
            truth.append(digits.label(i));
            BufferedImage inverted = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = 255 - Math.round(digit.pixel(x, y, 0) * 255);
                    inverted.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            // The middle 20 of 28 columns (where the ink is), 50 pixels wide, 17 pixels apart.
            g.drawImage(inverted.getSubimage(4, 0, 20, 28), 10 + i * step, 0, 50, size, null);
        }
        g.dispose();
        return line;
    }

    @Test
    void theApiAndTheCliReadALongLineAlike() throws Exception {
        StringBuilder truth = new StringBuilder();
        BufferedImage picture = line(Mnist.fromDataFolder().test(), truth);
        Path file = folder.resolve("line.png");
        ImageIO.write(picture, "png", file.toFile());
        assertEquals(1, Pictures.read(file).getHeight() / picture.getHeight(), "the line keeps its height");
        String api;
        try (NumberReader reader = Digits.numberReader()) {
            api = reader.read(Pictures.read(file)).text();
        }
        CommandRun run = CommandRun.of("read", "--json", file.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode cli = run.json();
        assertEquals(api, cli.get("text").asText(), "the API and the CLI read the same");
        // Digits right, as evaluate-numbers counts them: the length minus the edit distance. Before, the API read
        // 36 digits, nearly all wrong; now a digit or two of these made-up lines may still touch and merge.
        int right = truth.length() - editDistance(api, truth.toString());
        assertTrue(right >= 37, right + " right: read " + api + " for " + truth);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    @Test
    void aLargePictureIsDecodedReducedAndItsBoxesAreInTheFilesPixels() throws Exception {
        BufferedImage big = new BufferedImage(6000, 4000, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 6000, 4000);
        g.setColor(Color.BLACK);
        g.setStroke(new java.awt.BasicStroke(120));
        g.drawLine(3000, 1000, 3000, 3000);
        g.dispose();
        Path file = folder.resolve("one.png");
        ImageIO.write(big, "png", file.toFile());
        Pictures.Sized sized = Pictures.readSized(file);
        assertTrue((long) sized.picture().getWidth() * sized.picture().getHeight() <= 4L * 1024 * 1024,
                sized.picture().getWidth() + "x" + sized.picture().getHeight());
        assertEquals(6000, sized.fileWidth());
        CommandRun run = CommandRun.of("read", "--json", file.toString(), "--steps", folder.resolve("s.png").toString());
        assertEquals(0, run.status(), run.err());
        JsonNode box = run.json().get("digits").get(0).get("box");
        assertTrue(Math.abs(box.get(0).asInt() + box.get(2).asInt() / 2 - 3000) < 100
                && Math.abs(box.get(1).asInt() + box.get(3).asInt() / 2 - 2000) < 200, "box in file pixels: " + box);
    }
}
