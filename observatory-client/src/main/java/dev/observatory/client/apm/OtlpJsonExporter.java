package dev.observatory.client.apm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends traced calls as OTLP/HTTP JSON ({@code POST <endpoint>/v1/traces}) to Observatory or any OpenTelemetry
 * collector, with the JDK's HTTP client (no extra dependency). Model calls are CLIENT spans named {@code chat <model>}
 * with {@code gen_ai.*} and {@code observatory.*} attributes; timed operations are INTERNAL spans. A non-2xx answer
 * fails the batch (the interceptor counts it).
 */
public final class OtlpJsonExporter implements ApmExporter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final URI uri;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param endpoint
     *            base URL, e.g. {@code http://127.0.0.1:8765} ({@code /v1/traces} is appended unless present)
     * @param apiKey
     *            sent as {@code Authorization: Bearer}; null for none
     */
    public OtlpJsonExporter(String endpoint, String apiKey) {
        String base = endpoint.trim().replaceAll("/+$", "");
        this.uri = URI.create(base.endsWith("/v1/traces") ? base : base + "/v1/traces");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    @Override
    public void export(List<TraceContext> batch) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body(batch))));
        if (apiKey != null) {
            r.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
            throw new IOException("OTLP export to " + uri + " failed: HTTP " + resp.statusCode() + " " + resp.body());
        }
    }

    /** The OTLP/JSON ExportTraceServiceRequest: one resource per service. */
    static Map<String, Object> body(List<TraceContext> batch) {
        Map<String, List<Object>> byService = new LinkedHashMap<>();
        for (TraceContext t : batch) {
            byService.computeIfAbsent(t.service(), s -> new ArrayList<>()).add(span(t));
        }
        List<Object> resourceSpans = new ArrayList<>();
        byService.forEach((service,
                spans) -> resourceSpans.add(Map.of("resource",
                        Map.of("attributes", List.of(kv("service.name", service))), "scopeSpans",
                        List.of(Map.of("scope", Map.of("name", "dev.observatory.client.apm"), "spans", spans)))));
        return Map.of("resourceSpans", resourceSpans);
    }

    private static Map<String, Object> span(TraceContext t) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("traceId", t.traceId());
        s.put("spanId", t.spanId());
        if (t.parentSpanId() != null) {
            s.put("parentSpanId", t.parentSpanId());
        }
        s.put("name", t.spanName());
        s.put("kind", t.model() != null ? 3 : 1);
        s.put("startTimeUnixNano", Long.toString(nanos(t.startTime())));
        s.put("endTimeUnixNano", Long.toString(nanos(t.endTime())));
        List<Object> attributes = new ArrayList<>();
        t.attributes().forEach((k, v) -> attributes.add(kv(k, v)));
        s.put("attributes", attributes);
        if (t.error() != null) {
            s.put("status", Map.of("code", 2, "message", t.error()));
        }
        return s;
    }

    private static Map<String, Object> kv(String key, Object v) {
        Map<String, Object> value = switch (v) {
            case Boolean b -> Map.of("boolValue", b);
            case Long l -> Map.of("intValue", Long.toString(l));
            case Integer i -> Map.of("intValue", Integer.toString(i));
            case Double d -> Map.of("doubleValue", d);
            default -> Map.of("stringValue", String.valueOf(v));
        };
        return Map.of("key", key, "value", value);
    }

    private static long nanos(java.time.Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
