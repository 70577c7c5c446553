package dev.digits.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.BadModelFileException;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import dev.digits.Task;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.preprocess.NumberLine;
import dev.digits.NumberSequenceModel;
import java.nio.FloatBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learned number reader's network exported to ONNX: one picture input and the output {@code columns} (the
 * logits of each column, {@code [count, 11, 1, 64]}).
 *
 * <p><b>Concurrency.</b> One {@link OrtSession} serves every call; ONNX Runtime allows concurrent runs and each
 * call makes its own tensors, so any number of threads run at once.
 */
final class OnnxNumberSequenceModel implements NumberSequenceModel {
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final String inputName;
    private final List<String> outputNames;
    private final String what;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private OnnxNumberSequenceModel(OrtEnvironment environment, OrtSession.SessionOptions sessionOptions,
                                    OrtSession session, String inputName, List<String> outputNames, String what) {
        this.environment = environment;
        this.sessionOptions = sessionOptions;
        this.session = session;
        this.inputName = inputName;
        this.outputNames = outputNames;
        this.what = what;
    }

    /**
     * Opens a verified number-reader model.
     *
     * @throws BadModelFileException when the file is not a valid ONNX model or lacks the reader's outputs
     */
    static OnnxNumberSequenceModel open(LoadedModel model, OnnxOptions options) {
        List<String> outputs = List.of(COLUMNS_OUTPUT);
        OnnxSessions.requireVerifiedSideFiles(model);
        OrtEnvironment environment = OnnxBackend.environment();
        OrtSession.SessionOptions sessionOptions = OnnxClassifier.sessionOptions(options);
        try {
            OrtSession session = OnnxSessions.create(environment, model, sessionOptions);
            java.util.Set<String> inputNames = session.getInputNames();
            java.util.Set<String> outputNames = session.getOutputNames();
            if (!outputNames.containsAll(outputs) || inputNames.size() != 1) {
                session.close();
                throw new BadModelFileException(model.description() + " is not a number reader of this version: it needs"
                        + " one input and the output " + outputs + ", and has inputs " + inputNames + " and outputs "
                        + outputNames + " (readers made before the CTC reader had length and digit outputs: train one"
                        + " again with digits train-reader)");
            }
            String input = model.card().inputs().stream().findFirst().flatMap(TensorSpec::nameIfGiven)
                    .orElse(session.getInputNames().iterator().next());
            return new OnnxNumberSequenceModel(environment, sessionOptions, session, input, List.copyOf(outputs),
                    model.description());
        } catch (OrtException e) {
            sessionOptions.close();
            throw new BadModelFileException(model.description() + " is not a valid ONNX model (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            sessionOptions.close();
            throw e;
        }
    }

    @Override
    public List<float[][]> run(float[] canvases, int count) {
        long[] shape = {count, 1, NumberLine.HEIGHT, NumberLine.WIDTH};
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(canvases), shape);
             OrtSession.Result result = session.run(Map.of(inputName, input), new LinkedHashSet<>(outputNames))) {
            return NumberSequenceModel.columnsOf(values(result, COLUMNS_OUTPUT), count);
        } catch (OrtException e) {
            throw new DigitsException("ONNX Runtime failed to run " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadModelFileException(what + " gave outputs of the wrong size: " + e.getMessage(), e);
        }
    }

    private static float[] values(OrtSession.Result result, String name) {
        FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** Closes the session once; later calls do nothing (readers made by {@code withStrategy} share the model). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            OnnxBackend.close(session, sessionOptions, what);
        }
    }
}
