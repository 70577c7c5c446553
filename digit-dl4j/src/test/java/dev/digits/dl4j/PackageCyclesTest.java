package dev.digits.dl4j;

import dev.digits.testing.PackageCycles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module's packages depend on each other one way only. */
class PackageCyclesTest {
    @Test
    void noPackageCycle() {
        PackageCycles.assertNone(Path.of("target/classes"));
    }
}
