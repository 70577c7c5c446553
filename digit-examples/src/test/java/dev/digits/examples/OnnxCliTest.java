package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.CardFiles;
import dev.digits.ModelCard;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.data.DigitDataset;
import dev.digits.data.Mnist;
import dev.digits.dl4j.ClassifierEnsemble;
import dev.digits.dl4j.Dl4jModels;
import dev.digits.dl4j.export.OnnxExporter;
import dev.digits.io.Sha256;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.protobuf.ByteString;

/**
 * The ONNX side of the {@code digits} command: backend choice, {@code export-onnx}, {@code evaluate --backend
 * onnx}, and {@code predict --model FILE.onnx} on third-party models of other conventions, which this test
 * makes by exporting the bundled DL4J classifier and wrapping its graph (NHWC, flat, 0..255, dark ink,
 * mean/std, -1..1, logits, fixed batch) with nodes that undo each convention.
 */
class OnnxCliTest {
    private static final Path SAMPLES = Paths.get("..", "samples");
    private static final List<String> PICTURES = List.of("7_7eraflops_1.png", "4_ericadgjl_1.jpg", "3_parkercai_1.png");

    private static byte[] exported;
    private static Path singleNetwork;

    @TempDir
    Path folder;

    @BeforeAll
    static void export() throws Exception {
        // A third party's classifier is one network ending in a softmax: the bundled classifier's network that says
        // "not a digit" (ten digits, then "not a digit"), also kept as a DL4J model to compare with.
        Dl4jModels.Dl4jGraph bundled = Dl4jModels.loadGraph(ModelSource.CLASSIFIER);
        MultiLayerNetwork network = ClassifierEnsemble.memberNetworks(bundled.graph()).get(1);
        exported = OnnxExporter.export(network, InputType.convolutional(28, 28, 1));
        singleNetwork = Files.createTempDirectory("single-network").resolve("classifier.zip");
        Dl4jModels.save(network, singleNetwork, bundled.card(), false);
    }


    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    // ---------------------------------------------------------------- backend choice

    @Test
    void onnxIsPreferredWhenBothBackendsArePresent() throws Exception {
        CommandRun run = run("backends", "--json");
        assertEquals(0, run.status(), run.err());
        List<JsonNode> backends = run.jsonLines();
        assertEquals(2, backends.size(), "one JSON object per line, one line per backend");
        assertEquals("onnx", backends.get(0).get("name").asText());
        assertEquals(20, backends.get(0).get("priority").asInt());
        assertTrue(backends.get(0).get("available").asBoolean());
        assertEquals("dev.digits:digit-onnx", backends.get(0).get("artifact").asText());
        assertEquals("dl4j", backends.get(1).get("name").asText());
        try (DigitClassifier classifier = Digits.classifier()) {
            assertEquals("onnx", classifier.backendName());
        }
        try {
            System.setProperty(Digits.BACKEND_PROPERTY, "dl4j");
            try (DigitClassifier classifier = Digits.classifier()) {
                assertEquals("dl4j", classifier.backendName(), "digits.backend overrides the priority");
            }
        } finally {
            System.clearProperty(Digits.BACKEND_PROPERTY);
        }
    }

