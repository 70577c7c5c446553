package dev.digits.dl4j;

import dev.digits.DigitBackend;
import dev.digits.BadModelFileException;
import dev.digits.CardSchema;
import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.LoadedModel;
import dev.digits.ModelCard;
import dev.digits.NumberSequenceModel;
import dev.digits.Task;
import java.util.Optional;
import java.util.Set;

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
    public Optional<String> unavailableReason() {
        return isAvailable() ? Optional.empty() : Optional.of(String.valueOf(Dl4jRuntime.failure()));
    }

    @Override
    public String artifact() {
        return "dev.digits:digit-dl4j";
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.CLASSIFY, Task.GENERATE, Task.READ_NUMBERS);
    }

    @Override
    public Set<String> formats() {
        return Set.of(Dl4jFormat.MULTILAYER_NETWORK, Dl4jFormat.COMPUTATION_GRAPH);
    }

    @Override
    public Optional<BundledModels> bundledModels() {
        return Optional.of(new BundledModels(Dl4jBackend.class, Dl4jModels.BUNDLED_FOLDER, "zip"));
    }

    @Override
    public DigitClassifier classifier(LoadedModel model) {
        requireNativeCode();
        int concurrency = Runtime.getRuntime().availableProcessors();
        if (Dl4jFormat.COMPUTATION_GRAPH.equals(model.format())) {
            return new Dl4jClassifier(Dl4jModels.graph(model), model.card(), concurrency);
        }
        return new Dl4jClassifier(Dl4jModels.network(model), model.card(), concurrency);
    }

    @Override
    public DigitGenerator generator(LoadedModel model) {
        requireNativeCode();
        int latent = CardSchema.LatentInput.of(model.card()).size();
        return new Dl4jGenerator(Dl4jModels.graph(model), model.card(), latent);
    }

    @Override
    public NumberSequenceModel numberSequenceModel(LoadedModel model) {
        requireNativeCode();
        return new Dl4jNumberSequenceModel(Dl4jModels.graph(model));
    }

    private void requireNativeCode() {
        Dl4jRuntime.require("the dl4j backend cannot run models here");
    }
}
