package dev.observatory.server.otlp;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.ApiKey;
import dev.observatory.model.trace.Span;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.UnreadBodies;
import dev.observatory.store.StoreException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP export endpoints under {@code /v1}: {@code POST /v1/traces} is received; {@code /v1/metrics} and
 * {@code /v1/logs} answer 404 with a Status saying Observatory does not accept that signal (decision 0011). Every
 * answer is in the request's encoding: 200 with an ExportTraceServiceResponse (partial success when spans were
 * rejected), 400 for an undecodable body, 403 without the write scope, 413 over the body limit, 415 for another content
 * type, 429 with Retry-After when all ingest slots are busy, 503 with Retry-After when the store fails.
 */
final class OtlpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OtlpServlet.class);
    static final String SPANS_METRIC = "observatory_otlp_spans_total";
    static final String REFUSED_METRIC = "observatory_otlp_requests_refused_total";
    static final String RETRY_AFTER_SECONDS = "1";

    private final transient SpanIngest ingest;
    private final transient OtlpSettings settings;
    private final transient Meters meters;
    private final transient Semaphore slots;
    /** Where /v1/metrics goes; null: /v1/metrics answers 404. */
    private final transient MetricIngest metricIngest;
    static final String POINTS_METRIC = "observatory_otlp_metric_points_total";

    OtlpServlet(SpanIngest ingest, OtlpSettings settings, Meters meters) {
        this(ingest, null, settings, meters);
    }

    OtlpServlet(SpanIngest ingest, MetricIngest metricIngest, OtlpSettings settings, Meters meters) {
        this.metricIngest = metricIngest;
        this.ingest = ingest;
        this.settings = settings;
        this.meters = meters;
        this.slots = new Semaphore(settings.maxConcurrentRequests(), true);
    }

    /** Failure answered with a status code and a google.rpc.Status body. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int http;
        final int grpc;
        final boolean retry;

        Refusal(int http, int grpc, String message, boolean retry) {
            super(message);
            this.http = http;
            this.grpc = grpc;
            this.retry = retry;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Encoding encoding = Encoding.of(req.getContentType());
        try {
            String signal = req.getPathInfo() == null ? "" : req.getPathInfo();
            route(metricIngest != null && signal.equals("/metrics") ? "/traces" : signal, req.getMethod(), resp);
            if (encoding == null) {
                throw new Refusal(415, Encoding.INVALID_ARGUMENT, "Content-Type '" + req.getContentType()
                        + "' is not supported: send application/x-protobuf or application/json", false);
            }
            checkWriteScope(req);
            if (signal.equals("/metrics")) {
                receive(req, resp, encoding, body -> receiveMetrics(body, encoding));
            } else {
                receive(req, resp, encoding, body -> receiveTraces(body, encoding));
            }
        } catch (Refusal r) {
            refuse(req, resp, encoding, r);
        }
    }

    /** Refuses what is not POST /traces. */
    private static void route(String signal, String method, HttpServletResponse resp) {
        switch (signal) {
            case "/traces" -> {
                if (!method.equals("POST")) {
                    resp.setHeader("Allow", "POST");
                    throw new Refusal(405, Encoding.UNIMPLEMENTED, "OTLP/HTTP exports are POST requests", false);
                }
            }
            case "/metrics",
                    "/logs" -> throw new Refusal(404, Encoding.UNIMPLEMENTED,
                            "Observatory receives OTLP " + "traces only; it does not store OTLP " + signal.substring(1)
                                    + " (nothing was kept): point "
                                    + "this signal at an OpenTelemetry Collector or turn its exporter off",
                            false);
            default -> throw new Refusal(404, Encoding.NOT_FOUND,
                    "no OTLP endpoint /v1" + signal + ": traces are received at POST /v1/traces", false);
        }
    }

    /** Turns a decoded request body into the response body. */
    @FunctionalInterface
    private interface Handler {
        byte[] handle(byte[] body);
    }

    private void receive(HttpServletRequest req, HttpServletResponse resp, Encoding encoding, Handler handler)
            throws IOException {
        boolean gzip;
        try {
            gzip = OtlpBodies.gzipped(req.getHeader("Content-Encoding"));
        } catch (OtlpBodies.UnsupportedEncoding e) {
            throw new Refusal(415, Encoding.INVALID_ARGUMENT, e.getMessage(), false);
        }
        if (req.getContentLengthLong() > settings.maxBodyBytes()) {
            throw new Refusal(413, Encoding.INVALID_ARGUMENT,
                    new OtlpBodies.TooLarge(settings.maxBodyBytes(), false).getMessage(), false);
        }
        if (!acquire()) {
            meters.count(REFUSED_METRIC, "OTLP export requests refused before reading, by reason.", 1, "reason",
                    "overloaded");
            throw new Refusal(429, Encoding.RESOURCE_EXHAUSTED,
                    "the OTLP receiver is busy (" + settings.maxConcurrentRequests()
                            + " export requests in progress): retry after " + RETRY_AFTER_SECONDS
                            + " s; nothing of this request was stored",
                    true);
        }
        try {
            byte[] body = handler.handle(read(req, gzip));
            resp.setStatus(200);
            resp.setContentType(encoding.contentType());
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        } finally {
            slots.release();
        }
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(settings.admissionWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private byte[] receiveTraces(byte[] body, Encoding encoding) {
        SpanIngest.Result result = store(decode(body, encoding));
        meters.count(SPANS_METRIC, "Spans received over OTLP, by outcome.", result.accepted(), "outcome", "accepted");
        meters.count(SPANS_METRIC, "Spans received over OTLP, by outcome.", result.rejected(), "outcome", "rejected");
        return encoding.traceResponse(result.rejected(), result.message());
    }

    private byte[] receiveMetrics(byte[] body, Encoding encoding) {
        dev.observatory.core.opsmetrics.OpsIngest batch;
        try {
            batch = MetricConversion.convert(encoding.metrics(body), System.currentTimeMillis());
        } catch (OtlpDecodeException e) {
            throw new Refusal(400, Encoding.INVALID_ARGUMENT, e.getMessage(), false);
        }
        SpanIngest.Result result = guarded("metric", batch.size(), () -> metricIngest.ingest(batch));
        meters.count(POINTS_METRIC, "Metric samples received over OTLP, by outcome.", result.accepted(), "outcome",
                "accepted");
        meters.count(POINTS_METRIC, "Metric samples received over OTLP, by outcome.", result.rejected(), "outcome",
                "rejected");
        return encoding.metricResponse(result.rejected(), result.message());
    }

    private byte[] read(HttpServletRequest req, boolean gzip) throws IOException {
        try {
            return OtlpBodies.read(req.getInputStream(), gzip, settings.maxBodyBytes(), req.getContentLengthLong());
        } catch (OtlpBodies.TooLarge e) {
            throw new Refusal(413, Encoding.INVALID_ARGUMENT, e.getMessage(), false);
        } catch (IOException e) {
            if (e.getClass().getSimpleName().equals("PayloadTooLargeException")) {
                throw new Refusal(413, Encoding.INVALID_ARGUMENT, e.getMessage(), false);
            }
            throw e;
        } catch (OtlpDecodeException e) {
            throw new Refusal(400, Encoding.INVALID_ARGUMENT, e.getMessage(), false);
        }
    }

    private static List<Span> decode(byte[] body, Encoding encoding) {
        try {
            ExportTraceServiceRequest request = encoding.traces(body);
            return SpanConversion.spans(request);
        } catch (OtlpDecodeException e) {
            throw new Refusal(400, Encoding.INVALID_ARGUMENT, e.getMessage(), false);
        }
    }

    private SpanIngest.Result store(List<Span> spans) {
        return guarded("span", spans.size(), () -> ingest.ingest(spans));
    }

    private static SpanIngest.Result guarded(String what, int size,
            java.util.function.Supplier<SpanIngest.Result> work) {
        if (size == 0) {
            return new SpanIngest.Result(0, 0, null);
        }
        try {
            return work.get();
        } catch (ReadOnlyException e) {
            throw new Refusal(403, Encoding.PERMISSION_DENIED, e.getMessage(), false);
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, Encoding.INVALID_ARGUMENT, e.getMessage(), false);
        } catch (StoreException e) {
            LOG.warn("OTLP: the store refused {} {}s: {}", size, what, e.getMessage());
            throw new Refusal(503, Encoding.UNAVAILABLE, "the " + (what.equals("span") ? "trace" : what)
                    + " store is unavailable (" + e.getMessage() + "): retry later", true);
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkWriteScope(HttpServletRequest req) {
        Object scopes = req.getAttribute(HttpServer.SCOPES_ATTRIBUTE);
        if (scopes instanceof Set<?> s && !((Set<ApiKey.Scope>) s).contains(ApiKey.Scope.WRITE)
                && !((Set<ApiKey.Scope>) s).contains(ApiKey.Scope.ADMIN)) {
            throw new Refusal(403, Encoding.PERMISSION_DENIED,
                    "the API key lacks the write scope needed to export traces to " + req.getRequestURI(), false);
        }
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse resp, Encoding requested, Refusal r)
            throws IOException {
        if (resp.isCommitted()) {
            LOG.debug("cannot send OTLP error {}: the response has begun", r.http);
            return;
        }
        UnreadBodies.closeIfUnread(req, resp);
        Encoding encoding = requested == null ? Encoding.JSON : requested;
        byte[] body = encoding.status(r.grpc, r.getMessage());
        resp.setStatus(r.http);
        if (r.retry) {
            resp.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        resp.setContentType(encoding.contentType());
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
