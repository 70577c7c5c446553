package dev.digits.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark inherits (JMH reads class annotations from superclasses; a subclass may
 * override one), so that the ratios compare figures taken alike.
 *
 * <p>Each fork gets the oneDNN switch, which is {@code Dl4jRuntime}'s own default (it sets the property when
 * unset), so that the JVM has it before any DL4J class loads, whichever benchmark runs first. The heap is fixed
 * so that ND4J's off-heap limit (JavaCPP's default: the heap's size) is the same every run.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx3g", "-Dorg.eclipse.deeplearning4j.helpers.disable=false"})
public abstract class Settings {
}
