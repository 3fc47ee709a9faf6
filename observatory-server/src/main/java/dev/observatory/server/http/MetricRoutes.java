package dev.observatory.server.http;

import dev.observatory.core.MetricHistory;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricSummary;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Metric ingest (columnar or rows, see {@link MetricBatchParser}) and reads: key summaries, chart histories (M4
 * downsampled to {@code max_points}) and raw pages. Keys containing '/' go in the path percent-encoded
 * ({@code train%2Floss}) or in the query form {@code /api/v1/runs/{id}/metric?key=train/loss}.
 */
final class MetricRoutes {
    private static final Set<String> HISTORY_PARAMS = Set.of("max_points", "from_step", "to_step", "raw", "limit",
            "cursor");
    private final Tracking tracking;
    private final RequestMetrics metrics;

    MetricRoutes(Tracking tracking, RequestMetrics metrics) {
        this.tracking = tracking;
        this.metrics = metrics;
    }

    void register(Router r) {
        r.add("POST", "/api/v1/runs/{id}/metrics", call -> ingest(call, call.path("id")));
        r.add("POST", "/api/v1/metrics", call -> ingest(call, null));
        r.add("GET", "/api/v1/runs/{id}/metrics", this::summaries);
        r.add("GET", "/api/v1/runs/{id}/metrics/{key}", call -> {
            call.query().expect(HISTORY_PARAMS);
            history(call, call.path("key"));
        });
        r.add("GET", "/api/v1/runs/{id}/metric", call -> {
            QueryParams q = call.query();
            q.expect(union(HISTORY_PARAMS, "key"));
            String key = q.get("key");
            if (key == null) {
                throw HttpError.badRequest("query parameter 'key' is required, e.g. ?key=train/loss");
            }
            history(call, key);
        });
    }

    private static Set<String> union(Set<String> a, String b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.add(b);
        return s;
    }

    private void ingest(Call call, String pathRunId) throws IOException {
        MetricBatchParser.Batch batch = MetricBatchParser.parse(call.body(), tracking.clock().millis(),
                Tracking.MAX_POINTS_PER_BATCH);
        String runId = pathRunId;
        if (runId == null) {
            runId = batch.runId();
            if (runId == null) {
                throw HttpError.badRequest("field 'run_id' is required (or POST to /api/v1/runs/{id}/metrics)");
            }
        } else if (batch.runId() != null && !batch.runId().equals(runId)) {
            throw HttpError.badRequest(
                    "run_id '" + batch.runId() + "' in the body does not match the run '" + runId + "' in the path");
        }
        long accepted = tracking.logMetrics(call.actor(), runId, batch.columns());
        metrics.points(accepted);
        call.json(200, g -> {
            g.writeStartObject();
            g.writeNumberProperty("accepted", accepted);
            g.writeEndObject();
        });
    }

    private void summaries(Call call) throws IOException {
        call.query().expect(Set.of());
        String runId = call.path("id");
        List<MetricSummary> list = tracking.metricSummaries(runId);
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringProperty("run_id", runId);
            g.writeName("metrics");
            g.writeStartArray();
            list.forEach(s -> Wire.summary(g, s));
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void history(Call call, String key) throws IOException {
        QueryParams q = call.query();
        String runId = call.path("id");
        Long from = q.longValue("from_step");
        Long to = q.longValue("to_step");
        if (q.bool("raw", false)) {
            int limit = q.intValue("limit", 1000, 1, 100_000);
            Tracking.RawPoints page = tracking.rawHistory(runId, key, from, to, q.get("cursor"), limit);
            call.json(200, g -> {
                g.writeStartObject();
                g.writeStringProperty("run_id", page.runId());
                g.writeStringProperty("key", page.key());
                g.writeName("points");
                Wire.points(g, page.points());
                Json.stringOrNull(g, "next_cursor", page.nextCursor());
                g.writeEndObject();
            });
            return;
        }
        if (q.get("cursor") != null || q.get("limit") != null) {
            throw HttpError.badRequest("cursor and limit page raw points: add raw=true (charts use max_points)");
        }
        MetricHistory h = tracking.history(runId, key, from, to, q.intValue("max_points", 1000, 1, 10_000));
        call.json(200, g -> Wire.history(g, h));
    }
}
