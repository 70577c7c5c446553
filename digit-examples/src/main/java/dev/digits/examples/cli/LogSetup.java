package dev.digits.examples.cli;

import java.util.Arrays;

/**
 * Configures slf4j-simple before the first logger exists: logs go to standard error, quiet for the
 * native runtimes, more detail with {@code --verbose}.
 */
final class LogSetup {
    private static boolean verbose;

    private LogSetup() {
    }

    static void configure(String[] args) {
        verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        } else {
            // Which backend serves a command is what --verbose is for; plain runs keep standard error for problems.
            System.setProperty("org.slf4j.simpleLogger.log.dev.digits.Digits", "warn");
            // Fetching and re-fetching data logs a line per attempt; a failed command shows its one error line only.
            System.setProperty("org.slf4j.simpleLogger.log.dev.digits.data", "error");
        }
    }

    static boolean verbose() {
        return verbose;
    }
}
