package dev.digits.benchmarks;

import dev.digits.DigitImage;
import dev.digits.Prediction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code classify(List<DigitImage>)} of MNIST-form digits through each backend, per batch size: the library's
 * whole path (checks, copying, the model, predictions). Compare with {@link RawRuntimeBenchmark}, which runs the
 * same model straight on the runtime, for the library's overhead. Time per call; images/s is batch / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifyBenchmark extends BackendBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    private List<DigitImage> images;

    @Setup(Level.Trial)
    public void makeImages() {
        images = Inputs.mnistImages(batch);
    }

    @Benchmark
    public List<Prediction> classify() {
        return classifier.classify(images);
    }
}
