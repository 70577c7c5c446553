package dev.digits;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model formats on the class path ({@link ModelFormat} providers, brought by backends), found once. A
 * provider that fails to load is skipped with a warning. Thread-safe.
 */
final class ModelFormats {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFormats.class);

    private ModelFormats() {
    }

    /** Every format found. */
    static List<ModelFormat> all() {
        return Holder.FORMATS;
    }

    /** The format whose names include {@code name}. */
    static Optional<ModelFormat> named(String name) {
        return all().stream().filter(f -> f.names().contains(name)).findFirst();
    }

    /** The format these bytes are in, and its name, when a format on the class path recognises them. */
    static Optional<Recognised> recognise(byte[] model) {
        for (ModelFormat format : all()) {
            Optional<String> name = format.recognise(model);
            if (name.isPresent()) {
                return Optional.of(new Recognised(format, name.get()));
            }
        }
        return Optional.empty();
    }

    /** The formats' names with the artifacts that bring them, for messages. */
    static String describe() {
        return all().isEmpty() ? "none (no backend is on the class path)" : all().stream()
                .map(f -> String.join(", ", f.names().stream().sorted().toList()) + " (" + f.artifact() + ")")
                .collect(Collectors.joining("; "));
    }

    /** A format that recognised a model's bytes, and which of its names they are. */
    record Recognised(ModelFormat format, String name) {
    }

    private static List<ModelFormat> discover() {
        List<ModelFormat> found = new ArrayList<>();
        Iterator<ModelFormat> providers = ServiceLoader.load(ModelFormat.class, ModelFormats.class.getClassLoader()).iterator();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.warn("Digits: skipping a model format that fails to load: {}", e.toString());
            }
        }
        return List.copyOf(found);
    }

    /** Names of every format, for messages that list them. */
    static Set<String> names() {
        return all().stream().flatMap(f -> f.names().stream()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static final class Holder {
        static final List<ModelFormat> FORMATS = discover();
    }
}
