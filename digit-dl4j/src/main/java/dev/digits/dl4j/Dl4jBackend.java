package dev.digits.dl4j;

import dev.digits.BackendUnavailableException;
import dev.digits.DigitClassifier;
import dev.digits.ModelSource;
import dev.digits.spi.DigitBackend;

/**
 * The Deeplearning4j backend ({@code dl4j}): runs, and trains, every Digits model. Priority 10, below the
 * ONNX backend, which starts faster and answers single pictures sooner.
 */
public final class Dl4jBackend implements DigitBackend {
    /** The name to ask for this backend by. */
    public static final String NAME = "dl4j";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean isAvailable() {
        return Dl4jRuntime.initialize();
    }

    @Override
    public String artifact() {
        return "dev.digits:digit-dl4j";
    }

    @Override
    public DigitClassifier classifier(ModelSource source) {
        if (!isAvailable()) {
            throw new BackendUnavailableException("ND4J's native code does not load on this machine ("
                    + Dl4jRuntime.failure() + "); use the onnx backend (dev.digits:digit-onnx)", Dl4jRuntime.failure());
        }
        Dl4jModels.LoadedModel model = Dl4jModels.load(source);
        return new Dl4jClassifier(model.network(), model.card(), Runtime.getRuntime().availableProcessors());
    }
}
