package dev.digits.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.BackendUnavailableException;
import dev.digits.BadModelFileException;
import dev.digits.DigitImage;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import dev.digits.ModelSource;
import dev.digits.Task;
import dev.digits.spi.AbstractDigitClassifier;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * A digit classifier that runs an ONNX model in ONNX Runtime: the bundled classifier (exported from the
 * DL4J one, same answers) or a third-party model described by its card (see {@link OnnxModelSpec}).
 *
 * <p><b>Concurrency.</b> One {@link OrtSession} serves every call; ONNX Runtime allows concurrent
 * {@code run} calls on one session, and each call makes its own input and output tensors, so any number of
 * threads may classify at once with no lock between them. With {@link OnnxOptions#intraOpThreads()} automatic
 * (0, the default) each run uses one ONNX Runtime thread and a batch is split into parts run side by side, on
 * the calling thread and up to {@link #parallelism()}{@code  - 1} helper threads of this classifier (daemons
 * that end when idle); with a thread count set, each run uses that many ONNX Runtime threads and a batch runs
 * whole. {@link #close()} waits for running calls to end, then frees the native session and the helpers; later
 * calls throw {@link IllegalStateException}.
 *
 * <p>Native resources (session, session options, tensors, results) are closed deterministically: tensors
 * and results within each call, the session and its options by {@link #close()}.
 */
public final class OnnxClassifier extends AbstractDigitClassifier {
    /** Pictures per run of the model in {@link #classify(List)}. */
    static final int BATCH_SIZE = 256;
    /** The fewest pictures a part of a split batch gets. */
    static final int MIN_PART = 2;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxClassifier.class);
    private static final AtomicInteger OPEN_SESSIONS = new AtomicInteger();

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final OnnxModelSpec spec;
    private final OnnxModelSpec.Bound bound;
    private final String what;
    private final OnnxOptions options;
    private final BatchSplitter splitter;

    private OnnxClassifier(OrtEnvironment environment, OrtSession.SessionOptions sessionOptions, OrtSession session,
                           OnnxModelSpec spec, OnnxModelSpec.Bound bound, LoadedModel model, OnnxOptions options) {
        super(model.card(), OnnxBackend.NAME, bound.fixedBatch() > 0 ? (int) bound.fixedBatch() : BATCH_SIZE,
                defaultPreprocessor(model.card()), parallelism(options));
        this.environment = environment;
        this.sessionOptions = sessionOptions;
        this.session = session;
        this.spec = spec;
        this.bound = bound;
        this.what = model.description();
        this.options = options;
        this.splitter = new BatchSplitter(parallelism(options), MIN_PART);
    }

    /** The cores when ONNX Runtime's thread count is automatic, else 1: see {@link #parallelism()}. */
    static int parallelism(OnnxOptions options) {
        return options.intraOpThreads() == 0 && options.provider() == OnnxOptions.Provider.CPU
                ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
    }

    /** Opens the bundled classifier with options from system properties. */
    public static OnnxClassifier open() {
        return open(ModelSource.CLASSIFIER, OnnxOptions.fromSystemProperties());
    }

    /**
     * Opens a classifier with options given in code: resolves the source with {@link LoadedModel#resolve} (card,
     * checksum, task), then {@link #open(LoadedModel, OnnxOptions)}.
     *
     * @throws BadModelFileException      when the model or its card is missing, corrupt, or they disagree
     * @throws dev.digits.ChecksumMismatchException when the file is not the one the card describes
     * @throws BackendUnavailableException when ONNX Runtime (or the chosen provider) does not load here
     */
    public static OnnxClassifier open(ModelSource source, OnnxOptions options) {
        return open(LoadedModel.resolve(source, Task.CLASSIFY, new OnnxBackend()), options);
    }

    /**
     * Opens a verified model: loads it and checks that the card's input and output agree with the model's.
     *
     * @throws BadModelFileException      when the model is not a valid ONNX classifier or its card misdescribes it
     * @throws BackendUnavailableException when ONNX Runtime (or the chosen provider) does not load here
     */
    public static OnnxClassifier open(LoadedModel model, OnnxOptions options) {
        byte[] bytes = model.bytes();
        String what = model.description();
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            throw new BadModelFileException(what + " is a zip file, probably a DL4J model: run it with --backend dl4j"
                    + " (dev.digits:digit-dl4j), or convert it with 'digits export-onnx --model FILE.zip --out FILE.onnx'");
        }
        OnnxModelSpec spec = OnnxModelSpec.fromCard(model.card());
        OnnxSessions.requireVerifiedSideFiles(model);
        OrtEnvironment environment = OnnxBackend.environment();
        OrtSession.SessionOptions sessionOptions = sessionOptions(parallelism(options) > 1 ? options.withIntraOpThreads(1)
                : options);
        OrtSession session = null;
        try {
            try {
                session = OnnxSessions.create(environment, model, sessionOptions);
            } catch (OrtException e) {
                throw new BadModelFileException(what + " is not a valid ONNX model, or is truncated (" + oneLine(e.getMessage())
                        + "); export it again or fetch a fresh copy", e);
            }
            OPEN_SESSIONS.incrementAndGet();
            OnnxModelSpec.Bound bound = spec.bind(session, what);
            OnnxClassifier classifier = new OnnxClassifier(environment, sessionOptions, session, spec, bound, model, options);
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

    static OrtSession.SessionOptions sessionOptions(OnnxOptions options) {
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
        classify(List.of(DigitImage.of(inputWidth(), inputHeight(), 1, new float[pictureValues()])));
    }

    /**
     * Runs one batch: in parts side by side on up to {@link #parallelism()} threads when ONNX Runtime's thread
     * count is automatic, or whole, padded with blank pictures, when the model's batch size is fixed.
     */
    @Override
    protected float[][] run(float[] pixels, int count) {
        if (bound.fixedBatch() > 0) {
            return runWhole(pixels, count);
        }
        float[][] probabilities = new float[count][];
        splitter.run(count, (from, to) -> runPart(pixels, from, to, probabilities));
        return probabilities;
    }

    /**
     * Runs a batch gathered from concurrent callers whole, on the calling thread: with batches split, there is
     * one lane of gathered batches per core, and the lanes fill the cores without the hand-over to a helper
     * thread, which costs more than it saves on a few pictures (measured: 8 callers, 2 cores, 12-16k pictures/s
     * in one lane with split batches, 23-25k in two lanes).
     */
    @Override
    protected float[][] runGathered(float[] pixels, int count) {
        return runWhole(pixels, count);
    }

    private float[][] runWhole(float[] pixels, int count) {
        float[][] probabilities = new float[count][];
        runPart(pixels, 0, count, probabilities);
        return probabilities;
    }

    /** Runs pictures {@code from} to {@code to} of a batch and puts their probabilities in the same rows. */
    private void runPart(float[] pixels, int from, int to, float[][] probabilities) {
        int count = to - from;
        int rows = bound.fixedBatch() > 0 ? (int) bound.fixedBatch() : count;
        int values = pictureValues();
        for (int i = 0; i < count; i++) {
            spec.transform(pixels, (from + i) * values);
        }
        FloatBuffer input = rows == count ? FloatBuffer.wrap(pixels, from * values, count * values).slice()
                : FloatBuffer.wrap(java.util.Arrays.copyOfRange(pixels, from * values, (from + rows) * values));
        long[] shape = bound.inputDims().clone();
        shape[0] = rows;
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, shape);
             OrtSession.Result result = session.run(Map.of(bound.input(), tensor), Set.of(bound.output()))) {
            OnnxValue value = result.get(0);
            FloatBuffer output = ((OnnxTensor) value).getFloatBuffer();
            int width = spec.classifierOutputs();
            if (output.remaining() != rows * width) {
                throw new BadModelFileException(what + " gave " + output.remaining() + " values for " + rows
                        + " pictures; its card says " + width + " per picture");
            }
            for (int i = 0; i < count; i++) {
                float[] row = new float[width];
                output.get(row);
                spec.probabilities(row, what);
                probabilities[from + i] = row;
            }
        } catch (OrtException e) {
            throw new DigitsException("ONNX Runtime failed to run " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The most threads one batch runs on: the cores when {@link OnnxOptions#intraOpThreads()} is automatic (each
     * part then runs on one ONNX Runtime thread), else 1.
     */
    public int parallelism() {
        return splitter.parallelism();
    }

    /** How this classifier reads its model's input and output. */
    public OnnxModelSpec spec() {
        return spec;
    }

    /** The options the session was made with. */
    public OnnxOptions options() {
        return options;
    }

    /** Frees the session once running calls have ended. */
    @Override
    protected void release() {
        splitter.close();
        closeSession(session);
        sessionOptions.close();
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

    private static String oneLine(String message) {
        return message == null ? "no detail" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
