import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The least a Java program must do to read a digit with the bundled model: load ONNX Runtime, open
 * classifier.onnx, run one 1×1×28×28 input. run.sh times it against {@code digits predict} on a photo, so the
 * ratio is what Digits adds to a cold start (its own classes, backend discovery, the model's checks, decoding
 * and preprocessing the photo). Compiled by run.sh with javac against the onnxruntime jar alone; no Digits
 * classes, on purpose.
 *
 * <p>Usage: {@code java -cp DIR:onnxruntime.jar BareOnnx classifier.onnx}; prints the most probable class.
 */
public final class BareOnnx {
    private BareOnnx() {
    }

    public static void main(String[] args) throws Exception {
        byte[] model = Files.readAllBytes(Path.of(args[0]));
        float[] pixels = new float[28 * 28];
        for (int y = 8; y < 20; y++) {
            pixels[y * 28 + 14] = 1f; // a vertical bar, so that the answer is not a constant
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = environment.createSession(model, options);
             OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels), new long[]{1, 1, 28, 28});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            float[] scores = ((float[][]) result.get(0).getValue())[0];
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            System.out.println(best);
        }
    }
}
