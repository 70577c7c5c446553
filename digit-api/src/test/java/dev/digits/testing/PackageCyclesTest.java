package dev.digits.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** digit-api's packages depend on each other one way only. */
class PackageCyclesTest {
    @Test
    void digitApiHasNoPackageCycle() {
        Map<String, Set<String>> graph = PackageCycles.dependencies(Path.of("target/classes"));
        assertTrue(graph.containsKey("dev.digits.preprocess"), "jdeps saw the packages: " + graph);
        assertEquals(Set.of(), PackageCycles.inCycles(graph), "package dependencies: " + graph);
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(Set.of("a", "b", "c"), PackageCycles.inCycles(graph));
    }
}
