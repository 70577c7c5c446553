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
        // Times on log lines help follow a training or a measurement; a quick command has no use for them, and
        // formatting them (calendar and locale data) costs a cold start about 80 ms.
        boolean longRunning = args.length > 0 && (args[0].startsWith("train") || args[0].startsWith("evaluate")
                || args[0].startsWith("calibrate") || args[0].equals("export-onnx"));
        // slf4j-simple builds its date format whenever a pattern is set, shown or not, so the pattern is set only here.
        boolean times = verbose || longRunning;
        System.setProperty("org.slf4j.simpleLogger.showDateTime", String.valueOf(times));
        if (times) {
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        }
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
