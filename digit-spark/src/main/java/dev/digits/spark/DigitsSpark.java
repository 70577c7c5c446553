package dev.digits.spark;

import dev.digits.DigitsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code digits-spark}: Digits' batch jobs for {@code spark-submit}. Exit status 0 on success (pictures that could not
 * be read are rows with an {@code error}, not failures), 1 on an error (one line on standard error), 2 on a usage
 * error.
 */
@Command(name = "digits-spark", mixinStandardHelpOptions = true, subcommands = ScoreCommand.class,
        header = "Reads handwritten digits in many pictures on Spark.",
        description = "Run with spark-submit (the jar holds Digits and the ONNX backend, not Spark):%n"
                + "  spark-submit --master local[2] digits-spark.jar score --input 'scans/*.png' --output answers")
public final class DigitsSpark implements Runnable {
    private DigitsSpark() {
    }

    /** Runs {@code digits-spark} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code digits-spark} and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new DigitsSpark());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            Throwable cause = e;
            while (!(cause instanceof DigitsException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            err.println("digits-spark: " + (cause instanceof DigitsException ? cause.getMessage() : e.toString()));
            err.flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Name a command: score");
    }
}
