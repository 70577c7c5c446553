package dev.digits.examples.cli;

import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.train.TrainingOptions;
import picocli.CommandLine;

/** The MNIST digits a command measures, named by its {@code --digits} option. */
final class MnistDigits {
    private MnistDigits() {
    }

    /**
     * {@code test}: MNIST's test set, for measuring; {@code validation}: the validation split every training holds
     * out, for choosing settings.
     *
     * @throws CommandLine.ParameterException for any other name
     */
    static DigitDataset named(String which, CommandLine command) {
        Mnist mnist = Mnist.fromDataFolder();
        return switch (which) {
            case "test" -> mnist.test();
            case "validation" -> TrainingOptions.bundledValidationDigits(mnist.train());
            default -> throw new CommandLine.ParameterException(command,
                    "--digits must be test or validation, got '" + which + "'");
        };
    }
}
