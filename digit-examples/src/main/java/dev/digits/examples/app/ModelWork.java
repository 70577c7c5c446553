package dev.digits.examples.app;

import dev.digits.Digits.BackendInfo;
import dev.digits.BackendUnavailableException;
import dev.digits.DigitClassifier;
import dev.digits.DigitGenerator;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.NumberReader;
import dev.digits.Task;
import dev.digits.read.NumberReaders;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.SwingWorker;

/**
 * Runs all model work of the app on one background thread, never on the event thread, and hands each answer
 * back on the event thread. One thread keeps it simple: the models open lazily and close on a backend switch
 * without racing a running prediction, and answers arrive in the order they were asked for.
 *
 * <p>The models it holds are only touched on that thread, through {@link Models}.
 */
public final class ModelWork implements AutoCloseable {
    /** Work to do with the models; runs on the model thread. */
    @FunctionalInterface
    public interface Job<T> {
        /** Does the work; may throw, and the error is shown in the window. */
        T run(Models models) throws Exception;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "digits-app-models");
        t.setDaemon(true);
        return t;
    });
    private final Models models;

    /**
     * Model work on the named backend.
     *
     * @param backend the backend to start on, or null for the one Digits chooses (see {@link Digits})
     */
    public ModelWork(String backend) {
        this.models = new Models(backend);
    }

    /**
     * Runs {@code job} on the model thread, then {@code onResult} or {@code onError} on the event thread.
     *
     * @return completes once the callback has run on the event thread (for tests and scripts)
     */
    public <T> CompletableFuture<Void> submit(Job<T> job, Consumer<T> onResult, Consumer<Throwable> onError) {
        CompletableFuture<Void> shown = new CompletableFuture<>();
        SwingWorker<T, Void> worker = new SwingWorker<>() {
            @Override
            protected T doInBackground() throws Exception {
                return job.run(models);
            }

            @Override
            protected void done() {
                try {
                    onResult.accept(get());
                } catch (ExecutionException e) {
                    onError.accept(e.getCause() == null ? e : e.getCause());
                } catch (InterruptedException | CancellationException e) {
                    onError.accept(e);
                } catch (RuntimeException e) {
                    onError.accept(e); // a bug in showing the answer must not leave the window half drawn
                } finally {
                    shown.complete(null);
                }
            }
        };
        thread.execute(worker);
        return shown;
    }

    /** The backends that load here and classify, highest priority first. Asks each backend: call off the event thread. */
    public static List<String> availableBackends() {
        return Digits.backends().stream().filter(BackendInfo::available)
                .filter(b -> b.tasks().contains(Task.CLASSIFY)).map(BackendInfo::name).toList();
    }

    /** Closes the models once queued work has ended. */
    @Override
    public void close() {
        thread.execute(models::closeAll);
        thread.shutdown();
    }

    /** The models of the chosen backend, opened on first use. Only for the model thread. */
    public static final class Models {
        private String backend;
        private DigitClassifier classifier;
        private NumberReader reader;
        private DigitGenerator generator;

        private Models(String backend) {
            this.backend = backend;
        }

        /** Switches to another backend: the models of the current one close, the new ones open when next used. */
        public void useBackend(String name) {
            if (name != null && name.equals(backend) && classifier != null) {
                return;
            }
            closeAll();
            backend = name;
        }

        /** The bundled classifier on the chosen backend. */
        public DigitClassifier classifier() {
            if (classifier == null) {
                classifier = Digits.classifier(ModelSource.CLASSIFIER, backend);
            }
            return classifier;
        }

        /** The bundled number reader on the chosen backend; segmentation with the classifier where none is bundled. */
        public NumberReader reader() {
            if (reader == null) {
                try {
                    reader = Digits.numberReader(ModelSource.bundled(Digits.NUMBER_READER), backend);
                } catch (BackendUnavailableException e) {
                    // The reader owns its classifier, so it gets one of its own rather than the shared one.
                    reader = NumberReaders.segmenting(Digits.classifier(ModelSource.CLASSIFIER, backend));
                }
            }
            return reader;
        }

        /** The bundled generator on the chosen backend. */
        public DigitGenerator generator() {
            if (generator == null) {
                generator = Digits.generator(ModelSource.bundled(Digits.GENERATOR), backend);
            }
            return generator;
        }

        /** The name of the backend in use: the one asked for, else the one Digits chose for the classifier. */
        public String backendName() {
            return backend != null ? backend : classifier().backendName();
        }

        private void closeAll() {
            if (classifier != null) {
                classifier.close();
            }
            if (reader != null) {
                reader.close();
            }
            if (generator != null) {
                generator.close();
            }
            classifier = null;
            reader = null;
            generator = null;
        }
    }
}
