package dev.digits.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.digits.spi.PackageCycles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** This module's packages depend on each other one way only. */
class PackageCyclesTest {
    @Test
    void noPackageCycle() {
        Map<String, Set<String>> graph = PackageCycles.dependencies(Path.of("target/classes"));
        assertFalse(graph.isEmpty(), "jdeps saw the packages");
        assertEquals(Set.of(), PackageCycles.inCycles(graph), "package dependencies: " + graph);
    }
}
