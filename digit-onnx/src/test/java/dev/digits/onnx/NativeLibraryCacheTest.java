package dev.digits.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's libraries are unpacked once, reused while unchanged, and unpacked again when damaged. */
class NativeLibraryCacheTest {
    @TempDir
    Path root;

    @Test
    void librariesAreUnpackedOnceAndReplacedWhenTheyDiffer() throws Exception {
        Path folder = NativeLibraryCache.prepare(root);
        assertNotNull(folder, "ONNX Runtime's jar has libraries for " + NativeLibraryCache.platform());
        List<Path> libraries;
        try (Stream<Path> files = Files.list(folder)) {
            libraries = files.sorted().toList();
        }
        assertEquals(2, libraries.size(), "the library and its JNI library: " + libraries);
        Path main = libraries.stream().filter(p -> !p.getFileName().toString().contains("4j_jni")).findFirst().orElseThrow();
        byte[] original;
        try (InputStream in = OrtEnvironment.class.getResourceAsStream(
                "/ai/onnxruntime/native/" + NativeLibraryCache.platform() + "/" + main.getFileName())) {
            original = in.readAllBytes();
        }
        assertArrayEquals(original, Files.readAllBytes(main), "unpacked as in the jar");

        FileTime unpacked = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(main, unpacked);
        assertEquals(folder, NativeLibraryCache.prepare(root));
        assertEquals(unpacked, Files.getLastModifiedTime(main), "an unchanged library is not unpacked again");

        byte[] damaged = original.clone();
        damaged[damaged.length / 2] ^= 1;
        Files.write(main, damaged);
        NativeLibraryCache.prepare(root);
        assertArrayEquals(original, Files.readAllBytes(main), "a library that differs from the jar's is replaced");
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
