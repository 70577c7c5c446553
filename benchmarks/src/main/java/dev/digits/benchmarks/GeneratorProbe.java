package dev.digits.benchmarks;

import dev.digits.DigitGenerator;
import dev.digits.Digits;
import dev.digits.dl4j.Dl4jRuntime;

/**
 * Exits with status 0 when the bundled generator opens, 3 (and says why) when it does not, so that
 * {@code run.sh} leaves {@link GenerateBenchmark} out rather than record a figure that measures nothing.
 */
public final class GeneratorProbe {
    private GeneratorProbe() {
    }

    public static void main(String[] args) {
        Dl4jRuntime.initialize();
        try (DigitGenerator generator = Digits.generator()) {
            System.out.println("generator: " + generator.backendName());
        } catch (RuntimeException e) {
            System.out.println("no bundled generator: " + e.getMessage());
            System.exit(3);
        }
    }
}
