package dev.digits.onnx;

import dev.digits.Digits;

import ai.onnxruntime.OrtEnvironment;
import dev.digits.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ONNX Runtime's native libraries unpacked between runs. Left alone, ONNX Runtime inflates its 24 MB
 * library from its jar into a new temporary folder on every start (about 0.15 s of a 1 s command) and deletes it
 * at exit. Instead, the libraries are unpacked once into {@code DATA/native/onnxruntime-PLATFORM-CRC/} (the data
 * folder of {@link Mnist#defaultDataRoot()}, {@code ~/.cache/digits} by default; CRC names the jar's library, so
 * another ONNX Runtime gets another folder) and ONNX Runtime is pointed there with its own
 * {@code onnxruntime.native.path} property. Before every use each cached library is checked against the jar's
 * entry (size and CRC-32); a file that differs is unpacked again.
 *
 * <p>Nothing is done when the host already chose where ONNX Runtime's libraries come from (any
 * {@code onnxruntime.native.*} property), when {@value #PROPERTY} is {@code false}, or when the libraries are not
 * in a jar (e.g. a GPU build laid out differently): ONNX Runtime then unpacks them as it always does.
 */
final class NativeLibraryCache {
    /** System property; {@code false} lets ONNX Runtime unpack its libraries into a temporary folder each run. */
    static final String PROPERTY = "digits.onnx.native-cache";
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryCache.class);
    private static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";

    private NativeLibraryCache() {
    }

    /** Points ONNX Runtime at the cached libraries, unpacking them first when needed; call before it loads. */
    static void use() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))
                || System.getProperties().stringPropertyNames().stream().anyMatch(k -> k.startsWith("onnxruntime.native."))) {
            return;
        }
        try {
            Path folder = prepare(Digits.dataFolder().resolve("native"));
            if (folder != null) {
                System.setProperty(ORT_PATH_PROPERTY, folder.toString());
                LOG.debug("ONNX Runtime's native libraries from {}", folder);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("ONNX Runtime unpacks its own native libraries: the cache is not usable ({})", e.toString());
        }
    }

    /**
     * Makes sure the libraries of this platform are unpacked, unchanged, under {@code root}.
     *
     * @return their folder, or null when the jar has none for this platform
     */
    static Path prepare(Path root) throws IOException {
        String platform = platform();
        List<String> files = libraryFiles();
        Path folder = null;
        for (String file : files) {
            URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + file);
            if (resource == null) {
                return null;
            }
            URLConnection connection = resource.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            ZipEntry entry = jar.getJarEntry();
            if (entry.getSize() < 0 || entry.getCrc() < 0) {
                return null;
            }
            if (folder == null) {
                folder = root.resolve(String.format(Locale.ROOT, "onnxruntime-%s-%08x", platform, entry.getCrc()));
            }
            Path cached = folder.resolve(file);
            if (!sameContent(cached, entry.getSize(), entry.getCrc())) {
                Files.createDirectories(folder);
                try (InputStream in = resource.openStream()) {
                    AtomicFiles.write(cached, temporary -> Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING));
                }
                LOG.debug("Unpacked {} into {}", file, folder);
            }
        }
        return folder;
    }

    private static boolean sameContent(Path file, long size, long crc) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != size) {
            return false;
        }
        CRC32 checksum = new CRC32();
        try (CheckedInputStream in = new CheckedInputStream(Files.newInputStream(file), checksum)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return checksum.getValue() == crc;
    }

    /** ONNX Runtime's name for this machine's platform, as its jar's folders are named. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : arch;
        String system = os.contains("mac") ? "osx" : os.contains("win") ? "win" : "linux";
        return system + "-" + cpu;
    }

    /** The file names of ONNX Runtime's library and its JNI library on this platform. */
    private static List<String> libraryFiles() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("onnxruntime.dll", "onnxruntime4j_jni.dll");
        }
        String suffix = os.contains("mac") ? ".dylib" : ".so";
        return List.of("libonnxruntime" + suffix, "libonnxruntime4j_jni" + suffix);
    }
}
