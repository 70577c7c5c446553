package dev.digits.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.BackendUnavailableException;
import dev.digits.BadImageException;
import dev.digits.BadModelFileException;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A digit classifier that runs an ONNX model in ONNX Runtime: the bundled classifier (exported from the
 * DL4J one, same answers) or a third-party model described by its card (see {@link OnnxModelSpec}).
 *
 * <p><b>Concurrency.</b> One {@link OrtSession} serves every call; ONNX Runtime allows concurrent
 * {@code run} calls on one session, and each call makes its own input and output tensors, so any number of
 * threads may classify at once with no lock between them. Each call uses up to
 * {@link OnnxOptions#intraOpThreads()} threads of its own. {@link #close()} waits for running calls to end,
 * then frees the native session; later calls throw {@link IllegalStateException}.
 *
 * <p>Native resources (session, session options, tensors, results) are closed deterministically: tensors
 * and results within each call, the session and its options by {@link #close()}.
 */
public final class OnnxClassifier implements DigitClassifier {
    /** Class-path folder of the bundled models: {@code NAME.onnx} with {@code NAME.properties}. */
    public static final String BUNDLED_FOLDER = "/dev/digits/onnx/models/";
    /** Pictures per run of the model in {@link #classify(List)}. */
    static final int BATCH_SIZE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxClassifier.class);
    private static final AtomicInteger OPEN_SESSIONS = new AtomicInteger();
    private static final int PIXELS = DigitImage.MNIST_SIZE * DigitImage.MNIST_SIZE;

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final OnnxModelSpec spec;
    private final OnnxModelSpec.Bound bound;
    private final ModelCard card;
    private final String what;
    private final OnnxOptions options;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxClassifier(OrtEnvironment environment, OrtSession.SessionOptions sessionOptions, OrtSession session,
                           OnnxModelSpec spec, OnnxModelSpec.Bound bound, ModelCard card, String what, OnnxOptions options) {
        this.environment = environment;
        this.sessionOptions = sessionOptions;
        this.session = session;
        this.spec = spec;
        this.bound = bound;
        this.card = card;
        this.what = what;
        this.options = options;
    }

    /** Opens the bundled classifier with options from system properties. */
    public static OnnxClassifier open() {
        return open(ModelSource.CLASSIFIER, OnnxOptions.fromSystemProperties());
    }

    /**
     * Opens a model: checks the file's SHA-256 against its card, loads it, and checks that the card's input
     * and output agree with the model's.
     *
     * @throws BadModelFileException      when the model or its card is missing, corrupt, or they disagree
     * @throws dev.digits.ChecksumMismatchException when the file is not the one the card describes
     * @throws BackendUnavailableException when ONNX Runtime (or the chosen provider) does not load here
     */
    public static OnnxClassifier open(ModelSource source, OnnxOptions options) {
        String what;
        byte[] bytes;
        ModelCard card;
        if (source instanceof ModelSource.Bundled bundled) {
            what = "the bundled ONNX model '" + bundled.name() + "'";
            bytes = resource(BUNDLED_FOLDER + bundled.name() + ".onnx", what);
            card = ModelCard.read(new java.io.ByteArrayInputStream(resource(BUNDLED_FOLDER + bundled.name() + ".properties", what)),
                    what + "'s card");
        } else if (source instanceof ModelSource.File file) {
            what = "ONNX model " + file.path();
            bytes = readFile(file.path());
            card = ModelCard.read(file.cardPath());
            if (card.get(ModelCard.MODEL_SHA256).isEmpty()) {
                throw new BadModelFileException("The card " + file.cardPath() + " lacks model.sha256, which guards against"
                        + " running a damaged or different file; if " + file.path() + " is the model you mean, add the line"
                        + " model.sha256=" + Sha256.hex(bytes) + " to the card");
            }
        } else {
            throw new IllegalArgumentException("Unknown model source " + source);
        }
        card.verifyModel(bytes, what);
        OnnxModelSpec spec = OnnxModelSpec.fromCard(card);
        return open(bytes, card, spec, what, options);
    }

    private static OnnxClassifier open(byte[] bytes, ModelCard card, OnnxModelSpec spec, String what, OnnxOptions options) {
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            throw new BadModelFileException(what + " is a zip file, probably a DL4J model: run it with --backend dl4j"
                    + " (dev.digits:digit-dl4j), or convert it with 'digits export-onnx --model FILE.zip --out FILE.onnx'");
        }
        OrtEnvironment environment = OnnxBackend.environment();
        OrtSession.SessionOptions sessionOptions = sessionOptions(options);
        OrtSession session = null;
        try {
            try {
                session = environment.createSession(bytes, sessionOptions);
            } catch (OrtException e) {
                throw new BadModelFileException(what + " is not a valid ONNX model, or is truncated (" + oneLine(e.getMessage())
                        + "); export it again or fetch a fresh copy", e);
            }
            OPEN_SESSIONS.incrementAndGet();
            OnnxModelSpec.Bound bound = spec.bind(session, what);
            OnnxClassifier classifier = new OnnxClassifier(environment, sessionOptions, session, spec, bound, card, what, options);
            classifier.selfCheck();
            LOG.debug("Opened {} ({}, {})", what, spec, options);
            return classifier;
        } catch (RuntimeException e) {
            if (session != null) {
                closeSession(session);
            }
            sessionOptions.close();
            throw e;
        }
    }

    private static OrtSession.SessionOptions sessionOptions(OnnxOptions options) {
        OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
        try {
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            sessionOptions.setOptimizationLevel(switch (options.optimization()) {
                case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            if (options.provider() == OnnxOptions.Provider.CUDA) {
                try {
                    sessionOptions.addCUDA(options.cudaDevice());
                } catch (OrtException | RuntimeException | LinkageError e) {
                    throw new BackendUnavailableException("The CUDA execution provider was asked for (" + OnnxOptions.PROVIDER_PROPERTY
                            + "=cuda) but does not load: " + oneLine(e.getMessage()) + ". Put com.microsoft.onnxruntime:onnxruntime_gpu"
                            + " on the class path instead of onnxruntime, with the CUDA libraries it needs, or use the CPU", e);
                }
            }
            return sessionOptions;
        } catch (OrtException e) {
            sessionOptions.close();
            throw new DigitsException("ONNX Runtime refused the session options " + options + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            sessionOptions.close();
            throw e;
        }
    }

    /** Runs a blank picture through the model, so that a card that misdescribes the output fails now. */
    private void selfCheck() {
        classify(List.of(DigitImage.mnist(new float[PIXELS])));
    }

    @Override
    public Prediction classify(DigitImage image) {
        return classify(List.of(image)).get(0);
    }

    @Override
    public List<Prediction> classify(List<DigitImage> images) {
        for (int i = 0; i < images.size(); i++) {
            DigitImage image = images.get(i);
            if (image == null || !image.isMnistForm()) {
                throw new BadImageException("Picture " + i + " is " + image + "; this model takes 28x28 single-channel"
                        + " MNIST-form pictures: use classify(BufferedImage) or a Preprocessor first");
            }
        }
        List<Prediction> predictions = new ArrayList<>(images.size());
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("This classifier is closed");
            }
            int batch = bound.fixedBatch() > 0 ? (int) bound.fixedBatch() : BATCH_SIZE;
            for (int from = 0; from < images.size(); from += batch) {
                int count = Math.min(batch, images.size() - from);
                run(images.subList(from, from + count), bound.fixedBatch() > 0 ? batch : count, predictions);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
        return predictions;
    }

    /** Runs one batch of {@code rows} pictures ({@code images} plus zero padding for a fixed batch size). */
    private void run(List<DigitImage> images, int rows, List<Prediction> predictions) {
        float[] pixels = new float[rows * PIXELS];
        for (int i = 0; i < images.size(); i++) {
            spec.fill(images.get(i), pixels, i * PIXELS);
        }
        long[] shape = bound.inputDims().clone();
        shape[0] = rows;
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels), shape);
             OrtSession.Result result = session.run(Map.of(bound.input(), input), Set.of(bound.output()))) {
            OnnxValue value = result.get(0);
            FloatBuffer output = ((OnnxTensor) value).getFloatBuffer();
            if (output.remaining() != rows * 10) {
                throw new BadModelFileException(what + " gave " + output.remaining() + " values for " + rows
                        + " pictures; a digit classifier gives 10 per picture");
            }
            float[] row = new float[10];
            for (int i = 0; i < images.size(); i++) {
                output.get(row);
                predictions.add(Prediction.of(spec.probabilities(row, what)));
            }
        } catch (OrtException e) {
            throw new DigitsException("ONNX Runtime failed to run " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public String backendName() {
        return OnnxBackend.NAME;
    }

    /** How this classifier reads its model's input and output. */
    public OnnxModelSpec spec() {
        return spec;
    }

    /** The options the session was made with. */
    public OnnxOptions options() {
        return options;
    }

    /** Waits for running calls to end, then frees the session. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeSession(session);
            sessionOptions.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeSession(OrtSession session) {
        try {
            session.close();
            OPEN_SESSIONS.decrementAndGet();
        } catch (OrtException e) {
            LOG.warn("Could not close an ONNX Runtime session: {}", e.getMessage());
        }
    }

    /** How many sessions classifiers of this class hold open now, over the whole JVM. */
    static int openSessions() {
        return OPEN_SESSIONS.get();
    }

    @Override
    public String toString() {
        return "OnnxClassifier[" + what + ", " + spec + "]";
    }

    private static byte[] resource(String path, String what) {
        try (InputStream in = OnnxClassifier.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new BadModelFileException(what + " is not on the class path (" + path + "); is digit-onnx's jar complete?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readFile(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadModelFileException("Model file " + path + " does not exist");
        } catch (IOException e) {
            throw new BadModelFileException("Cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "no detail" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
