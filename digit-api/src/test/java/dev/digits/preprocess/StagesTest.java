package dev.digits.preprocess;

import dev.digits.preprocess.Segmenter.DigitCandidate;
import dev.digits.preprocess.Cleaner.CleanedPicture;
import dev.digits.Box;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Stage pictures on demand, the digit's box, and the stages composed by hand. */
class StagesTest {

    @Test
    void stagePicturesAreOptionalAndDoNotChangeTheImage() {
        BufferedImage picture = Drawings.plainSeven();
        Preprocessed with = Preprocessor.mnist().withStages(true).preprocess(picture);
        Preprocessed without = Preprocessor.mnist().withStages(false).preprocess(picture);
        assertTrue(without.stages().isEmpty());
        assertTrue(with.stages().containsKey("cleaned"), with.stages().keySet().toString());
        assertEquals(with.image(), without.image());
        assertEquals(with.box(), without.box());
        assertSame(Preprocessor.mnist(), Preprocessor.mnist().withStages(true), "mnist() keeps stages already");
        MnistPreprocessor deskew = MnistPreprocessor.builder().deskew(true).keepStages(false).build();
        assertEquals(deskew.preprocess(picture).image(), deskew.withStages(true).preprocess(picture).image());
        assertSame(Preprocessor.simple(), Preprocessor.simple().withStages(false), "the default is the preprocessor itself");
    }

    @Test
    void theDigitsBoxIsInInputCoordinates() {
        BufferedImage picture = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 900, 600);
        g.setColor(Color.BLACK);
        g.fillRect(400, 150, 40, 300);
        g.dispose();
        Box box = Preprocessor.mnist().preprocess(picture).box();
        assertNotNull(box);
        // The picture is reduced by 4 to fit the working size, so the box is exact to within that.
        assertEquals(400, box.x(), 4);
        assertEquals(150, box.y(), 4);
        assertEquals(440, box.right(), 4);
        assertEquals(450, box.bottom(), 4);
        assertNull(Preprocessor.simple().preprocess(picture).box(), "simple preprocessing does not locate the digit");
    }

    @Test
    void anMnistFormPicturePassesThroughWithItsBox() {
        BufferedImage picture = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.setStroke(new java.awt.BasicStroke(2.5f));
        g.drawOval(8, 5, 12, 18);
        g.dispose();
        CleanedPicture cleaned = new Cleaner().clean(picture);
        assertTrue(cleaned.mnistForm().isPresent(), "a centred anti-aliased 28x28 picture is already in MNIST form");
        Preprocessed result = Preprocessor.mnist().preprocess(picture);
        assertEquals(cleaned.mnistForm().get(), result.image());
        assertEquals(8, result.box().x(), 1);
        assertEquals(5, result.box().y(), 1);
    }

    @Test
    void theStagesComposedByHandGiveWhatTheMnistPreprocessorGives() {
        BufferedImage picture = Drawings.plainSeven();
        MnistPreprocessor mnist = MnistPreprocessor.builder().deskew(true).build();
        CleanedPicture cleaned = mnist.cleaner().clean(picture);
        DigitCandidate digit = new Segmenter().mainDigit(cleaned);
        Preprocessed whole = mnist.preprocess(picture);
        assertEquals(whole.image(), mnist.normaliser().normalise(digit));
        assertEquals(whole.box(), digit.box());
        assertTrue(cleaned.stages().containsKey("threshold"), "the cleaner keeps stages as its preprocessor does");
    }
}
