package dev.digits.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, item 7: two trainings on one output folder deleted each other's temporary files; the first then failed
 * with a misleading "check that the folder is writable". The folder lock refuses the second, naming the first.
 */
class FolderLockTest {
    @TempDir
    Path folder;

    /** Holds a folder in a child JVM until its standard input closes: a second process, as two trainings are. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (FolderLock lock = FolderLock.acquire(Paths.get(args[0]), "the holder in a child JVM")) {
                System.out.println("held");
                System.out.flush();
                System.in.read();
            }
        }
    }

    @Test
    void aSecondProcessIsRefusedWithTheFirstNamedAndMayHoldItOnceTheFirstEnds() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                folder.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", out.readLine());
            FolderLock.InUseException e = assertThrows(FolderLock.InUseException.class,
                    () -> FolderLock.acquire(folder, "the test"));
            assertTrue(e.getMessage().contains("pid " + child.pid()) && e.getMessage().contains("the holder in a child JVM")
                    && e.getMessage().contains("give another folder"), e.getMessage());
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (FolderLock lock = FolderLock.acquire(folder, "the test")) {
            assertTrue(lock != null, "free once the holder ended");
        }
    }

    @Test
    void aSecondHolderInTheSameProcessIsRefusedToo() throws Exception {
        try (FolderLock first = FolderLock.acquire(folder, "first")) {
            FolderLock.InUseException e = assertThrows(FolderLock.InUseException.class,
                    () -> FolderLock.acquire(folder, "second"));
            assertTrue(e.getMessage().contains("first"), e.getMessage());
        }
        FolderLock.acquire(folder, "again").close();
    }
}
