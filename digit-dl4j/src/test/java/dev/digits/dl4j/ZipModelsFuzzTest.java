package dev.digits.dl4j;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.digits.DigitsException;
import dev.digits.ModelSource;
import dev.digits.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Issue 23, item 9: DL4J zip models with their cards beside: the bundled classifier's entries rewritten with
 * entries changed, cut, repeated or added by the input (a card beside with the true checksum, so that the loader
 * goes on to the format's inflation bound and DL4J), or made-up bytes after a zip's first bytes. Only a
 * {@link DigitsException} may come out. Seeds run in the normal suite (resources
 * {@code ZipModelsFuzzTestInputs/zipModels/}); fuzz with {@code JAZZER_FUZZ=1}.
 */
class ZipModelsFuzzTest {
    private static final byte[] CLASSIFIER = bundled("classifier.zip");
    private static final String CARD = new String(bundled("classifier.zip.properties"), StandardCharsets.UTF_8);
    private static final Path FOLDER = folder();

    private static byte[] bundled(String name) {
        try (InputStream in = Dl4jModels.class.getResourceAsStream(Dl4jModels.BUNDLED_FOLDER + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("digits-zips");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled zip, each entry kept, cut, changed or dropped as the input says, and perhaps one more added. */
    private static byte[] rewritten(FuzzedDataProvider data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(CLASSIFIER));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                switch (data.consumeInt(0, 3)) {
                    case 0 -> { }
                    case 1 -> bytes = java.util.Arrays.copyOf(bytes, data.consumeInt(0, bytes.length));
                    case 2 -> {
                        for (int i = data.consumeInt(0, 4); i > 0 && bytes.length > 0; i--) {
                            bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
                        }
                    }
                    default -> {
                        continue;
                    }
                }
                names.add(entry.getName());
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
            String extra = data.pickValue(new String[]{"configuration.json", "coefficients.bin", "updaterState.bin",
                    "normalizer.bin", "noise"});
            // Java's zip writer refuses a second entry of one name (the first fuzzing run found that in this harness).
            if (data.consumeBoolean() && names.add(extra)) {
                zip.putNextEntry(new ZipEntry(extra));
                zip.write(data.consumeBytes(2048));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @FuzzTest(maxDuration = "60s")
    void zipModels(FuzzedDataProvider data) throws IOException {
        byte[] model = data.consumeBoolean() ? rewritten(data) : concat(new byte[]{'P', 'K', 3, 4},
                data.consumeBytes(4096));
        Path file = FOLDER.resolve("model.zip");
        Files.write(file, model);
        String card = CARD.replaceAll("(?m)^model\\.sha256=.*$", "") + "model.sha256=" + Sha256.hex(model) + "\n";
        Files.writeString(FOLDER.resolve("model.zip.properties"), card, StandardCharsets.UTF_8);
        try {
            dev.digits.Digits.classifier(ModelSource.file(file), Dl4jBackend.NAME).close();
        } catch (DigitsException expected) {
            // Refused with a message.
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
