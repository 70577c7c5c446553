package dev.digits.benchmarks;

import dev.digits.DigitGenerator;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.dl4j.Dl4jRuntime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 64 digits from the bundled generator (on the backend of highest priority). Where
 * {@link Digits#generator()} fails (a backend without a generator), {@link #open()} says why and the benchmark
 * returns at once, measuring nothing; {@code run.sh} asks {@link GeneratorProbe} first and leaves it out then.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class GenerateBenchmark extends Settings {
    private DigitGenerator generator;

    @Setup(Level.Trial)
    public void open() {
        Dl4jRuntime.initialize();
        try {
            generator = Digits.generator();
        } catch (RuntimeException e) {
            System.out.println("GenerateBenchmark measures nothing: no bundled generator (" + e.getMessage() + ")");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (generator != null) {
            generator.close();
        }
    }

    @Benchmark
    public List<DigitImage> generate64() {
        return generator == null ? List.of() : generator.generate(7, 64, 42L);
    }
}
