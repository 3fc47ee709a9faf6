package dev.observatory.server.http;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HttpServer on a free port over an in-memory store, with a test clock and an HTTP client. */
final class TestServer implements AutoCloseable {
    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    final MutableClock clock = new MutableClock(START);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking;
    final Meters meters = new Meters();
    final HttpServer server;
    final ApiKeyAuth auth;
    final HttpClient client = HttpClient.newHttpClient();
    private String key;

    /** An HTTP response with its body as text. */
    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String errorCode() {
            return json().path("error").path("code").asString();
        }

        String errorMessage() {
            return json().path("error").path("message").asString();
        }
    }

    TestServer(boolean readOnly, HttpSettings settings, List<String> configuredKeys,
            Consumer<HttpServer.Builder> customize) {
        tracking = new Tracking(store, clock, readOnly, auditor);
        auth = new ApiKeyAuth(store.keys(), configuredKeys);
        HttpServer.Builder b = HttpServer.builder().host("127.0.0.1").port(0).settings(settings).tracking(tracking)
                .meters(meters).auth(auth).version("test").stopTimeout(java.time.Duration.ZERO);
        customize.accept(b);
        server = b.build();
        server.start();
    }

    static TestServer start() {
        return new TestServer(false, HttpSettings.defaults(), List.of(), b -> {
        });
    }

    /** Sends this key as a bearer token from now on (null: none). */
    TestServer withKey(String key) {
        this.key = key;
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response patch(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").method("PATCH",
                HttpRequest.BodyPublishers.ofString(json)));
    }

    Response send(HttpRequest.Builder request) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw bytes over a socket (for requests HttpClient refuses to make) and returns the raw response. */
    String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Creates a project and a run in it; returns the run id. */
    String createRun(String project, String name) {
        Response r = post("/api/v1/runs", "{\"project\":\"" + project + "\",\"name\":\"" + name + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("run creation failed: " + r.status() + " " + r.body());
        }
        return r.json().get("id").asString();
    }

    @Override
    public void close() {
        server.stop();
        auditor.close();
        store.close();
    }
}
