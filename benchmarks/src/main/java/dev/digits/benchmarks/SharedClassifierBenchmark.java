package dev.digits.benchmarks;

import dev.digits.DigitImage;
import dev.digits.Prediction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;

/**
 * One classifier shared by 1, 2 and 4 threads, each classifying one digit per call, as a server answering
 * single requests does: the total images/s shows whether concurrent calls scale or queue (DL4J lends each
 * call a copy of the network; ONNX Runtime runs calls on one session, each with its own intra-op threads).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SharedClassifierBenchmark extends BackendBenchmark {
    private DigitImage image;

    @Setup(Level.Trial)
    public void makeImage() {
        image = Inputs.mnistImages(1).get(0);
    }

    @Benchmark
    @Threads(1)
    public Prediction threads1() {
        return classifier.classify(image);
    }

    @Benchmark
    @Threads(2)
    public Prediction threads2() {
        return classifier.classify(image);
    }

    @Benchmark
    @Threads(4)
    public Prediction threads4() {
        return classifier.classify(image);
    }
}
