package dev.digits.examples.cli;

import dev.digits.DigitsException;
import dev.digits.data.Downloads;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code digits} command: reads handwritten digits from the command line. */
@Command(name = "digits", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reads handwritten digits and numbers: predict, read, evaluate, train; draws new ones: generate; shows it all: app.",
        synopsisSubcommandLabel = "COMMAND")
public final class DigitsCommand {
    /**
     * The subcommands by name, in the order the help lists them. They are registered in {@link #run} rather than
     * in the annotation because picocli reflects over every registered command before running one: all of them
     * cost a cold {@code digits predict} about half a second, so a run registers only the one it was given.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("predict", PredictCommand.class);
        commands.put("read", ReadCommand.class);
        commands.put("evaluate", EvaluateCommand.class);
        commands.put("evaluate-numbers", EvaluateNumbersCommand.class);
        commands.put("train", TrainCommand.class);
        commands.put("backends", BackendsCommand.class);
        commands.put("export-onnx", ExportOnnxCommand.class);
        commands.put("train-gan", TrainGanCommand.class);
        commands.put("train-reader", TrainReaderCommand.class);
        commands.put("calibrate", CalibrateCommand.class);
        commands.put("calibrate-reader", CalibrateReaderCommand.class);
        commands.put("train-rejection", TrainRejectionCommand.class);
        commands.put("evaluate-rejection", EvaluateRejectionCommand.class);
        commands.put("generate", GenerateCommand.class);
        commands.put("evaluate-generator", EvaluateGeneratorCommand.class);
        commands.put("app", AppCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    public static void main(String[] args) {
        LogSetup.configure(args);
        Downloads.setListener(ProgressBars.downloads());
        System.exit(run(args));
    }

    /** Runs the command and returns its exit status: 0 success, 1 error, 2 usage error. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new DigitsCommand());
        String first = args.length > 0 ? args[0] : "";
        boolean justOne = SUBCOMMANDS.containsKey(first) && !first.equals("help");
        SUBCOMMANDS.forEach((name, type) -> {
            if (!justOne || name.equals(first)) {
                commandLine.addSubcommand(name, type);
            }
        });
        Help.install(commandLine);
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
