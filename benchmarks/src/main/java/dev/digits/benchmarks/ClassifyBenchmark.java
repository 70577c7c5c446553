package dev.digits.benchmarks;

import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Prediction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code classify(List<DigitImage>)} of MNIST-form digits through each backend, per batch size: the library's
 * whole path (checks, copying, the model, predictions). Compare with {@link RawRuntimeBenchmark}, which runs the
 * same model straight on the runtime, for the library's overhead. Time per call; images/s is batch / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Jvm.HEAP, Jvm.ONEDNN})
@State(Scope.Benchmark)
public class ClassifyBenchmark {
    @Param({"onnx", "dl4j"})
    public String backend;

    @Param({"1", "32", "256"})
    public int batch;

    private DigitClassifier classifier;
    private List<DigitImage> images;

    @Setup(Level.Trial)
    public void open() {
        classifier = Jvm.classifier(backend);
        images = Inputs.mnistImages(batch);
    }

    @TearDown(Level.Trial)
    public void close() {
        classifier.close();
    }

    @Benchmark
    public List<Prediction> classify() {
        return classifier.classify(images);
    }
}
