package dev.digits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import picocli.CommandLine;

/**
 * The build step {@code src/build/StackMapClasses.java} on a copy of the picocli jar the CLI is built with: every
 * class file becomes a Java 8 one (which a class-data-sharing archive can hold), and every class still passes the
 * JVM's verifier and works.
 */
class StackMapClassesTest {
    @TempDir
    Path folder;

    @Test
    void picocliBecomesJava8ClassFilesThatVerifyAndRun() throws Exception {
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path asm = Path.of(ClassReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(picocli, folder.resolve("picocli.jar"));
        assertTrue(versions(jar).stream().anyMatch(v -> v < 50), "picocli's own class files are older than Java 6");

        Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                asm.toString(), Path.of("src", "build", "StackMapClasses.java").toString(), jar.toString(), "picocli")
                .redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tool.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, tool.exitValue(), output);

        List<Integer> after = versions(jar);
        assertTrue(after.size() > 100 && after.stream().allMatch(v -> v == 52), "every class file is Java 8: " + after);
        // Initialising a class links it, and linking verifies it: a wrong stack map fails here.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String name : classNames(jar)) {
                Class.forName(name, true, loader);
            }
            Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
            assertEquals(loader, commandLine.getClassLoader());
        }
        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xverify:all", "-cp", jar + File.pathSeparator + asm, "picocli.AutoComplete", "--help")
                .redirectErrorStream(true).start();
        String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertTrue(usage.contains("Usage: picocli.AutoComplete"), usage);
    }

    private static List<Integer> versions(Path jar) throws Exception {
        try (FileSystem zip = FileSystems.newFileSystem(jar); Stream<Path> files = Files.walk(zip.getPath("/picocli"))) {
            return files.filter(p -> p.toString().endsWith(".class")).map(p -> {
                try {
                    byte[] b = Files.readAllBytes(p);
                    return (b[6] & 0xff) << 8 | (b[7] & 0xff);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static List<String> classNames(Path jar) throws Exception {
        try (FileSystem zip = FileSystems.newFileSystem(jar); Stream<Path> files = Files.walk(zip.getPath("/picocli"))) {
            return files.map(Path::toString).filter(p -> p.endsWith(".class"))
                    .map(p -> p.substring(1, p.length() - ".class".length()).replace('/', '.')).toList();
        }
    }
}
