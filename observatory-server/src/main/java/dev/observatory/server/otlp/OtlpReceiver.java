package dev.observatory.server.otlp;

import dev.observatory.core.telemetry.Meters;
import dev.observatory.core.trace.IngestResult;
import dev.observatory.core.trace.Traces;
import dev.observatory.server.http.HttpServer;
import java.util.Objects;

/**
 * The OTLP/HTTP receiver: OpenTelemetry SDKs and collectors export spans to {@code POST /v1/traces} (protobuf or JSON,
 * optionally gzip) with the same API keys as the REST API (write scope). See docs/decisions/0011-otlp-receiver.md.
 *
 * <pre>
 * OtlpReceiver.mountOn(builder, spans -&gt; ..., OtlpSettings.defaults(), meters);
 * </pre>
 */
public final class OtlpReceiver {
    /** The servlet path: {@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs}. */
    public static final String PATH = "/v1/*";

    private OtlpReceiver() {
    }

    /** Mounts the receiver on the builder; received spans go to {@code ingest}. */
    public static HttpServer.Builder mountOn(HttpServer.Builder builder, SpanIngest ingest, OtlpSettings settings,
            Meters meters) {
        OtlpServlet servlet = new OtlpServlet(Objects.requireNonNull(ingest, "ingest"),
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(meters, "meters"));
        return builder.addServlet(PATH, servlet, false);
    }

    /** Mounts the receiver with {@code POST /v1/metrics} too: received metrics go to {@code metrics}. */
    public static HttpServer.Builder mountOn(HttpServer.Builder builder, SpanIngest ingest, MetricIngest metrics,
            OtlpSettings settings, Meters meters) {
        OtlpServlet servlet = new OtlpServlet(Objects.requireNonNull(ingest, "ingest"),
                Objects.requireNonNull(metrics, "metrics"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(meters, "meters"));
        return builder.addServlet(PATH, servlet, false);
    }

    /** Received metric samples go to the service metric store. */
    public static MetricIngest metricsInto(dev.observatory.core.opsmetrics.OpsMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        return batch -> {
            dev.observatory.core.opsmetrics.OpsIngestResult r = metrics.ingest(batch);
            return new SpanIngest.Result(r.accepted(), r.rejected(), r.message());
        };
    }

    /** Received spans go to the trace service, which validates, limits and stores them. */
    public static SpanIngest ingestInto(Traces traces) {
        Objects.requireNonNull(traces, "traces");
        return spans -> {
            IngestResult r = traces.ingest(spans);
            return new SpanIngest.Result(r.accepted(), r.rejected(), r.message());
        };
    }
}