    @Test
    void evaluateOnTheOnnxBackendReachesTheBarOnMnist() throws Exception {
        CommandRun run = run("evaluate", "--backend", "onnx", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals("onnx", result.get("backend").asText());
        assertEquals(10_000, result.get("count").asInt());
        assertTrue(result.get("accuracy").asDouble() >= 0.995, result.get("accuracy").asText());
    }

    @Test
    void predictGivesTheSameAnswersOnBothBackends() throws Exception {
        List<String> args = new ArrayList<>(List.of("predict", "--json"));
        PICTURES.forEach(p -> args.add(SAMPLES.resolve(p).toString()));
        CommandRun onnx = run(concat(args, "--backend", "onnx"));
        CommandRun dl4j = run(concat(args, "--backend", "dl4j"));
        assertEquals(0, onnx.status(), onnx.err());
        assertEquals(0, dl4j.status(), dl4j.err());
        assertSameAnswers(dl4j.jsonLines(), onnx.jsonLines(), "predict on both backends");
    }

    // ---------------------------------------------------------------- export-onnx

    @Test
    void exportOnnxReproducesTheBundledModelAndChecksItAgainstDl4j() throws Exception {
        Path out = folder.resolve("exported/classifier.onnx");
        CommandRun run = run("export-onnx", "--out", out.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode result = run.json();
        assertEquals(out.toAbsolutePath().toString(), result.get("model").asText());
        assertEquals(CardFiles.cardPathFor(out).toAbsolutePath().toString(), result.get("card").asText());
        assertEquals(Sha256.hex(out), result.get("sha256").asText());
        assertEquals(10_000, result.get("images").asInt());
        assertEquals(1.0, result.get("argmaxAgreement").asDouble());
        assertTrue(result.get("maxProbabilityDifference").asDouble() <= 1e-5, result.toString());
        assertTrue(result.get("agrees").asBoolean());
        try (InputStream bundled = getClass().getResourceAsStream("/dev/digits/onnx/models/classifier.onnx")) {
            assertEquals(Sha256.hex(bundled), Sha256.hex(out), "the bundled classifier.onnx is what export-onnx writes");
        }
        ModelCard card = CardFiles.read(CardFiles.cardPathFor(out));
        assertEquals("onnx", card.require(ModelCard.FORMAT));
        assertEquals("10000", card.require("onnx.parity.images"));
        CommandRun predict = run("predict", "--model", out.toString(), "--json", SAMPLES.resolve(PICTURES.get(0)).toString());
        assertEquals(0, predict.status(), predict.err());
        assertEquals(7, predict.json().get("digit").asInt());
    }

    @Test
    void aDl4jModelAndItsOnnxExportShareAFolderWithTwoCardsAndOutIsNeeded() throws Exception {
        Path zip = folder.resolve("classifier.zip");
        Dl4jModels.Dl4jGraph model = Dl4jModels.loadGraph(ModelSource.CLASSIFIER);
        Dl4jModels.save(model.graph(), zip, model.card());
        String card = Files.readString(CardFiles.cardPathFor(zip));
        CommandRun run = run("export-onnx", "--model", zip.toString(), "--out", folder.resolve("classifier.onnx").toString(),
                "--no-verify");
        assertEquals(0, run.status(), run.err());
        assertEquals(card, Files.readString(CardFiles.cardPathFor(zip)), "the DL4J card is untouched");
        assertEquals("onnx", CardFiles.read(folder.resolve("classifier.onnx.properties")).require(ModelCard.FORMAT));
        assertEquals(2, run("export-onnx").status(), "--out is required");
        CommandRun zipAsOnnx = run("export-onnx", "--model", zip.toString(), "--out", folder.resolve("x.zip").toString());
        assertEquals(2, zipAsOnnx.status(), zipAsOnnx.err());
    }

    @Test
    void modelFilesGoToTheBackendTheirFormatNeeds() throws Exception {
        Path zip = folder.resolve("dl4j/classifier.zip");
        Dl4jModels.Dl4jGraph model = Dl4jModels.loadGraph(ModelSource.CLASSIFIER);
        Dl4jModels.save(model.graph(), zip, model.card());
        CommandRun dl4j = run("evaluate", "--model", zip.toString(), "--images", SAMPLES.toString(), "--json");
        assertEquals(0, dl4j.status(), dl4j.err());
        assertEquals("dl4j", dl4j.json().get("backend").asText(), "a .zip model runs on dl4j without --backend");

        Path onnx = folder.resolve("onnx/classifier.onnx");
        OnnxExporter.write(ModelSource.file(zip), onnx);
        CommandRun onnxRun = run("evaluate", "--model", onnx.toString(), "--images", SAMPLES.toString(), "--json");
        assertEquals(0, onnxRun.status(), onnxRun.err());
        assertEquals("onnx", onnxRun.json().get("backend").asText());

        CommandRun wrong = run("predict", "--backend", "onnx", "--model", zip.toString(), SAMPLES.resolve(PICTURES.get(0)).toString());
        assertEquals(1, wrong.status());
        assertTrue(wrong.err().contains("use backend dl4j"), wrong.err());
        assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
    }

    @Test
    void aCorruptOnnxFileIsAOneLineError() throws Exception {
        Path file = folder.resolve("broken.onnx");
        byte[] truncated = java.util.Arrays.copyOf(exported, exported.length / 3);
        Files.write(file, truncated);
        CardFiles.write(ModelCard.builder().put(ModelCard.MODEL_SHA256, Sha256.hex(truncated)).build(), CardFiles.cardPathFor(file));
        CommandRun run = run("predict", "--model", file.toString(), SAMPLES.resolve(PICTURES.get(0)).toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("is not a valid ONNX model"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    // ---------------------------------------------------------------- third-party conventions

    @Test
    void nhwcDarkInkOn0To255WithLogitsAndOwnNames() throws Exception {
        // The model wants x = 255 · (1 - v) in [batch, 28, 28, 1] and gives logits called "scores".
        byte[] model = wrap("image", new long[]{-1, 28, 28, 1}, false, "scores", g -> {
            constant(g, "k255", 255f);
            constant(g, "one", 1f);
            g.addNode(node("Transpose", List.of("image"), "nchw").addAttribute(ints("perm", 0, 3, 1, 2)));
            g.addNode(node("Div", List.of("nchw", "k255"), "scaled"));
            g.addNode(node("Sub", List.of("one", "scaled"), OnnxExporter.INPUT_NAME));
        });
        ModelCard card = ModelCard.builder().put(ModelCard.NAME, "third-party-nhwc")
                .put("input.name", "image").put(ModelCard.FirstVersion.INPUT_LAYOUT, "NHWC").put(ModelCard.FirstVersion.INPUT_SHAPE, "28x28x1")
                .put(ModelCard.FirstVersion.INPUT_RANGE, "0..255").put(ModelCard.FirstVersion.INPUT_INK, "dark-on-light")
                .put("output.name", "scores").put("output", "logits").put(ModelCard.MODEL_SHA256, Sha256.hex(model)).build();
        assertBehavesLikeTheBundledClassifier(model, card, "nhwc");
    }

    @Test
    void flatInputWithMeanAndStdNormalisation() throws Exception {
        // The model wants x = (v - 0.1307) / 0.3081 as [batch, 784] and gives probabilities.
        byte[] model = wrap("x", new long[]{-1, 784}, true, OnnxExporter.OUTPUT_NAME, g -> {
            constant(g, "std", 0.3081f);
            constant(g, "mean", 0.1307f);
            g.addInitializer(Onnx.TensorProto.newBuilder().setName("shape").setDataType(Onnx.TensorProto.DataType.INT64.getNumber())
                    .addDims(4).setRawData(longs(-1, 1, 28, 28)));
            g.addNode(node("Mul", List.of("x", "std"), "scaled"));
            g.addNode(node("Add", List.of("scaled", "mean"), "pixels"));
            g.addNode(node("Reshape", List.of("pixels", "shape"), OnnxExporter.INPUT_NAME));
        });
        ModelCard card = ModelCard.builder().put(ModelCard.FirstVersion.INPUT_LAYOUT, "FLAT").put(ModelCard.FirstVersion.INPUT_SHAPE, "784")
                .put("input.mean", "0.1307").put("input.std", "0.3081").put(ModelCard.MODEL_SHA256, Sha256.hex(model)).build();
        assertBehavesLikeTheBundledClassifier(model, card, "flat");
    }

    @Test
    void minusOneToOneWithAFixedBatchOfOne() throws Exception {
        // The model wants x = 2v - 1 as [1, 1, 28, 28].
        byte[] model = wrap("x", new long[]{1, 1, 28, 28}, true, OnnxExporter.OUTPUT_NAME, g -> {
            constant(g, "one", 1f);
            constant(g, "two", 2f);
            g.addNode(node("Add", List.of("x", "one"), "shifted"));
            g.addNode(node("Div", List.of("shifted", "two"), OnnxExporter.INPUT_NAME));
        });
        ModelCard card = ModelCard.builder().put(ModelCard.FirstVersion.INPUT_RANGE, "-1..1").put(ModelCard.MODEL_SHA256, Sha256.hex(model)).build();
        assertBehavesLikeTheBundledClassifier(model, card, "fixed");
    }

    @Test
    void aCardThatDoesNotMatchTheModelIsAOneLineError() throws Exception {
        byte[] model = wrap("image", new long[]{-1, 28, 28, 1}, true, OnnxExporter.OUTPUT_NAME, g ->
                g.addNode(node("Transpose", List.of("image"), OnnxExporter.INPUT_NAME).addAttribute(ints("perm", 0, 3, 1, 2))));
        Path file = folder.resolve("mismatch.onnx");
        Files.write(file, model);
        CardFiles.write(ModelCard.builder().put(ModelCard.FirstVersion.INPUT_LAYOUT, "NCHW").put(ModelCard.MODEL_SHA256, Sha256.hex(model)).build()
                , CardFiles.cardPathFor(file));
        CommandRun run = run("predict", "--model", file.toString(), SAMPLES.resolve(PICTURES.get(0)).toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("input.layout"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    /**
     * The third-party model, through {@code predict --model} and through {@link Digits}, answers like the network
     * it was made from on DL4J: on the sample pictures and on 500 MNIST test images.
     */
    private void assertBehavesLikeTheBundledClassifier(byte[] model, ModelCard card, String name) throws Exception {
        Path file = folder.resolve(name + "/model.onnx");
        Files.createDirectories(file.getParent());
        Files.write(file, model);
        // The same network as the DL4J model, so the same calibration: a third-party card may carry one too.
        // Its outputs are the bundled one's too (ten digits, then "not a digit"), and so are the verdict thresholds.
        ModelCard bundledCard;
        try (dev.digits.DigitClassifier bundled = Digits.classifier(ModelSource.file(singleNetwork), "dl4j")) {
            bundledCard = bundled.card();
        }
        ModelCard.Builder thirdPartyCard = card.toBuilder();
        for (String key : List.of(ModelCard.CALIBRATION_TEMPERATURE, ModelCard.LABELS, ModelCard.VERDICT_NOT_DIGIT_AT,
                ModelCard.VERDICT_UNSURE_BELOW)) {
            thirdPartyCard.put(key, bundledCard.require(key));
        }
        CardFiles.write(thirdPartyCard.build(), CardFiles.cardPathFor(file));

        List<String> args = new ArrayList<>(List.of("predict", "--json"));
        PICTURES.forEach(p -> args.add(SAMPLES.resolve(p).toString()));
        CommandRun dl4j = run(concat(args, "--model", singleNetwork.toString()));
        CommandRun onnx = run(concat(args, "--model", file.toString()));
        assertEquals(0, onnx.status(), onnx.err());
        assertSameAnswers(dl4j.jsonLines(), onnx.jsonLines(), name);

        DigitDataset test = Mnist.fromDataFolder().test();
        List<DigitImage> images = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            images.add(test.image(i));
        }
        try (DigitClassifier reference = Digits.classifier(ModelSource.file(singleNetwork), "dl4j");
             DigitClassifier thirdParty = Digits.classifier(ModelSource.file(file))) {
            assertEquals("onnx", thirdParty.backendName());
            List<Prediction> want = reference.classify(images);
            List<Prediction> got = thirdParty.classify(images);
            for (int i = 0; i < images.size(); i++) {
                assertEquals(want.get(i).digit(), got.get(i).digit(), name + " image " + i);
                for (int d = 0; d < 10; d++) {
                    assertEquals(want.get(i).probability(d), got.get(i).probability(d), 1e-5, name + " image " + i);
                }
            }
        }
    }

    // ---------------------------------------------------------------- graph surgery with nd4j's ONNX classes

    /**
     * The exported classifier behind a new input: {@code prefix} adds the nodes that turn {@code inputName}
     * into the original input; the softmax is dropped when {@code probabilities} is false.
     */
    private static byte[] wrap(String inputName, long[] inputDims, boolean probabilities, String outputName,
                               Consumer<Onnx.GraphProto.Builder> prefix) throws Exception {
        Onnx.ModelProto original = Onnx.ModelProto.parseFrom(exported);
        Onnx.GraphProto.Builder graph = original.getGraph().toBuilder().clearNode().clearInput().clearOutput();
        graph.addInput(valueInfo(inputName, inputDims));
        prefix.accept(graph);
        boolean batchOfOne = inputDims[0] == 1;
        for (Onnx.NodeProto node : original.getGraph().getNodeList()) {
            Onnx.NodeProto.Builder copy = node.toBuilder();
            if (node.getOutputList().contains(OnnxExporter.OUTPUT_NAME)) {
                assertEquals("Softmax", node.getOpType());
                if (!probabilities) {
                    copy.setOpType("Identity").clearAttribute();
                }
                copy.setOutput(0, outputName);
            }
            graph.addNode(copy);
        }
        long outputs = original.getGraph().getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue();
        graph.addOutput(valueInfo(outputName, new long[]{batchOfOne ? 1 : -1, outputs}));
        return original.toBuilder().setGraph(graph).build().toByteArray();
    }

    private static Onnx.NodeProto.Builder node(String op, List<String> inputs, String output) {
        return Onnx.NodeProto.newBuilder().setOpType(op).setName("pre_" + output).addAllInput(inputs).addOutput(output);
    }

    private static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder attribute = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            attribute.addInts(v);
        }
        return attribute.build();
    }

    private static void constant(Onnx.GraphProto.Builder graph, String name, float value) {
        ByteBuffer raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(Onnx.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(raw.array())));
    }

    private static ByteString longs(long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return ByteString.copyFrom(raw.array());
    }

    private static Onnx.ValueInfoProto valueInfo(String name, long[] dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
    }

    // ---------------------------------------------------------------- helpers

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void assertSameAnswers(List<JsonNode> want, List<JsonNode> got, String what) {
        assertEquals(want.size(), got.size(), what);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).get("file").asText(), got.get(i).get("file").asText(), what);
            assertEquals(want.get(i).get("digit"), got.get(i).get("digit"), what + " " + want.get(i).get("file"));
            for (int d = 0; d < 10; d++) {
                assertEquals(want.get(i).get("probabilities").get(d).asDouble(), got.get(i).get("probabilities").get(d).asDouble(),
                        1e-5, what + " " + want.get(i).get("file") + " digit " + d);
            }
        }
    }
}
