package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ONNX metadata reader on hand-made protobuf bytes (the exporter's real files are tested in digit-dl4j). */
class OnnxMetadataTest {
    @Test
    void readsMetadataPropertiesAndHashesTheGraph() {
        byte[] graph = {10, 3, 'a', 'b', 'c'};
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        model.write(8);                        // ir_version, varint
        model.write(8);
        field(model, 7, graph);                // graph
        field(model, 14, entry("name", "classifier"));
        field(model, 14, entry("task", "digit-classification"));
        OnnxMetadata metadata = OnnxMetadata.read(model.toByteArray()).orElseThrow();
        assertEquals(Map.of("name", "classifier", "task", "digit-classification"), metadata.properties());
        assertEquals(Sha256.hex(graph), metadata.graphSha256());
    }

    @Test
    void bytesThatAreNotAModelGiveNothing() {
        assertTrue(OnnxMetadata.read(new byte[]{(byte) 0xff, (byte) 0xff}).isEmpty());
        assertTrue(OnnxMetadata.read("PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1)).isEmpty());
        assertTrue(OnnxMetadata.read(new byte[0]).isEmpty());
    }

    private static byte[] entry(String key, String value) {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        field(entry, 1, key.getBytes(StandardCharsets.UTF_8));
        field(entry, 2, value.getBytes(StandardCharsets.UTF_8));
        return entry.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        out.write(number << 3 | 2);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }
}
