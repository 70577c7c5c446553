package dev.digits.dl4j;

import dev.digits.BadModelFileException;
import dev.digits.ModelFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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

    /**
     * Inflates every entry (into nothing, a buffer at a time) and refuses the zip once the total passes
     * {@link ModelFormat#maxInflatedBytes(long)}: DL4J would otherwise read a 1 GB {@code configuration.json} into
     * one string, or fail on a 3 GB weights entry with a message of its own that names nothing.
     */
    @Override
    public void checkExpansion(byte[] model, String what) {
        long limit = ModelFormat.maxInflatedBytes(model.length);
        long total = 0;
        byte[] buffer = new byte[64 << 10];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(model))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getSize() > limit - total) {
                    throw inflatesTooFar(what, entry.getName(), limit);
                }
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > limit) {
                        throw inflatesTooFar(what, entry.getName(), limit);
                    }
                }
            }
        } catch (IOException e) {
            // Damaged rather than too big: the loader that reads the zip next says so, with what to do.
        }
    }

    private static BadModelFileException inflatesTooFar(String what, String entry, long limit) {
        return new BadModelFileException(what + " inflates to more than " + limit + " bytes (at its entry '" + entry
                + "'), far more than any model this size: it is damaged or made to exhaust memory; if it really is a"
                + " model, raise the limit with " + ModelFormat.limitSetting());
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
