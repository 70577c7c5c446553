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
 * One classifier shared by 1, 2, 4 and 8 threads, each classifying one digit per call, as a service answering one
 * upload per request does. Concurrent calls are gathered into batches by the classifier's dynamic batching, so the
 * total images/s (threads ÷ the mean time of a call) shows whether they scale or queue, and the sampled times give
 * each caller's latency percentiles (p99). One thread is the lone caller, who should pay next to nothing for the
 * batching against {@code classify(List)} of one picture.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
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

    @Benchmark
    @Threads(8)
    public Prediction threads8() {
        return classifier.classify(image);
    }
}
