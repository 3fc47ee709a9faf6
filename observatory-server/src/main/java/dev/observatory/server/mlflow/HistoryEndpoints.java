package dev.observatory.server.mlflow;

import dev.observatory.core.Cursors;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * metrics/get-history and metrics/get-history-bulk-interval. A history is answered whole up to {@link #HISTORY_PAGE}
 * points however small {@code max_results} is, as MLflow's own server does: the official Java client asks for 25,000
 * per page but fails on a second page (it appends to an unmodifiable list). The points are streamed to the response as
 * they are written, never built as a tree.
 */
final class HistoryEndpoints {
    static final int HISTORY_PAGE = 1_000_000;
    static final int MAX_BULK_RUNS = 100;
    static final int BULK_DEFAULT = 320;
    static final int BULK_LIMIT = 2500;
    private final MlflowRuns runs;

    HistoryEndpoints(MlflowRuns runs) {
        this.runs = runs;
    }

    void register(MlflowServlet s) {
        s.get("metrics/get-history", this::history);
        s.get("metrics/get-history-bulk-interval", this::bulkInterval);
    }

    private void history(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        String runId = req.runId();
        String key = req.required("metric_key");
        Run r = runs.run(runId);
        String fp = r.id() + "|" + key;
        long now = runs.tracking.clock().instant().getEpochSecond();
        long offset = Cursors.decode(req.string("page_token"), fp, now);
        List<MetricPoint> points = runs.tracking.store().metrics().read(r.id(), key, Long.MIN_VALUE, Long.MAX_VALUE,
                offset, HISTORY_PAGE + 1);
        boolean more = points.size() > HISTORY_PAGE;
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeArrayPropertyStart("metrics");
        int n = more ? HISTORY_PAGE : points.size();
        for (int i = 0; i < n; i++) {
            MetricPoint p = points.get(i);
            Views.metric(g, key, p.value(), p.timestampMs(), p.step());
        }
        g.writeEndArray();
        if (more) {
            g.writeStringProperty("next_page_token", Cursors.encode(offset + HISTORY_PAGE, fp, now));
        }
        g.writeEndObject();
    }

    /** Up to max_results points per run in a step range, evenly spaced, always with the first and last. */
    private void bulkInterval(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(req.strings("run_ids")));
        if (ids.isEmpty()) {
            throw MlflowRequest.missing("run_ids");
        }
        if (ids.size() > MAX_BULK_RUNS) {
            throw MlflowException.invalid("GetMetricHistoryBulkInterval request must specify at most " + MAX_BULK_RUNS
                    + " run_ids. Received " + ids.size() + " run_ids.");
        }
        String key = req.required("metric_key");
        Long start = req.longValue("start_step");
        Long end = req.longValue("end_step");
        if (start != null && end != null && start > end) {
            throw MlflowException.invalid("end_step must be greater than start_step. Found start_step=" + start
                    + " and end_step=" + end + ".");
        }
        int max = SearchParams.maxResults(req, BULK_DEFAULT, BULK_LIMIT);
        List<Run> rs = ids.stream().map(runs::run).toList();
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeArrayPropertyStart("metrics");
        for (Run r : rs) {
            List<MetricPoint> pts = runs.tracking.store().metrics().read(r.id(), key,
                    start == null ? Long.MIN_VALUE : start, end == null ? Long.MAX_VALUE : end, 0, HISTORY_PAGE);
            for (MetricPoint p : sample(pts, max)) {
                g.writeStartObject();
                g.writeStringProperty("key", key);
                g.writeName("value");
                MlflowJson.number(g, p.value());
                g.writeNumberProperty("timestamp", p.timestampMs());
                g.writeNumberProperty("step", p.step());
                g.writeStringProperty("run_id", r.id());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static List<MetricPoint> sample(List<MetricPoint> pts, int max) {
        if (pts.size() <= max) {
            return pts;
        }
        if (max == 1) {
            return List.of(pts.get(pts.size() - 1));
        }
        List<MetricPoint> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(pts.get((int) ((long) i * (pts.size() - 1) / (max - 1))));
        }
        return out;
    }
}
