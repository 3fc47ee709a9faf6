package dev.observatory.server.otlp;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.core.trace.TraceSettings;
import dev.observatory.core.trace.Traces;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.server.http.ApiKeyAuth;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real HTTP server on a free port with the OTLP receiver over the real trace service and an in-memory store. */
final class OtlpTestServer implements AutoCloseable {
    /** The fixed timestamps of the tests (2018, 2023) must outlive the default 30-day retention. */
    static final TraceSettings KEEP_FOREVER = TraceSettings.of(null, null, 0);
    final InMemoryStorage store = new InMemoryStorage();
    final Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
    final Tracking tracking;
    final Traces traces;
    final Meters meters = new Meters();
    final ApiKeyAuth auth;
    final HttpServer server;
    final HttpClient http = HttpClient.newHttpClient();

    /** An HTTP answer with the raw body. */
    record Answer(int status, byte[] body, HttpHeaders headers) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /**
     * @param wrap
     *            wraps the ingest into the trace service (tests that block or observe it); identity otherwise
     */
    OtlpTestServer(OtlpSettings settings, List<String> apiKeys, UnaryOperator<SpanIngest> wrap) {
        this(settings, apiKeys, wrap, false);
    }

    OtlpTestServer(OtlpSettings settings, List<String> apiKeys, UnaryOperator<SpanIngest> wrap, boolean readOnly) {
        tracking = new Tracking(store, Clock.systemUTC(), readOnly, auditor);
        traces = new Traces(tracking, KEEP_FOREVER);
        auth = new ApiKeyAuth(store.keys(), apiKeys);
        HttpServer.Builder b = HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).meters(meters).auth(auth).version("test").stopTimeout(Duration.ZERO);
        OtlpReceiver.mountOn(b, wrap.apply(OtlpReceiver.ingestInto(traces)), settings, meters);
        server = b.build();
        server.start();
    }

    static OtlpTestServer start() {
        return new OtlpTestServer(OtlpSettings.defaults(), List.of(), i -> i);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    Answer post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            r.headers(headers);
        }
        return send(r.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stored spans of a trace. */
    List<Span> trace(String traceId) {
        return store.traces().trace(traceId).stream().map(TracedSpan::span).toList();
    }

    @Override
    public void close() {
        server.stop();
        auditor.close();
        store.close();
    }
}
