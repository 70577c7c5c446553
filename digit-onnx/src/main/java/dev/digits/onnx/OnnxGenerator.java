package dev.digits.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.digits.BadModelFileException;
import dev.digits.CardSchema;
import dev.digits.DigitsException;
import dev.digits.LoadedModel;
import dev.digits.ModelCard;
import dev.digits.Task;
import dev.digits.ModelCard.TensorSpec;
import dev.digits.spi.AbstractDigitGenerator;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A digit generator that runs the conditional GAN's generator exported to ONNX: inputs named in its card (the
 * latent vector, then the one-hot label), one picture output.
 *
 * <p><b>Concurrency.</b> One {@link OrtSession} serves every call; ONNX Runtime allows concurrent runs, each call
 * makes its own tensors, so any number of threads generate at once. {@link #close()} waits for running calls.
 */
public final class OnnxGenerator extends AbstractDigitGenerator {
    static final int BATCH_SIZE = 256;

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final String latentName;
    private final String labelName;
    private final String outputName;
    private final String what;

    private OnnxGenerator(OrtEnvironment environment, OrtSession.SessionOptions sessionOptions, OrtSession session,
                          LoadedModel model, int latentSize, String latentName, String labelName, String outputName) {
        super(model.card(), OnnxBackend.NAME, latentSize, BATCH_SIZE);
        this.environment = environment;
        this.sessionOptions = sessionOptions;
        this.session = session;
        this.latentName = latentName;
        this.labelName = labelName;
        this.outputName = outputName;
        this.what = model.description();
    }

    /**
     * Opens a verified generator model.
     *
     * @throws BadModelFileException when the card does not describe two inputs (latent, label) and an output, or the
     *                               file is not a valid ONNX model
     */
    public static OnnxGenerator open(LoadedModel model, OnnxOptions options) {
        ModelCard card = model.card();
        List<TensorSpec> inputs = card.inputs();
        List<TensorSpec> outputs = card.outputs();
        if (inputs.size() != 2 || outputs.isEmpty() || inputs.get(0).nameIfGiven().isEmpty()
                || inputs.get(1).nameIfGiven().isEmpty()) {
            throw new BadModelFileException(model.description() + ": a generator's card names two inputs (the latent vector,"
                    + " then the one-hot label) in '" + ModelCard.INPUTS + "' and its picture in '" + ModelCard.OUTPUTS + "'");
        }
        int latentSize = CardSchema.LatentInput.of(card).size();
        OnnxSessions.requireVerifiedSideFiles(model);
        OrtEnvironment environment = OnnxBackend.environment();
        OrtSession.SessionOptions sessionOptions = OnnxClassifier.sessionOptions(options);
        try {
            OrtSession session = OnnxSessions.create(environment, model, sessionOptions);
            requireDeclaredLatentSize(session, inputs.get(0).name(), latentSize, model, card);
            String output = outputs.get(0).nameIfGiven().orElse(session.getOutputNames().iterator().next());
            return new OnnxGenerator(environment, sessionOptions, session, model, latentSize,
                    inputs.get(0).name(), inputs.get(1).name(), output);
        } catch (OrtException e) {
            sessionOptions.close();
            throw new BadModelFileException(model.description() + " is not a valid ONNX model (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Refuses a card whose latent size differs from the one the graph declares, when it declares one: the mismatch
     * would otherwise surface only when the generator first runs, as ONNX Runtime's message.
     */
    private static void requireDeclaredLatentSize(OrtSession session, String latentName, int latentSize,
                                                  LoadedModel model, ModelCard card) throws OrtException {
        ai.onnxruntime.NodeInfo info = session.getInputInfo().get(latentName);
        if (info == null || !(info.getInfo() instanceof ai.onnxruntime.TensorInfo tensor)) {
            return;
        }
        long[] shape = tensor.getShape();
        long declared = shape.length == 2 ? shape[1] : -1;
        if (declared > 0 && declared != latentSize) {
            session.close();
            throw new BadModelFileException(model.description() + ": the card's " + card.entryFor(true, 0,
                    TensorSpec.SHAPE) + " is " + latentSize + " but the graph's input '" + latentName + "' takes "
                    + declared + " values; correct the card (or export the model again)");
        }
    }

    @Override
    protected float[] run(float[] latents, float[] oneHot, int count) {
        try (OnnxTensor z = OnnxTensor.createTensor(environment, FloatBuffer.wrap(latents), new long[]{count, latentSize()});
             OnnxTensor labels = OnnxTensor.createTensor(environment, FloatBuffer.wrap(oneHot), new long[]{count, 10});
             OrtSession.Result result = session.run(Map.of(latentName, z, labelName, labels), Set.of(outputName))) {
            FloatBuffer pictures = ((OnnxTensor) result.get(0)).getFloatBuffer();
            if (pictures.remaining() != count * PIXELS) {
                throw new BadModelFileException(what + " gave " + pictures.remaining() + " values for " + count
                        + " pictures; a generator gives 28x28 per picture");
            }
            float[] values = new float[count * PIXELS];
            pictures.get(values);
            return values;
        } catch (OrtException e) {
            throw new DigitsException("ONNX Runtime failed to run " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void release() {
        OnnxBackend.close(session, sessionOptions, what);
    }
}
