package dev.observatory.core.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** HTTPS (and anything the socket transport does not do) through the JDK HttpClient, HTTP/1.1, one per level. */
final class JdkTransport implements Transport {
    private final HttpClient client;
    private final URI uri;
    private final String method;
    private final List<byte[]> bodies;
    private final Duration timeout;

    JdkTransport(HttpClient client, EndpointGuard.Target target, String method, List<byte[]> bodies, Duration timeout) {
        this.client = client;
        this.uri = URI.create(target.url());
        this.method = method;
        this.bodies = bodies;
        this.timeout = timeout;
    }

    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Answer send(int payload) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        HttpRequest r = method.equals("GET") ? b.GET().build()
                : b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(bodies.get(payload % bodies.size())))
                        .build();
        try {
            HttpResponse<byte[]> a = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(a.statusCode(), a.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        // the client is shared by the level's workers
    }
}
