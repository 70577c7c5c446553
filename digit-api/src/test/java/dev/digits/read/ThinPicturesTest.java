package dev.digits.read;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.digits.ConstantClassifier;
import dev.digits.DigitClassifier;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.NumberReader;
import dev.digits.Task;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, item 4: pictures of every shape, from 1×1 through 50000×1 and back to 1×50000, through the classifier's
 * and the number reader's whole preprocessing. Each is answered or refused as a {@link DigitsException}; before,
 * a picture thinner than the reduction factor ended in {@code ArrayIndexOutOfBoundsException} from Grayscale.
 */
class ThinPicturesTest {
    private static final int[] TYPES = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB};

    private static List<int[]> sizes() {
        List<int[]> sizes = new ArrayList<>();
        for (int side : new int[]{1, 2, 3, 7, 19, 20, 21, 63, 300, 1024, 2048, 2049, 4096, 20000, 50000}) {
            for (int thin : new int[]{1, 2, 10}) {
                if ((long) side * thin <= 500_000) {
                    sizes.add(new int[]{side, thin});
                    sizes.add(new int[]{thin, side});
                }
            }
        }
        Random random = new Random(23);
        for (int i = 0; i < 40; i++) {
            int side = 1 + random.nextInt(50_000);
            int thin = 1 + random.nextInt(Math.max(1, Math.min(64, 400_000 / side)));
            sizes.add(random.nextBoolean() ? new int[]{side, thin} : new int[]{thin, side});
        }
        return sizes;
    }

    /** White with a dark stroke through the middle: something for the segmenter to find where there is room. */
    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage picture = new BufferedImage(width, height, type);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillRect(width / 3, 0, Math.max(1, width / 10), height);
        g.fillRect(0, height / 2, width, Math.max(1, height / 10));
        g.dispose();
        return picture;
    }

    private static void answeredOrRefused(String what, Supplier<Object> work) {
        try {
            assertNotNull(work.get(), what);
        } catch (DigitsException refused) {
            // A clear refusal is an answer too.
        } catch (RuntimeException | Error e) {
            fail(what + " ended in " + e, e);
        }
    }

    @Test
    void everyShapeIsAnsweredOrRefusedAsADigitsException() {
        DigitClassifier classifier = new ConstantClassifier(ModelCard.builder().task(Task.CLASSIFY).build(), "stand-in", 3);
        NumberReader reader = NumberReaders.segmenting(classifier);
        for (int[] size : sizes()) {
            for (int type : TYPES) {
                BufferedImage picture = picture(size[0], size[1], type);
                String what = size[0] + "x" + size[1] + " type " + type;
                answeredOrRefused("classify " + what, () -> classifier.classify(picture));
                answeredOrRefused("read " + what, () -> reader.read(picture));
            }
        }
    }
}
