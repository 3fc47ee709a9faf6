package dev.observatory.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 client for one Observatory server on this machine. Refuses any address that is not loopback, so a
 * load tool can never be pointed at someone else's server by mistake.
 */
final class LoopbackHttp {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private final URI base;
    private final HttpClient client;

    LoopbackHttp(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        requireLoopback(base);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static void requireLoopback(URI uri) {
        try {
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null
                    || !InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(
                        "--url must be http:// on a loopback address (127.0.0.1 or" + " localhost), got " + uri);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve the host of " + uri + ": " + e.getMessage());
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpClient client() {
        return client;
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a run through {@code POST /api/v1/runs} and returns its id. */
    String createRun(String project, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = postJson("/api/v1/runs",
                "{\"project\":\"" + project + "\",\"name\":\"" + name + "\"}");
        if (r.statusCode() / 100 != 2) {
            throw new IOException("creating run " + name + " answered " + r.statusCode() + ": " + r.body());
        }
        return firstId(r.body());
    }

    static String firstId(String json) throws IOException {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IOException("no \"id\" in the answer: " + json);
        }
        return m.group(1);
    }
}
