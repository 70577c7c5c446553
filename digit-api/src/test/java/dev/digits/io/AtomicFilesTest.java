package dev.digits.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, item 1: the rename that makes a write crash-safe must not replace what the path names. Before, a
 * symbolic link became a file (its target untouched), a FIFO was replaced by a file, and a device node could be.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class AtomicFilesTest {
    @TempDir
    Path folder;

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsReplaced() throws IOException {
        Path target = Files.writeString(folder.resolve("target.png"), "old");
        Path link = Files.createSymbolicLink(folder.resolve("link.png"), Paths.get("target.png"));
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(target));
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count(), "nothing left beside them");
        }
    }

    @Test
    void aLinkToALinkAndADanglingLinkLeadToTheEndOfTheChain() throws IOException {
        Path sub = Files.createDirectory(folder.resolve("sub"));
        Path end = sub.resolve("end.json");
        Files.createSymbolicLink(folder.resolve("middle"), Paths.get("sub/end.json"));
        Path first = Files.createSymbolicLink(folder.resolve("first"), Paths.get("middle"));
        AtomicFiles.writeString(first, "made");
        assertEquals("made", Files.readString(end), "a link to nothing: the file is made where it points");
        assertTrue(Files.isSymbolicLink(first) && Files.isSymbolicLink(folder.resolve("middle")));
        AtomicFiles.writeString(first, "again");
        assertEquals("again", Files.readString(end));
    }

    @Test
    void aLoopOfLinksIsRefused() throws IOException {
        Files.createSymbolicLink(folder.resolve("a"), Paths.get("b"));
        Files.createSymbolicLink(folder.resolve("b"), Paths.get("a"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(folder.resolve("a"), "x"));
        assertTrue(Files.isSymbolicLink(folder.resolve("a")), e.getMessage());
    }

    @Test
    void aFifoIsWrittenIntoNotReplaced() throws Exception {
        Path fifo = folder.resolve("out.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        AtomicFiles.writeString(fifo, "through the pipe");
        assertArrayEquals("through the pipe".getBytes(StandardCharsets.UTF_8), read.get(20, TimeUnit.SECONDS));
        assertEquals(0010000, mode(fifo), "still a FIFO");
    }

    /**
     * A character device that a failing write cannot harm: as root (where a rename would replace a node in /dev),
     * a private null device made in the test's folder; otherwise /dev/null, which only root could replace.
     */
    private Path nullDevice() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Paths.get("/dev/null");
        }
        Path node = folder.resolve("null");
        Process mknod = new ProcessBuilder("mknod", node.toString(), "c", "1", "3").redirectErrorStream(true).start();
        Assumptions.assumeTrue(mknod.waitFor(10, TimeUnit.SECONDS) && mknod.exitValue() == 0,
                "running as root without the right to make a device node: /dev/null would be at risk");
        return node;
    }

    @Test
    void aCharacterDeviceIsWrittenIntoNotReplaced() throws Exception {
        Path devNull = nullDevice();
        AtomicFiles.writeString(devNull, "nothing");
        assertEquals(0020000, mode(devNull));
        // Through a link too: /dev/stdout-like, a link to a device.
        Path link = Files.createSymbolicLink(folder.resolve("null.png"), devNull);
        AtomicFiles.writeString(link, "nothing");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aFolderAndASocketAreRefusedWithAMessageAndLeftAlone() throws IOException {
        Path sub = Files.createDirectory(folder.resolve("sub.png"));
        AtomicFiles.RefusedTargetException e = assertThrows(AtomicFiles.RefusedTargetException.class,
                () -> AtomicFiles.writeString(sub, "x"));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(sub));
        Path socket = folder.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            e = assertThrows(AtomicFiles.RefusedTargetException.class, () -> AtomicFiles.writeString(socket, "x"));
            assertTrue(e.getMessage().contains("is a socket") && e.getMessage().contains("name one of those"),
                    e.getMessage());
            assertEquals(0140000, mode(socket), "still a socket");
        }
    }

    @Test
    void aPairFollowsLinksAndRefusesADevice() throws Exception {
        Path realModel = Files.writeString(folder.resolve("real.bin"), "old model");
        Path realCard = Files.writeString(folder.resolve("real.card"), "old card");
        Path model = Files.createSymbolicLink(folder.resolve("model.bin"), realModel.getFileName());
        Path card = Files.createSymbolicLink(folder.resolve("model.card"), realCard.getFileName());
        FilePairs.write(model, temporary -> Files.writeString(temporary, "new model"), card, sha -> "sha=" + sha);
        assertTrue(Files.isSymbolicLink(model) && Files.isSymbolicLink(card));
        assertEquals("new model", Files.readString(realModel));
        assertTrue(Files.readString(realCard).startsWith("sha="));
        Path device = nullDevice();
        IOException e = assertThrows(IOException.class, () -> FilePairs.write(device,
                temporary -> Files.writeString(temporary, "m"), folder.resolve("c"), sha -> sha));
        assertTrue(e.getMessage().contains("character device"), e.getMessage());
    }
}
