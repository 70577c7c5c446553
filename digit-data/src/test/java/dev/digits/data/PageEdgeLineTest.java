package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Box;
import dev.digits.preprocess.Cleaner;
import dev.digits.preprocess.NumberSegmenter;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The line finder on pages of the number robustness set whose desk edge runs at a slant through the frame. With the
 * background estimated over the whole picture (a number reader's second cleaning) the edge is left as a thin slanted
 * line in pieces, one of them far taller than the digits and touching no border. Taken for the tallest digit, it
 * hid how high the digits are, and the edge alone was kept as the line, read as a 1 (checked: on each of these pages
 * the pieces were the edge's).
 */
class PageEdgeLineTest {
    /** Test-set pages (seed 2024) whose slanted edge was read as a 1. */
    private static final int[] SLANTED_EDGES = {64, 112, 137, 151, 167, 173, 187};

    @Test
    void aSlantedPageEdgeInPiecesIsNotTakenForTheNumber() {
        NumberRobustnessSet set = NumberRobustnessSet.mnistTest(NumberRobustnessSet.DEFAULT_SEED);
        NumberSegmenter segmenter = new NumberSegmenter();
        for (int index : SLANTED_EDGES) {
            NumberRobustnessSet.Sample sample = set.sample(NumberCondition.PAGE_EDGE_MARGIN, index);
            BufferedImage page = sample.picture();
            int longer = Math.max(page.getWidth(), page.getHeight());
            int shorter = Math.min(page.getWidth(), page.getHeight());
            int working = (int) Math.min(1024, Math.round(256 * Math.max(1.0, (double) longer / shorter)));
            NumberSegmenter.Segments segments = segmenter.segment(
                    new Cleaner().withWorkingSize(working).withLocalBackground(false).clean(page));
            Box number = sample.numberBox();
            List<Box> pieces = segments.pieces().stream().map(p -> p.candidate().box()).toList();
            assertTrue(pieces.size() >= sample.text().length(), "page " + index + " (" + sample.text() + "): " + pieces);
            for (Box piece : pieces) {
                assertTrue(piece.x() < number.right() && piece.right() > number.x(), "page " + index + ": " + piece
                        + " lies outside the number " + number);
            }
        }
    }
}
