package dev.digits.dl4j.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs an ONNX model in ONNX Runtime on ND4J arrays, for the exporter's round-trip tests (and the GAN trainer's). */
public final class OnnxRuntimeRunner {
    private OnnxRuntimeRunner() {
    }

    /** Runs {@code model} on named inputs; returns the outputs in the model's order. */
    public static List<INDArray> run(byte[] model, Map<String, INDArray> inputs) throws OrtException {
        // ONNX Runtime prints warnings straight to the console (e.g. on the shape of an output a test leaves open);
        // the Digits backend keeps it to errors, and so do these tests.
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, INDArray> input : inputs.entrySet()) {
                    INDArray array = input.getValue().castTo(DataType.FLOAT).dup('c');
                    float[] data = array.reshape(new long[]{array.length()}).toFloatVector();
                    tensors.put(input.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(data), array.shape()));
                }
                try (OrtSession.Result result = session.run(tensors)) {
                    List<INDArray> outputs = new ArrayList<>();
                    for (int i = 0; i < result.size(); i++) {
                        OnnxTensor tensor = (OnnxTensor) result.get(i);
                        FloatBuffer buffer = tensor.getFloatBuffer();
                        float[] values = new float[buffer.remaining()];
                        buffer.get(values);
                        outputs.add(Nd4j.create(values, tensor.getInfo().getShape(), 'c'));
                    }
                    return outputs;
                }
            } finally {
                for (OnnxTensor tensor : tensors.values()) {
                    tensor.close();
                }
            }
        }
    }

    /** Runs a single-input model; returns its first output. */
    static INDArray run(byte[] model, String inputName, INDArray input) throws OrtException {
        return run(model, Map.of(inputName, input)).get(0);
    }
}
