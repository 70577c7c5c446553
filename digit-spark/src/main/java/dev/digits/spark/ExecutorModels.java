package dev.digits.spark;

import dev.digits.BackendUnavailableException;
import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.Task;
import dev.digits.read.NumberReaders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models open in this JVM (an executor, or the driver in local mode): one per model and backend, opened on
 * first use, shared by every task that runs here (Digits' classifiers and readers are safe for concurrent use),
 * and closed when the JVM exits.
 */
final class ExecutorModels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, AutoCloseable> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "digits-spark-close-models"));
    }

    private ExecutorModels() {
    }

    /**
     * The classifier under {@code key}, opened from the shipment the first time (the shipment is only fetched
     * then: a broadcast model's bytes cross the network once per JVM).
     */
    static DigitClassifier classifier(String key, Supplier<ModelShipment> shipment) {
        return (DigitClassifier) OPEN.computeIfAbsent(key, k -> {
            ModelShipment model = shipment.get();
            LOG.info("Opening the classifier {} in this JVM", k);
            return Digits.classifier(model.source(), model.backend());
        });
    }

    /**
     * The number reader under {@code key}, opened from the shipment the first time: a classifier's shipment gives a
     * segmenting reader on it; a number reader's, that learned reader with its backend's bundled classifier (the
     * segmenting reader on the bundled classifier when a bundled learned reader is not on that backend, as
     * {@code digits read} does).
     */
    static NumberReader numberReader(String key, Supplier<ModelShipment> shipment) {
        return (NumberReader) OPEN.computeIfAbsent(key, k -> {
            ModelShipment model = shipment.get();
            LOG.info("Opening the number reader {} in this JVM", k);
            if (model.task() == Task.CLASSIFY) {
                return NumberReaders.segmenting(Digits.classifier(model.source(), model.backend()));
            }
            try {
                return Digits.numberReader(model.source(), model.backend());
            } catch (BackendUnavailableException e) {
                if (!(model.source() instanceof ModelSource.Bundled)) {
                    throw e;
                }
                return NumberReaders.segmenting(Digits.classifier(ModelSource.CLASSIFIER, model.backend()));
            }
        });
    }

    private static void closeAll() {
        for (AutoCloseable model : OPEN.values()) {
            try {
                model.close();
            } catch (Exception e) {
                LOG.debug("Closing a model at exit: {}", e.toString());
            }
        }
        OPEN.clear();
    }
}
