import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of digit-examples (run by the pom after shading): rewrites the Java 5 class files of the given
 * packages in a jar as Java 8 class files with stack maps, the same code otherwise.
 *
 * <p>Why: picocli is compiled for Java 5. The JVM cannot put classes older than Java 6 in a class-data-sharing
 * archive, so every start of the {@code digits} launcher loaded picocli's classes from the jar and verified them
 * with the old, slow verifier; that was about 60 ms of a 650 ms {@code digits predict}. Rewritten, they are
 * archived like every other class.
 *
 * <p>Usage: {@code java -cp asm.jar StackMapClasses.java JAR PACKAGE...} (PACKAGE as a path: {@code picocli}).
 */
public class StackMapClasses {
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("Usage: StackMapClasses JAR PACKAGE...");
        }
        Path jar = Path.of(args[0]);
        Map<String, byte[]> rewritten = new LinkedHashMap<>();
        // Computing stack maps needs the common superclass of two types, so the jar's classes must be loadable;
        // they are read first and written after the loader is closed.
        try (FileSystem zip = FileSystems.newFileSystem(jar);
             URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String folder : List.of(args).subList(1, args.length)) {
                List<Path> classes;
                try (Stream<Path> files = Files.walk(zip.getPath("/" + folder))) {
                    classes = files.filter(p -> p.toString().endsWith(".class")).toList();
                }
                for (Path file : classes) {
                    byte[] old = Files.readAllBytes(file);
                    if (majorVersion(old) < Opcodes.V1_6) {
                        rewritten.put(file.toString(), withStackMaps(old, loader));
                    }
                }
            }
        }
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            for (Map.Entry<String, byte[]> e : rewritten.entrySet()) {
                Files.write(zip.getPath(e.getKey()), e.getValue());
            }
        }
        System.out.println("StackMapClasses: " + rewritten.size() + " class files of " + args[0] + " rewritten for Java 8");
    }

    private static int majorVersion(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }

    private static byte[] withStackMaps(byte[] classFile, ClassLoader loader) {
        ClassReader reader = new ClassReader(classFile);
        // Not given the reader: a writer made with it copies unchanged methods as they are, without stack maps.
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
