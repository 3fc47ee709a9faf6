package dev.observatory.server.promwrite;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.opsmetrics.OpsIngest;
import dev.observatory.core.opsmetrics.OpsIngestResult;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.ApiKey;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.UnreadBodies;
import dev.observatory.store.StoreException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 (snappy-compressed protobuf WriteRequest). 204 when stored;
 * 400 (final: Prometheus drops the batch) for a body that is not a snappy WriteRequest; 403 without the write scope or
 * in read-only mode; 413 over the body limit; 415 for another encoding or remote write 2.0; 429 / 503 with Retry-After
 * (Prometheus retries) when busy or when the store fails. Errors are plain text, as Prometheus logs them.
 */
final class RemoteWriteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteServlet.class);
    static final String SAMPLES_METRIC = "observatory_remote_write_samples_total";

    private final transient Supplier<OpsMetrics> metrics;
    private final transient Meters meters;
    private final long maxBodyBytes;
    private final transient Semaphore slots;

    RemoteWriteServlet(Supplier<OpsMetrics> metrics, Meters meters, long maxBodyBytes, int maxConcurrent) {
        this.metrics = metrics;
        this.meters = meters;
        this.maxBodyBytes = maxBodyBytes;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            if (!req.getMethod().equals("POST")) {
                resp.setHeader("Allow", "POST");
                throw new Refusal(405, "remote write is POST /api/v1/write");
            }
            checkRequest(req);
            if (!slots.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                resp.setHeader("Retry-After", "1");
                throw new Refusal(429, "the remote-write receiver is busy: retry later; nothing was stored");
            }
            try {
                OpsIngestResult r = store(decode(readBody(req.getInputStream())));
                meters.count(SAMPLES_METRIC, "Samples received by remote write, by outcome.", r.accepted(), "outcome",
                        "accepted");
                meters.count(SAMPLES_METRIC, "Samples received by remote write, by outcome.", r.rejected(), "outcome",
                        "rejected");
                resp.setStatus(204);
            } finally {
                slots.release();
            }
        } catch (Refusal r) {
            refuse(req, resp, r.status, r.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(req, resp, 503, "interrupted");
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkRequest(HttpServletRequest req) {
        Object scopes = req.getAttribute(HttpServer.SCOPES_ATTRIBUTE);
        if (scopes instanceof Set<?> s && !((Set<ApiKey.Scope>) s).contains(ApiKey.Scope.WRITE)
                && !((Set<ApiKey.Scope>) s).contains(ApiKey.Scope.ADMIN)) {
            throw new Refusal(403, "the API key lacks the write scope needed for remote write");
        }
        String encoding = req.getHeader("Content-Encoding");
        if (encoding == null || !encoding.trim().equalsIgnoreCase("snappy")) {
            throw new Refusal(415, "remote write needs Content-Encoding: snappy, got " + encoding);
        }
        String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-protobuf")) {
            throw new Refusal(415, "remote write needs Content-Type: application/x-protobuf, got " + type);
        }
        if (type.contains("io.prometheus.write.v2")) {
            throw new Refusal(415, "remote write 2.0 is not supported: use protobuf_message prometheus.WriteRequest"
                    + " (remote write 1.0)");
        }
    }

    private byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > maxBodyBytes) {
                throw new Refusal(413, tooLarge());
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private String tooLarge() {
        return "the remote-write body exceeds " + maxBodyBytes + " bytes (compressed or not): lower"
                + " queue_config.max_samples_per_send or raise metrics_max_body_bytes";
    }

    private OpsIngest decode(byte[] compressed) {
        try {
            byte[] raw = Snappy.decompress(compressed, (int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
            RemoteWriteDecoder.Decoded d = RemoteWriteDecoder.decode(raw);
            return OpsIngest.of(d.series());
        } catch (Snappy.TooLarge e) {
            throw new Refusal(413, tooLarge());
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new Refusal(400, e.getMessage() == null ? "the body is not a snappy WriteRequest" : e.getMessage());
        }
    }

    private OpsIngestResult store(OpsIngest batch) {
        try {
            return metrics.get().ingest(batch);
        } catch (ReadOnlyException e) {
            throw new Refusal(403, e.getMessage());
        } catch (StoreException e) {
            LOG.warn("remote write: the store refused {} samples: {}", batch.size(), e.getMessage());
            throw new Refusal(503, "the metric store is unavailable (" + e.getMessage() + "): retry later");
        }
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse resp, int status, String message)
            throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        UnreadBodies.closeIfUnread(req, resp);
        if (status == 503) {
            resp.setHeader("Retry-After", "1");
        }
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
