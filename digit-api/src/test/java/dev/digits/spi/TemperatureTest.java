package dev.digits.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.BadModelFileException;
import dev.digits.ConstantClassifier;
import dev.digits.DigitImage;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.Prediction;
import dev.digits.Task;
import org.junit.jupiter.api.Test;

/** A card's calibration.temperature reaches every prediction, and a bad one is refused when the model opens. */
class TemperatureTest {
    private static ModelCard card(String temperature) {
        ModelCard.Builder builder = ModelCard.builder().task(Task.CLASSIFY);
        return temperature == null ? builder.build() : builder.put(ModelCard.CALIBRATION_TEMPERATURE, temperature).build();
    }

    @Test
    void theCardsTemperatureIsAppliedAndSurvivesARoundTrip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        java.nio.file.Path file = folder.resolve("model.zip.properties");
        CardFiles.write(card("2.5"), file);
        ModelCard read = CardFiles.read(file);
        try (ConstantClassifier plain = new ConstantClassifier(card(null), "stand-in", 4);
             ConstantClassifier warm = new ConstantClassifier(read, "stand-in", 4)) {
            assertEquals(1, plain.temperature());
            assertEquals(2.5, warm.temperature());
            DigitImage blank = DigitImage.mnist(new float[28 * 28]);
            Prediction a = plain.classify(blank);
            Prediction b = warm.classify(blank);
            assertEquals(0.91f, a.confidence(), 1e-6f);
            assertEquals(4, b.digit());
            assertEquals(a.withTemperature(2.5).confidence(), b.confidence(), 1e-6f);
            assertTrue(b.confidence() < a.confidence());
        }
    }

    @Test
    void aTemperatureThatIsNotAPositiveNumberIsABadModelFile() {
        for (String bad : new String[]{"0", "-1", "warm", "NaN", "Infinity"}) {
            BadModelFileException e = assertThrows(BadModelFileException.class,
                    () -> new ConstantClassifier(card(bad), "stand-in", 1), bad);
            assertTrue(e.getMessage().contains(ModelCard.CALIBRATION_TEMPERATURE), e.getMessage());
        }
    }
}
