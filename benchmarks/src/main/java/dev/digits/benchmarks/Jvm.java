package dev.digits.benchmarks;

import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.dl4j.Dl4jRuntime;

/**
 * What every benchmark's forked JVM shares: its options and how a backend is opened.
 *
 * <p>The oneDNN switch is {@code Dl4jRuntime}'s own default (it sets the property when it is unset), passed
 * here as well so that the forked JVM has it before any DL4J class is loaded, whichever benchmark runs first.
 * The heap is fixed so that ND4J's off-heap limit (JavaCPP's default: the heap's size) is the same every run.
 */
final class Jvm {
    /** JVM options appended to every fork. */
    static final String HEAP = "-Xmx3g";
    /** See the class comment. */
    static final String ONEDNN = "-Dorg.eclipse.deeplearning4j.helpers.disable=false";

    private Jvm() {
    }

    /**
     * The bundled classifier on the named backend ({@code onnx} or {@code dl4j}), ND4J initialised first as
     * Digits needs; says on standard output whether DL4J really runs on oneDNN, since its figures mean
     * little otherwise.
     */
    static DigitClassifier classifier(String backend) {
        if (!Dl4jRuntime.initialize()) {
            throw new IllegalStateException("ND4J does not load here: " + Dl4jRuntime.failure());
        }
        if ("dl4j".equals(backend)) {
            System.out.println("DL4J oneDNN helpers: " + (Dl4jRuntime.oneDnnEnabled() ? "on" : "OFF"));
        }
        return Digits.classifier(ModelSource.CLASSIFIER, backend);
    }
}
