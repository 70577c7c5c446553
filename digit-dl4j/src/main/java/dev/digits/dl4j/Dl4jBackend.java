package dev.digits.dl4j;

import dev.digits.DigitBackend;
import dev.digits.BadModelFileException;
import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.TensorSpec;
import dev.digits.LoadedModel;
import dev.digits.ModelLoader;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.read.LearnedNumberReader;
import dev.digits.ModelCard;
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
        return Set.of(ModelCard.FORMAT_DL4J, ModelCard.FORMAT_DL4J_GRAPH);
    }

    @Override
    public Optional<BundledModels> bundledModels() {
        return Optional.of(new BundledModels(Dl4jBackend.class, Dl4jModels.BUNDLED_FOLDER, "zip"));
    }

    @Override
    public DigitClassifier classifier(LoadedModel model) {
        model.requireTask(Task.CLASSIFY);
        requireNativeCode();
        return new Dl4jClassifier(Dl4jModels.network(model), model.card(), Runtime.getRuntime().availableProcessors());
    }

    @Override
    public DigitGenerator generator(LoadedModel model) {
        model.requireTask(Task.GENERATE);
        requireNativeCode();
        long[] latent = model.card().inputs().get(0).shape().orElseThrow(() -> new BadModelFileException(model.description()
                + ": the card gives no shape for the latent input ('" + model.card().entryFor(true, 0, TensorSpec.SHAPE) + "')"));
        return new Dl4jGenerator(Dl4jModels.graph(model), model.card(), (int) latent[0]);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The learned reader runs beside a segmenting reader on this backend's bundled classifier; see
     * {@link LearnedNumberReader}.
     */
    @Override
    public NumberReader numberReader(LoadedModel model) {
        model.requireTask(Task.READ_NUMBERS);
        requireNativeCode();
        Dl4jNumberSequenceModel sequence = new Dl4jNumberSequenceModel(Dl4jModels.graph(model));
        DigitClassifier classifier = classifier(ModelLoader.load(ModelSource.CLASSIFIER, Task.CLASSIFY, this));
        return new LearnedNumberReader(sequence, classifier, model.card(), NAME, null);
    }

    private void requireNativeCode() {
        Dl4jRuntime.require("the dl4j backend cannot run models here");
    }
}
