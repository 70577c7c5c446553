package dev.digits.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.DigitImage;
import dev.digits.ModelSource;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.Dl4jRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The bundled classifier straight on its runtime, input prepared once: the floor that
 * {@link ClassifyBenchmark} is measured against. ONNX Runtime runs {@code classifier.onnx} with the session
 * options the ONNX backend uses by default (all optimisations, ONNX Runtime's own thread count); DL4J runs the
 * bundled network (oneDNN on) in inference mode. Same units and settings as {@link ClassifyBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawRuntimeBenchmark extends Settings {
    private static final String MODEL = "/dev/digits/onnx/models/classifier.onnx";

    /** An ONNX Runtime session of the bundled model and an input tensor of {@code batch} digits. */
    @State(Scope.Benchmark)
    public static class Ort {
        @Param({"1", "32", "256"})
        public int batch;

        OrtSession.SessionOptions options;
        OrtSession session;
        OnnxTensor input;

        @Setup(Level.Trial)
        public void open() throws OrtException, IOException {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(0);
            byte[] model;
            try (InputStream in = dev.digits.onnx.OnnxClassifier.class.getResourceAsStream(MODEL)) {
                if (in == null) {
                    throw new IllegalStateException(MODEL + " is not on the class path (digit-onnx)");
                }
                model = in.readAllBytes();
            }
            session = environment.createSession(model, options);
            input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels(batch)), new long[]{batch, 1, 28, 28});
        }

        @TearDown(Level.Trial)
        public void close() throws OrtException {
            input.close();
            session.close();
            options.close();
        }
    }

    /** The bundled DL4J network and an input array of {@code batch} digits. */
    @State(Scope.Benchmark)
    public static class Dl4j {
        @Param({"1", "32", "256"})
        public int batch;

        ComputationGraph network;
        INDArray input;

        @Setup(Level.Trial)
        public void open() {
            if (!Dl4jRuntime.initialize()) {
                throw new IllegalStateException("ND4J does not load here: " + Dl4jRuntime.failure());
            }
            System.out.println("DL4J oneDNN helpers: " + (Dl4jRuntime.oneDnnEnabled() ? "on" : "OFF"));
            network = Dl4jModels.loadGraph(ModelSource.CLASSIFIER).graph();
            input = Nd4j.create(pixels(batch), new long[]{batch, 1, 28, 28}, 'c');
        }

        @TearDown(Level.Trial)
        public void close() {
            input.close();
        }
    }

    @Benchmark
    public void ortSessionRun(Ort ort, Blackhole blackhole) throws OrtException {
        try (OrtSession.Result result = ort.session.run(Map.of("input", ort.input))) {
            blackhole.consume(result.get(0));
        }
    }

    @Benchmark
    public void dl4jOutput(Dl4j dl4j, Blackhole blackhole) {
        try (INDArray output = dl4j.network.outputSingle(false, dl4j.input)) {
            blackhole.consume(output);
        }
    }

    /** The same digits {@link ClassifyBenchmark} classifies, one after another. */
    static float[] pixels(int batch) {
        List<DigitImage> images = Inputs.mnistImages(batch);
        int size = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;
        float[] pixels = new float[batch * size];
        for (int i = 0; i < batch; i++) {
            images.get(i).copyPixelsTo(pixels, i * size);
        }
        return pixels;
    }
}
