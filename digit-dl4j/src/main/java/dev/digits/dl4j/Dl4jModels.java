package dev.digits.dl4j;

import dev.digits.BadModelFileException;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.io.AtomicFiles;
import dev.digits.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and loads DL4J networks with their model cards. Saving is atomic and records the file's SHA-256
 * in the card; loading goes through {@link LoadedModel#resolve}, which checks it.
 */
public final class Dl4jModels {
    /** Class-path folder of the bundled models: {@code NAME.zip} with {@code NAME.zip.properties}. */
    public static final String BUNDLED_FOLDER = "/dev/digits/dl4j/models/";

    private Dl4jModels() {
    }

    /** A network with its card. */
    public record Dl4jModel(MultiLayerNetwork network, ModelCard card) {
    }

    /**
     * Writes {@code network} to {@code modelFile} and its card (with {@link ModelCard#MODEL_SHA256} and
     * {@link ModelCard#FORMAT} filled in) beside it, as one unit: a kill leaves the old pair or the new one.
     *
     * @param saveUpdater keep the optimiser's state, for checkpoints that training resumes from
     * @return the card as written
     * @throws DigitsException when a file cannot be written
     */
    public static ModelCard save(MultiLayerNetwork network, Path modelFile, ModelCard card, boolean saveUpdater) {
        return CardFiles.writeWithModel(card.toBuilder().put(ModelCard.FORMAT, Dl4jFormat.MULTILAYER_NETWORK).build(), modelFile,
                temporary -> ModelSerializer.writeModel(network, temporary.toFile(), saveUpdater));
    }

    /**
     * Writes a computation graph (without its optimiser state) to {@code modelFile} and its card beside it, as
     * {@link #save(MultiLayerNetwork, Path, ModelCard, boolean)} does.
     *
     * @return the card as written
     */
    public static ModelCard save(ComputationGraph graph, Path modelFile, ModelCard card) {
        return CardFiles.writeWithModel(card.toBuilder().put(ModelCard.FORMAT, Dl4jFormat.COMPUTATION_GRAPH).build(), modelFile,
                temporary -> ModelSerializer.writeModel(graph, temporary.toFile(), false));
    }

    /**
     * The computation graph in a verified model.
     *
     * @throws BadModelFileException when the bytes are not a DL4J {@code ComputationGraph}
     */
    public static ComputationGraph graph(LoadedModel model) {
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(model.bytes()), false);
        } catch (IOException | RuntimeException e) {
            throw new BadModelFileException(model.description() + " is not a DL4J ComputationGraph file (" + reason(e)
                    + "); give a file written by 'digits train-gan'", e);
        }
    }

    /** Loads a classifier network and verifies it against its card; see {@link #load(ModelSource, Task)}. */
    public static Dl4jModel load(ModelSource source) {
        return load(source, Task.CLASSIFY);
    }

    /**
     * Loads a network for {@code task}, verified against its card by {@link LoadedModel#resolve}.
     *
     * @throws BadModelFileException      when the model or card is missing, unreadable or for another task
     * @throws dev.digits.ChecksumMismatchException when the file is not the one the card describes
     */
    public static Dl4jModel load(ModelSource source, Task task) {
        LoadedModel model = LoadedModel.resolve(source, task, new Dl4jBackend());
        return new Dl4jModel(network(model), model.card());
    }

    /** A verified classifier as a computation graph, with its card. */
    public record Dl4jGraph(ComputationGraph graph, ModelCard card) {
    }

    /**
     * Loads a classifier as a computation graph, verified against its card: an ensemble's own graph (the bundled
     * classifier is one), or a single network's turned into one.
     *
     * @throws BadModelFileException when the model or card is missing, unreadable or not a classifier
     */
    public static Dl4jGraph loadGraph(ModelSource source) {
        LoadedModel model = LoadedModel.resolve(source, Task.CLASSIFY, new Dl4jBackend());
        ComputationGraph graph = Dl4jFormat.COMPUTATION_GRAPH.equals(model.format()) ? graph(model)
                : network(model).toComputationGraph();
        return new Dl4jGraph(graph, model.card());
    }

    /**
     * The network in a verified model.
     *
     * @throws BadModelFileException when the bytes are not a DL4J {@code MultiLayerNetwork}
     */
    public static MultiLayerNetwork network(LoadedModel model) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model.bytes()), false);
        } catch (IOException | RuntimeException e) {
            throw new BadModelFileException(model.description() + " is not a DL4J MultiLayerNetwork file (" + reason(e)
                    + "); give a file written by 'digits train'", e);
        }
    }

    /** What went wrong, also when the exception carries no message (DL4J's often do not: "(null)" told nothing). */
    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
