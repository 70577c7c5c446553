package dev.digits.benchmarks;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.dl4j.Dl4jRuntime;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A benchmark of the bundled classifier on each backend, opened once per fork as an application would. With
 * {@code -p model=FILE} (an {@code .onnx} file for the onnx backend, a {@code .zip} for dl4j, each with its card) it
 * runs that classifier instead, e.g. an ensemble beside the bundled one ({@code -p model=bundled,FILE}) to compare
 * their latencies in one run.
 */
@State(Scope.Benchmark)
public abstract class BackendBenchmark extends Settings {
    @Param({"onnx", "dl4j"})
    public String backend;

    /** {@value #BUNDLED}, or the path of a classifier file for the backend. */
    @Param({BUNDLED})
    public String model;

    static final String BUNDLED = "bundled";

    protected DigitClassifier classifier;

    @Setup(Level.Trial)
    public void openClassifier() {
        classifier = BUNDLED.equals(model) ? open(backend)
                : Digits.classifier(ModelSource.file(java.nio.file.Path.of(model)), backend);
    }

    @TearDown(Level.Trial)
    public void closeClassifier() {
        classifier.close();
    }

    /**
     * The bundled classifier on the named backend, ND4J initialised first as Digits needs; says on standard
     * output whether DL4J really runs on oneDNN, since its figures mean little otherwise.
     */
    static DigitClassifier open(String backend) {
        if (!Dl4jRuntime.initialize()) {
            throw new IllegalStateException("ND4J does not load here: " + Dl4jRuntime.failure());
        }
        if ("dl4j".equals(backend)) {
            System.out.println("DL4J oneDNN helpers: " + (Dl4jRuntime.oneDnnEnabled() ? "on" : "OFF"));
        }
        return Digits.classifier(ModelSource.CLASSIFIER, backend);
    }
}
