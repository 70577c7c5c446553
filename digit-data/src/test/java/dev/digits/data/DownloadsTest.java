package dev.digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download tells the listener how far it has come, against the size the server gave, and when it ended. */
class DownloadsTest {
    @TempDir
    Path folder;

    @AfterEach
    void dropListener() {
        Downloads.setListener(null);
    }

    @Test
    void aDownloadReportsItsBytesAgainstItsSizeAndItsEnd() throws Exception {
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", exchange -> {
            exchange.sendResponseHeaders(200, content.length);
            try (var body = exchange.getResponseBody()) {
                for (int from = 0; from < content.length; from += 50_000) {
                    body.write(content, from, Math.min(50_000, content.length - from));
                    body.flush();
                }
            }
        });
        server.start();
        List<long[]> progress = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        Downloads.setListener(new Downloads.Listener() {
            @Override
            public void progress(String file, long bytes, long totalBytes) {
                assertEquals("blob.bin", file);
                progress.add(new long[]{bytes, totalBytes});
            }

            @Override
            public void finished(String file) {
                finished.add(file);
            }
        });
        try {
            Path target = folder.resolve("blob.bin");
            HttpMirror.plain("http://127.0.0.1:" + server.getAddress().getPort() + "/data/").fetch("blob.bin", target);
            assertArrayEquals(content, Files.readAllBytes(target));
        } finally {
            server.stop(0);
        }
        assertTrue(progress.size() >= 3, "progress reports: " + progress.size());
        assertEquals(0, progress.get(0)[0], "the first report comes before any byte");
        assertEquals(content.length, progress.get(progress.size() - 1)[0]);
        for (int i = 1; i < progress.size(); i++) {
            assertEquals(content.length, progress.get(i)[1], "the server's size");
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "bytes only grow");
        }
        assertEquals(List.of("blob.bin"), finished);
    }
}
