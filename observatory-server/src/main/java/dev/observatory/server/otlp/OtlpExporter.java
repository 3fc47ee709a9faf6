package dev.observatory.server.otlp;

import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.trace.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends spans to an OTLP/HTTP collector (protobuf, {@code POST <endpoint>/v1/traces}) without waiting for the answer:
 * Observatory's own spans, when {@code otlp_export_endpoint} is set. A failed export is logged once per failure streak
 * and counted in {@value #FAILED_METRIC}; it is not retried (the spans are in Observatory's own store anyway).
 */
public final class OtlpExporter implements Consumer<List<Span>> {
    public static final String FAILED_METRIC = "observatory_self_trace_export_failures_total";
    private static final Logger LOG = LoggerFactory.getLogger(OtlpExporter.class);

    private final URI uri;
    private final String apiKey;
    private final Meters meters;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean failing;

    /**
     * @param endpoint
     *            the collector's base URL, e.g. {@code http://collector:4318} ({@code /v1/traces} is appended unless
     *            the URL already ends with it)
     * @param apiKey
     *            sent as {@code Authorization: Bearer}; null or blank for none
     */
    public OtlpExporter(String endpoint, String apiKey, Meters meters) {
        String base = endpoint.trim().replaceAll("/+$", "");
        try {
            this.uri = URI.create(base.endsWith("/v1/traces") ? base : base + "/v1/traces");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "otlp_export_endpoint must be a URL such as http://collector:4318, got '" + endpoint + "'");
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("otlp_export_endpoint must be an http(s) URL, got '" + endpoint + "'");
        }
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        this.meters = meters;
    }

    /** The export URL. */
    public URI uri() {
        return uri;
    }

    @Override
    public void accept(List<Span> spans) {
        if (spans.isEmpty()) {
            return;
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SpanEncoding.request(spans).toByteArray()));
        if (apiKey != null) {
            r.header("Authorization", "Bearer " + apiKey);
        }
        http.sendAsync(r.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, error) -> {
            if (error == null && resp.statusCode() / 100 == 2) {
                failing = false;
                return;
            }
            meters.count(FAILED_METRIC, "Exports of Observatory's own spans to otlp_export_endpoint that failed.", 1);
            if (!failing) {
                failing = true;
                LOG.warn("self-tracing: export of {} spans to {} failed: {}", spans.size(), uri,
                        error != null ? error.toString() : "HTTP " + resp.statusCode());
            }
        });
    }
}
