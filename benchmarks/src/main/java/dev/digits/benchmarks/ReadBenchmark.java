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

    @Setup(Level.Trial)
    public void open() {
        if (!Dl4jRuntime.initialize()) {
            throw new IllegalStateException("ND4J does not load here: " + Dl4jRuntime.failure());
        }
        reader = Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), backend);
        SyntheticNumbers.Sample sample = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED,
                SyntheticNumbers.DEFAULT_SEED).sample(5);
        picture = sample.picture();
    }

    @TearDown(Level.Trial)
    public void close() {
        reader.close();
    }

    @Benchmark
    public NumberReading readSixDigits() {
        return reader.read(picture);
    }
}
