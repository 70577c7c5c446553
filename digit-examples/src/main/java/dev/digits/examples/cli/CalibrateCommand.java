package dev.digits.examples.cli;

import dev.digits.DigitClassifier;
import dev.digits.ModelCard;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.train.TrainingOptions;
import dev.digits.eval.Calibration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code digits calibrate}: fits the classifier's temperature on the validation split and measures its effect. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        header = "Fits the classifier's temperature and reports its calibration error.",
        description = "Fits the classifier's temperature (temperature scaling) on the 5,000 training pictures the "
                + "bundled models held out for validation, then reports the expected calibration error (15 "
                + "bins) on the 10,000 MNIST test pictures without and with it. Put the temperature in the "
                + "model card as calibration.temperature (both backends apply it).")
final class CalibrateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() {
        Mnist mnist = Mnist.fromDataFolder();
        DigitDataset validation = TrainingOptions.bundledValidationDigits(mnist.train());
        DigitDataset test = mnist.test();
        Map<String, Object> json = new LinkedHashMap<>();
        try (DigitClassifier classifier = backendOptions.open()) {
            Calibration.Fit fit = Calibration.fit(classifier, validation, test);
            json.put("temperature", fit.temperature());
            json.put("cardTemperature", fit.cardTemperature());
            json.put("validationNllBefore", fit.validationNllBefore());
            json.put("validationNll", fit.validationNll());
            json.put("eceBefore", fit.eceBefore());
            json.put("ece", fit.ece());
            json.put("backend", classifier.backendName());
        }
        if (common.json) {
            Json.printLine(json);
        } else {
            System.out.printf(Locale.ROOT, "temperature %.4f (fitted on %d validation pictures; the card has %s)%n",
                    json.get("temperature"), validation.size(), json.get("cardTemperature"));
            System.out.printf(Locale.ROOT, "ECE on the MNIST test set (%d bins): %.4f without, %.4f with it%n",
                    Calibration.BINS, json.get("eceBefore"), json.get("ece"));
            System.out.printf(Locale.ROOT, "Put it in the card: %s=%.4f%n", ModelCard.CALIBRATION_TEMPERATURE,
                    json.get("temperature"));
        }
        return 0;
    }
}
