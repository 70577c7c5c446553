package dev.digits.benchmarks;

import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.NumberReading;
import dev.digits.data.SyntheticNumbers;
import dev.digits.dl4j.Dl4jRuntime;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a 6-digit number with the bundled number reader on each backend: cleaning, segmentation, the
 * classifier on every grouping of pieces and the learned reader, as {@code digits read} does. The picture is
 * a synthetic number of MNIST test digits (about 230×90 pixels).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ReadBenchmark extends Settings {
    @Param({"onnx", "dl4j"})
    public String backend;

    private NumberReader reader;
    private BufferedImage picture;
    private BufferedImage photo;

    @Setup(Level.Trial)
    public void open() {
        if (!Dl4jRuntime.initialize()) {
            throw new IllegalStateException("ND4J does not load here: " + Dl4jRuntime.failure());
        }
        reader = Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), backend);
        SyntheticNumbers.Sample sample = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED,
                SyntheticNumbers.DEFAULT_SEED).sample(5);
        picture = sample.picture();
        photo = phonePhoto(new SyntheticNumbers(SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED,
                SyntheticNumbers.DEFAULT_SEED).digits(), SyntheticNumbers.Variant.SEPARATED,
                SyntheticNumbers.DEFAULT_SEED, 10).sample(9).picture());
    }

    /**
     * A 12-megapixel (4000×3000) photo of a page with a 10-digit number across a third of its width, the light
     * falling off towards one corner, as a phone gives it.
     */
    static BufferedImage phonePhoto(BufferedImage number) {
        int width = 4000;
        int height = 3000;
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = page.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(235, 232, 225), width, height,
                new java.awt.Color(150, 148, 140)));
        g.fillRect(0, 0, width, height);
        int w = width / 3;
        int h = (int) Math.round((double) number.getHeight() * w / number.getWidth());
        g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.85f));
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        BufferedImage ink = new BufferedImage(number.getWidth(), number.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < number.getHeight(); y++) {
            for (int x = 0; x < number.getWidth(); x++) {
                int darkness = 255 - (number.getRGB(x, y) & 0xFF);
                ink.setRGB(x, y, (darkness << 24) | 0x101830);
            }
        }
        g.drawImage(ink, (width - w) / 2, (height - h) / 2, w, h, null);
        g.dispose();
        return page;
    }

    @TearDown(Level.Trial)
    public void close() {
        reader.close();
    }

    @Benchmark
    public NumberReading readSixDigits() {
        return reader.read(picture);
    }

    /** Issue 22's bar: a 12 MP photo of a 10-digit number, decoded already, read in at most 300 ms (ONNX). */
    @Benchmark
    public NumberReading readTenDigitsOnA12MegapixelPhoto() {
        return reader.read(photo);
    }
}
