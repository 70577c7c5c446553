package dev.digits.examples.cli;

import dev.digits.DigitsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code digits} command: reads handwritten digits from the command line. */
@Command(name = "digits", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reads handwritten digits and numbers: predict, read, evaluate, train; draws new ones: generate; shows it all: app.",
        footerHeading = "%nExamples:%n",
        footer = {"  digits predict samples/4_ericadgjl_1.jpg",
                "  samples/4_ericadgjl_1.jpg: 4 (100.0%%)",
                "  digits app                     # the desktop app",
                "  digits help COMMAND            # each command's options, with an example"},
        subcommands = {PredictCommand.class, ReadCommand.class, EvaluateCommand.class, EvaluateNumbersCommand.class,
                TrainCommand.class, BackendsCommand.class, ExportOnnxCommand.class, TrainGanCommand.class, TrainReaderCommand.class, CalibrateCommand.class,
                TrainRejectionCommand.class, EvaluateRejectionCommand.class,
                GenerateCommand.class, EvaluateGeneratorCommand.class, AppCommand.class, CommandLine.HelpCommand.class})
public final class DigitsCommand {

    public static void main(String[] args) {
        LogSetup.configure(args);
        System.exit(run(args));
    }

    /** Runs the command and returns its exit status: 0 success, 1 error, 2 usage error. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new DigitsCommand());
        commandLine.setExecutionExceptionHandler(DigitsCommand::handleError);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler: without this an Error ends the run with a raw trace.
            System.err.println("digits: not enough memory (" + e.getMessage() + "); give smaller inputs or run java with"
                    + " a larger -Xmx");
            if (LogSetup.verbose()) {
                e.printStackTrace();
            }
            System.err.flush();
            return 1;
        }
    }

    private static int handleError(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = LogSetup.verbose();
        String message = e instanceof DigitsException || e instanceof java.io.IOException || e instanceof IllegalArgumentException
                ? e.getMessage() : e.toString();
        err.println("digits: " + oneLine(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static String oneLine(String message) {
        return message == null ? "unexpected error (run with --verbose for details)" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
