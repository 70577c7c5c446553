package org.nd4j.nativeblas;

/**
 * Answers DL4J 1.0.0-M2.1's look-up of {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class that moved
 * to {@code org.nd4j.linalg.cpu.nativecpu.bindings}. Without it, DL4J's oneDNN layer helpers stay off and
 * training is about four times slower. Used by reflection only.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Delegates to the moved class. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
