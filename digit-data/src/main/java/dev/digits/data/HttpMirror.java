package dev.digits.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * A web site that serves data files under a base address: as {@code NAME.gz}, decompressed on arrival (the
 * MNIST mirrors), or as they are (SVHN's site, see {@link #plain(String)}).
 */
public final class HttpMirror implements DataSource {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final String baseUrl;
    private final boolean gzip;

    /** @param baseUrl the folder address, ending in {@code /}, that serves {@code NAME.gz} files */
    public HttpMirror(String baseUrl) {
        this(baseUrl, true);
    }

    private HttpMirror(String baseUrl, boolean gzip) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.gzip = gzip;
    }

    /** A site that serves the files themselves under {@code baseUrl}, uncompressed. */
    public static HttpMirror plain(String baseUrl) {
        return new HttpMirror(baseUrl, false);
    }

    @Override
    public String describe() {
        return baseUrl;
    }

    @Override
    public void fetch(String fileName, Path target) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + fileName + (gzip ? ".gz" : "")))
                .timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + request.uri(), e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + request.uri());
            }
            long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            InputStream counted = Downloads.counting(body, fileName + (gzip ? ".gz" : ""), size);
            try (InputStream in = gzip ? new GZIPInputStream(counted, 1 << 16) : counted) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
