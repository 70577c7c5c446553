package dev.digits.dl4j.train;

import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.dl4j.Dl4jModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ten-digit classifiers whose mean probabilities a pupil learns from (distillation): one network, or the members of
 * an ensemble that would be too slow to run itself. Not safe for concurrent use (DL4J's networks are not); the
 * training loop asks it from one thread.
 */
final class Teacher {
    private final List<MultiLayerNetwork> members;
    private final List<String> checksums;

    private Teacher(List<MultiLayerNetwork> members, List<String> checksums) {
        this.members = List.copyOf(members);
        this.checksums = List.copyOf(checksums);
    }

    /**
     * The ten-digit classifiers saved in {@code files} (each with its card) as one teacher.
     *
     * @throws DigitsException when a file cannot be read as a ten-digit classifier
     */
    static Teacher load(List<Path> files) {
        List<MultiLayerNetwork> networks = new ArrayList<>();
        List<String> checksums = new ArrayList<>();
        for (Path file : files) {
            Dl4jModels.Dl4jModel loaded = Dl4jModels.load(ModelSource.file(file));
            networks.add(loaded.network());
            checksums.add(loaded.card().get(ModelCard.MODEL_SHA256).orElse(file.getFileName().toString()));
        }
        return of(networks, checksums);
    }

    /**
     * A teacher of one or more ten-digit classifiers.
     *
     * @throws DigitsException when there is none, or one does not answer with ten probabilities
     */
    static Teacher of(List<MultiLayerNetwork> members) {
        return of(members, List.of());
    }

    private static Teacher of(List<MultiLayerNetwork> members, List<String> checksums) {
        if (members.isEmpty()) {
            throw new DigitsException("A teacher needs at least one ten-digit classifier");
        }
        for (MultiLayerNetwork member : members) {
            long outputs = member.getLayer(member.getnLayers() - 1).getParam("W").size(1);
            if (outputs != 10) {
                throw new DigitsException("A teacher must be a ten-digit classifier from 'digits train'; one has "
                        + outputs + " outputs");
            }
        }
        return new Teacher(members, checksums);
    }

    /** The SHA-256 of each classifier's file, for a teacher {@link #load(List) loaded} from files; else empty. */
    List<String> checksums() {
        return checksums;
    }

    /** How many classifiers teach. */
    int size() {
        return members.size();
    }

    /** The members' mean probabilities of the ten digits for a batch of pictures, one row per picture. */
    float[][] probabilities(INDArray pictures) {
        float[][] mean = null;
        for (MultiLayerNetwork member : members) {
            float[][] answers;
            try (INDArray output = member.output(pictures, false)) {
                answers = output.toFloatMatrix();
            }
            if (mean == null) {
                mean = answers;
            } else {
                for (int i = 0; i < mean.length; i++) {
                    for (int k = 0; k < mean[i].length; k++) {
                        mean[i][k] += answers[i][k];
                    }
                }
            }
        }
        if (members.size() > 1) {
            for (float[] row : mean) {
                for (int k = 0; k < row.length; k++) {
                    row[k] /= members.size();
                }
            }
        }
        return mean;
    }

    /**
     * Mixes the teacher's probabilities into the targets of the first {@code count} rows of {@code labels}
     * ({@code width} values per row, the ten digits first): {@code (1 - weight) · label + weight · teacher}. Rows
     * {@code skip} says are not digits keep their targets.
     */
    void teach(INDArray pictures, float[] labels, int count, int width, double weight, java.util.function.IntPredicate skip) {
        float[][] taught = probabilities(pictures);
        for (int i = 0; i < count; i++) {
            if (skip.test(i)) {
                continue;
            }
            for (int k = 0; k < 10; k++) {
                int at = i * width + k;
                labels[at] = (float) ((1 - weight) * labels[at] + weight * taught[i][k]);
            }
        }
    }
}
