package dev.digits.examples.cli;

import picocli.CommandLine.Option;

/** Options every command has. */
final class CommonOptions {
    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    @Option(names = "--json", description = "Print JSON (one object per line) on standard output, and nothing else there.")
    boolean json;
}
