import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Cuts one row per training epoch out of {@code train-gan}'s preview grids, for the README's table of epochs: the
 * first column of each digit's row (the same latent vector for every digit), 0 to 9 side by side, twice the size.
 * Run from the repository's root: {@code java docs/PreviewRows.java DIR EPOCH...} (DIR holds
 * {@code preview-epoch-N.png}; writes {@code docs/gan-epoch-N.png}). Only the JDK is needed.
 */
public class PreviewRows {
    /** The preview grid's tiles are 28×28 with a margin and gap of 2 pixels (DigitImage.grid with gap 2). */
    private static final int TILE = 28;
    private static final int GAP = 2;
    private static final int SCALE = 2;

    public static void main(String[] args) throws IOException {
        for (int a = 1; a < args.length; a++) {
            int epoch = Integer.parseInt(args[a]);
            BufferedImage grid = ImageIO.read(new File(args[0], "preview-epoch-" + epoch + ".png"));
            int step = (TILE + GAP) * SCALE;
            BufferedImage row = new BufferedImage(10 * step + GAP * SCALE, step + GAP * SCALE, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = row.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            for (int digit = 0; digit < 10; digit++) {
                int y = GAP + digit * (TILE + GAP);
                int x = GAP * SCALE + digit * step;
                g.drawImage(grid, x, GAP * SCALE, x + TILE * SCALE, (GAP + TILE) * SCALE, GAP, y, GAP + TILE, y + TILE, null);
            }
            g.dispose();
            ImageIO.write(row, "png", new File("docs/gan-epoch-" + epoch + ".png"));
        }
    }
}
