package dev.digits.dl4j;

import dev.digits.ModelFormat;
import java.util.Optional;
import java.util.Set;

/**
 * DL4J's model format: the zip files {@code ModelSerializer} writes, of a {@code MultiLayerNetwork} or a
 * {@code ComputationGraph}. Their cards sit beside them; they have no side files. Stateless.
 */
public final class Dl4jFormat implements ModelFormat {
    /** The card's {@code format} of a {@code MultiLayerNetwork} zip file. */
    public static final String MULTILAYER_NETWORK = "dl4j-multilayernetwork";
    /** The card's {@code format} of a {@code ComputationGraph} zip file. */
    public static final String COMPUTATION_GRAPH = "dl4j-computationgraph";

    @Override
    public Set<String> names() {
        return Set.of(MULTILAYER_NETWORK, COMPUTATION_GRAPH);
    }

    /**
     * A zip file ({@code PK} first) is taken as a {@code MultiLayerNetwork}, as first-version cards without a
     * {@code format} entry were; a graph's card always names its format.
     */
    @Override
    public Optional<String> recognise(byte[] model) {
        return isZip(model) ? Optional.of(MULTILAYER_NETWORK) : Optional.empty();
    }

    @Override
    public String artifact() {
        return "dev.digits:digit-dl4j";
    }

    /** Whether the bytes start as a zip file does. */
    static boolean isZip(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K';
    }
}
