package dev.digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.ModelCard;
import dev.digits.NoDigitFoundException;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.data.DigitDataset;
import dev.digits.data.LabelledPictures;
import dev.digits.data.Mnist;
import dev.digits.data.SyntheticNumbers;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The number-reader and generator evaluation procedures with stand-ins whose results are known. */
class ReaderAndGeneratorProceduresTest {
    @TempDir
    Path folder;

    @Test
    void syntheticNumbersReadByAReaderThatAlwaysSaysTheSame() {
        SyntheticNumbers numbers = new SyntheticNumbers(Mnist.fromDataFolder().test(), SyntheticNumbers.Variant.SEPARATED, 7);
        int count = 60;
        String always = numbers.sample(0).text();
        long right = 0;
        for (int i = 0; i < count; i++) {
            right += numbers.sample(i).text().equals(always) ? 1 : 0;
        }
        AtomicInteger steps = new AtomicInteger();
        NumberEvaluation evaluation = NumberEvaluation.ofSynthetic(reader(picture -> always), numbers, count,
                steps::incrementAndGet);
        assertEquals(count, evaluation.count());
        assertEquals(count, steps.get());
        assertEquals(right, evaluation.correct());
        assertEquals(count - right, evaluation.misread().size());
        assertEquals(String.valueOf(firstOther(numbers, always)), evaluation.misread().get(0).item(), "items are indices");
    }

    @Test
    void aFolderOfNumbersWithABrokenFileAndOneWithoutDigits() throws Exception {
        BufferedImage white = new BufferedImage(60, 30, BufferedImage.TYPE_INT_RGB);
        Path a = folder.resolve("a.png");
        Path b = folder.resolve("b.png");
        Path broken = folder.resolve("broken.png");
        assertTrue(ImageIO.write(white, "png", a.toFile()));
        assertTrue(ImageIO.write(white, "png", b.toFile()));
        Files.writeString(broken, "not a picture");
        List<String> seen = new ArrayList<>();
        NumberReader reader = reader(picture -> {
            if (seen.size() == 1) {
                throw new NoDigitFoundException("nothing here");
            }
            seen.add("read");
            return "042";
        });
        NumberEvaluation evaluation = NumberEvaluation.ofPictures(reader, folder, List.of(
                new LabelledPictures.Entry(a, "042"), new LabelledPictures.Entry(b, "042"),
                new LabelledPictures.Entry(broken, "7")), null);
        assertEquals(3, evaluation.count());
        assertEquals(1, evaluation.correct());
        assertEquals(List.of(new NumberEvaluation.Misread("b.png", "042", null), new NumberEvaluation.Misread("broken.png", "7", null)),
                evaluation.misread());
    }

    @Test
    void aGeneratorThatCopiesRealDigitsAgainstOneThatCollapsed() {
        Mnist mnist = Mnist.fromDataFolder();
        DigitDataset realTest = mnist.test().head(400);
        DigitDataset realOther = mnist.train().head(400);
        DigitDataset source = mnist.train().subset(400, 2000);
        Function<List<DigitImage>, float[][]> features = ReaderAndGeneratorProceduresTest::blockMeans;
        try (DigitClassifier sevens = StandInModels.constant(7)) {
            GeneratorEvaluation copying = GeneratorEvaluation.of(copier(source, false), sevens, features, realTest, realOther,
                    30, 20, 1, null);
            GeneratorEvaluation collapsed = GeneratorEvaluation.of(copier(source, true), sevens, features, realTest, realOther,
                    30, 20, 1, null);
            assertEquals(300, copying.count());
            assertEquals(0.1, copying.labelAgreement(), 1e-9, "the judge names every picture a 7");
            assertEquals(1.0, copying.labelAgreementByDigit().get(7));
            assertEquals(0.0, copying.labelAgreementByDigit().get(3));
            assertEquals(copying.fidRealFloor(), collapsed.fidRealFloor(), 1e-9, "the floor depends on real pictures only");
            assertTrue(copying.diversity() > 0.7, "real digits are as varied as real digits: " + copying.diversity());
            assertTrue(collapsed.diversity() < 1e-6, "one picture per digit has no diversity: " + collapsed.diversity());
            assertTrue(collapsed.fid() > copying.fid(), copying.fid() + " vs " + collapsed.fid());
            assertEquals(10, collapsed.diversityByDigit().size());

            double[] second = GeneratorEvaluation.labelAgreement(copier(source, false), sevens, 30, 1);
            assertEquals(copying.labelAgreement(), second[0], 1e-9, "the same pictures, the same judge");
            assertEquals(1.0, second[8], "digit 7's share is the eighth after the overall one");
            assertEquals(0.0, second[4]);
        }
        assertThrows(IllegalArgumentException.class, () -> GeneratorEvaluation.of(copier(source, false),
                StandInModels.constant(1), features, realTest, realOther, 10, 20, 1, null));
    }

    private static int firstOther(SyntheticNumbers numbers, String text) {
        for (int i = 0; ; i++) {
            if (!numbers.sample(i).text().equals(text)) {
                return i;
            }
        }
    }

    /** 16 features per picture: the mean ink of each 7×7 block. */
    private static float[][] blockMeans(List<DigitImage> pictures) {
        float[][] rows = new float[pictures.size()][16];
        for (int i = 0; i < pictures.size(); i++) {
            DigitImage picture = pictures.get(i);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    rows[i][(y / 7) * 4 + x / 7] += picture.pixel(x, y, 0) / 49;
                }
            }
        }
        return rows;
    }

    /** Generates real training digits of the digit asked for, or only the first of them again and again. */
    private static DigitGenerator copier(DigitDataset source, boolean collapsed) {
        return new DigitGenerator() {
            @Override
            public int latentSize() {
                return 1;
            }

            @Override
            public DigitImage generate(int digit, float[] latent) {
                return generate(digit, 1, 0).get(0);
            }

            @Override
            public List<DigitImage> generate(int digit, int count, long seed) {
                List<DigitImage> pictures = new ArrayList<>();
                for (int i = 0; i < source.size() && pictures.size() < count; i++) {
                    if (source.label(i) == digit) {
                        pictures.add(source.image(i));
                    }
                }
                if (collapsed) {
                    return new ArrayList<>(Collections.nCopies(count, pictures.get(0)));
                }
                assertEquals(count, pictures.size(), "enough training digits of " + digit);
                return pictures;
            }

            @Override
            public ModelCard card() {
                return ModelCard.builder().build();
            }

            @Override
            public String backendName() {
                return "copier";
            }

            @Override
            public void close() {
            }
        };
    }

    private static NumberReader reader(Function<BufferedImage, String> text) {
        return new NumberReader() {
            @Override
            public NumberReading read(BufferedImage picture) {
                return new NumberReading(text.apply(picture), List.of(), 0.9f);
            }

            @Override
            public String backendName() {
                return "stand-in";
            }

            @Override
            public void close() {
            }
        };
    }
}
