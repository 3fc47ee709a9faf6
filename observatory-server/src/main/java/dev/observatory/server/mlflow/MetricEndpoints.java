package dev.observatory.server.mlflow;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** runs/log-metric and runs/log-batch: validated whole, then written (params, tags, then metrics per key). */
final class MetricEndpoints {
    static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    private final MlflowRuns runs;
    private final int maxMetricsPerBatch;

    MetricEndpoints(MlflowRuns runs, int maxMetricsPerBatch) {
        this.runs = runs;
        this.maxMetricsPerBatch = maxMetricsPerBatch;
    }

    void register(MlflowServlet s) {
        s.post("runs/log-metric", this::logMetric);
        s.postStreaming("runs/log-batch", this::logBatch);
    }

    private void logMetric(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        String runId = req.runId();
        String key = req.string("key");
        MlflowLimits.checkName("Metric", key);
        JsonNode value = req.node("value");
        if (value == null) {
            throw MlflowRequest.missing("value");
        }
        double v = MlflowJson.toDouble(value, "value");
        Long ts = req.longValue("timestamp");
        if (ts == null) {
            throw MlflowRequest.missing("timestamp");
        }
        Long step = req.longValue("step");
        runs.requireActive(runId);
        runs.tracking.logMetrics(req.actor(), runId, Map.of(key,
                new MetricColumns(new long[] { step == null ? 0 : step }, new double[] { v }, new long[] { ts })));
        reply.empty();
    }

    /**
     * The body is streamed ({@link LogBatchBody}): metrics go straight into columns; the checks run in the order of the
     * tree-based reading, and nothing is written unless the whole batch is valid.
     */
    private void logBatch(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        LogBatchBody body = LogBatchBody.read(req.input(), req.contentLength(), maxMetricsPerBatch);
        req.useBody(body.rest);
        String runId = req.runId();
        JsonNode metrics = req.node("metrics");
        int metricCount = body.streamed ? body.metricCount : metrics == null ? 0 : metrics.size();
        Map<String, String> params = RunEndpoints.keyValues(req.node("params"), "params");
        Map<String, String> tags = RunEndpoints.keyValues(req.node("tags"), "tags");
        checkLimits(metricCount, params.size(), tags.size(), req.node("params"), req.node("tags"));
        if (body.firstError != null) {
            throw body.firstError;
        }
        Map<String, MetricColumns> batch = body.streamed ? body.batch() : metrics == null ? Map.of() : columns(metrics);
        params.forEach(MlflowLimits::checkParam);
        tags.forEach(MlflowLimits::checkTag);
        if (params.isEmpty() && tags.isEmpty()) {
            runs.requireActive(runId);
        } else {
            Run r = runs.activeRun(runId);
            Map<String, String> freshParams = MlflowRuns.newParams(r, params);
            runs.logParams(req.actor(), r, freshParams);
            if (!tags.isEmpty()) {
                runs.setTags(req.actor(), freshParams.isEmpty() ? r : runs.run(r.id()), tags, List.of());
            }
        }
        if (!batch.isEmpty()) {
            runs.tracking.logMetrics(req.actor(), runId, batch);
        }
        reply.empty();
    }

    private void checkLimits(int metrics, int params, int tags, JsonNode rawParams, JsonNode rawTags) {
        if (metrics > maxMetricsPerBatch) {
            throw MlflowException.invalid(
                    "A batch logging request can contain at most " + maxMetricsPerBatch + " metrics. Got " + metrics
                            + " metrics. Please split up metrics across multiple requests and" + " try again.");
        }
        int rawParamCount = rawParams == null ? 0 : rawParams.size();
        int rawTagCount = rawTags == null ? 0 : rawTags.size();
        if (Math.max(params, rawParamCount) + Math.max(tags, rawTagCount) > MAX_PARAMS_TAGS_PER_BATCH) {
            throw MlflowException.invalid("A batch logging request can contain at most " + MAX_PARAMS_TAGS_PER_BATCH
                    + " params and tags. Got " + (rawParamCount + rawTagCount) + " params and tags. Please split up"
                    + " params and tags across multiple requests and try again.");
        }
        int total = metrics + rawParamCount + rawTagCount;
        int maxTotal = Math.max(1000, maxMetricsPerBatch);
        if (total > maxTotal) {
            throw MlflowException.invalid(
                    "A batch logging request can contain at most " + maxTotal + " total metrics, params and tags. Got "
                            + total + ". Please split up the entities across" + " multiple requests and try again.");
        }
    }

    /** The metrics of a batch grouped per key into columns, in first-seen key order. */
    static Map<String, MetricColumns> columns(JsonNode metrics) {
        if (!metrics.isArray()) {
            throw MlflowException.invalid("Invalid value for parameter 'metrics': expected a list");
        }
        Map<String, List<Point>> byKey = new LinkedHashMap<>();
        for (JsonNode m : metrics.values()) {
            Point p = point(m);
            byKey.computeIfAbsent(p.key(), x -> new ArrayList<>()).add(p);
        }
        Map<String, MetricColumns> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Point>> e : byKey.entrySet()) {
            List<Point> rows = e.getValue();
            long[] steps = new long[rows.size()];
            long[] times = new long[rows.size()];
            double[] v = new double[rows.size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = rows.get(i).step();
                times[i] = rows.get(i).timestamp();
                v[i] = rows.get(i).value();
            }
            out.put(e.getKey(), new MetricColumns(steps, v, times));
        }
        return out;
    }

    /** A metric's key from its tree (null when missing); a list or an object is refused. */
    static String key(JsonNode k) {
        if (k == null || k.isNull()) {
            return null;
        }
        if (k.isContainer()) {
            throw MlflowException
                    .invalid("Invalid value " + k + " for parameter 'metrics.key' supplied: expected a string");
        }
        return MlflowRequest.checkText("metrics.key", k.asString());
    }

    /** One metric of a batch. */
    record Point(String key, long step, double value, long timestamp) {
    }

    /** One metric of a batch read from its tree, checked in MLflow's order (key, value, timestamp, step). */
    static Point point(JsonNode m) {
        String key = key(m.get("key"));
        MlflowLimits.checkName("Metric", key);
        JsonNode v = m.get("value");
        if (v == null || v.isNull()) {
            throw MlflowRequest.missing("metrics.value");
        }
        JsonNode ts = m.get("timestamp");
        if (ts == null || ts.isNull()) {
            throw MlflowRequest.missing("metrics.timestamp");
        }
        JsonNode step = m.get("step");
        long s = step == null || step.isNull() ? 0 : MlflowJson.toLong(step, "metrics.step");
        long t = MlflowJson.toLong(ts, "metrics.timestamp");
        return new Point(key, s, MlflowJson.toDouble(v, "metrics.value"), t);
    }
}
