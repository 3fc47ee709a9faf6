package dev.observatory.mcp.metrics;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.metricValue;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.prom.PrometheusClient;
import dev.observatory.core.opsmetrics.query.QueryParser;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** query_metrics: PromQL against Prometheus, or Observatory's metric query language against its own store. */
final class QueryMetricsTool {
    /** Points per range query when no step is given. */
    static final int DEFAULT_POINTS = 60;

    private QueryMetricsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("query", "PromQL (source=prometheus) or Observatory's PromQL subset (source=observatory):"
                        + " selectors with label matchers and [ranges], rate/increase/irate/delta/*_over_time,"
                        + " sum/avg/min/max/count/topk/bottomk by (...), histogram_quantile, + - * / and comparisons.")
                        .required().example("\"sum by (route) (rate(http_requests_total{service=\\\"api\\\"}[5m]))\""),
                Sources.param(),
                Param.string("last",
                        "Range query over the window ending now (or at 'end'): e.g. 15m, 1h, 7d."
                                + " Without last/start the query is instant."),
                Param.string("start", "Range start, ISO-8601 (with 'end' or now as the end)."),
                Param.string("end", "Range end, ISO-8601 (default now)."),
                Param.string("time", "Evaluation time of an instant query, ISO-8601 (default now)."),
                Param.string("step", "Range resolution, e.g. 30s, 1m (default: the range / 60)."),
                Param.integer("max_series", "Most series returned; more are cut to the top ones by last value.")
                        .between(1, 200).defaultsTo(20));
        Map<String, Object> series = Schemas.object("one result series")
                .prop("labels", mapOf(string(null), "label name -> value (__name__ is the metric)"), true)
                .prop("last", metricValue("latest value"), true).prop("min", metricValue("smallest value"))
                .prop("max", metricValue("largest value")).prop("avg", metricValue("mean value"))
                .prop("points", array(array(metricValue("epoch seconds, then value"), "[t, v]"),
                        "every point of a range query, when the answer is small enough"))
                .build();
        Map<String, Object> out = Schemas.object("query result")
                .prop("source", string("observatory or prometheus"), true).prop("query", string(null), true)
                .prop("result_type", string("scalar, vector (instant) or matrix (range)"), true)
                .prop("time", string("ISO-8601 of an instant query")).prop("from", string("ISO-8601 range start"))
                .prop("to", string("ISO-8601 range end")).prop("step_seconds", number("range resolution"))
                .prop("series_count", integer("series in the full result"), true)
                .prop("series", array(series, "series, largest last value first"), true)
                .prop("points_omitted", bool("true when per-point values were left out to keep the answer short"))
                .prop("samples_read", integer("stored samples read (observatory)"))
                .prop("truncated", bool("true when series were cut (see series_count)")).build();
        return new ToolDef("query_metrics", "ops", "Query service metrics",
                "Evaluates a metric query over service metrics — PromQL against the configured Prometheus"
                        + " (prometheus_url), or Observatory's own PromQL subset against its metric store (OTLP"
                        + " metrics and Prometheus remote write) — at one time (instant) or over a range (last, or"
                        + " start/end, with a step). Each series comes with its labels and last/min/max/avg; points"
                        + " are included when the answer is small; at most max_series series (top by last value),"
                        + " with series_count and truncated. Invalid PromQL returns the parser's message;"
                        + " an unreachable Prometheus is reported as such. Examples: rate(x_total[5m]),"
                        + " histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))).",
                in, out, Hints.READ_ONLY, QueryMetricsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        OpsMetrics metrics = new OpsMetrics(ctx.tracking());
        String source = Sources.of(args, metrics);
        String query = args.string("query");
        long now = ctx.tracking().clock().millis();
        boolean range = args.has("last") || args.has("start");
        long end = args.has("end") ? instant(args, "end") : args.has("time") ? instant(args, "time") : now;
        long start = end;
        long step = 1;
        if (range) {
            start = args.has("start") ? instant(args, "start") : end - QueryParser.durationMs(args.string("last"));
            if (start >= end) {
                throw new IllegalArgumentException("the range start must be before its end");
            }
            step = args.has("step") ? QueryParser.durationMs(args.string("step"))
                    : Math.max(1000, ((end - start) / DEFAULT_POINTS + 999) / 1000 * 1000);
        }
        QueryResult result = source.equals(Sources.PROMETHEUS)
                ? prometheus(metrics.prometheus(), query, start, end, step, range)
                : metrics.query(query, start, end, step);
        Obj answer = Obj.of().with("source", source).with("query", query).with("result_type",
                result.scalar() ? "scalar" : range ? "matrix" : "vector");
        if (range) {
            answer.with("from", Instant.ofEpochMilli(start).toString()).with("to", Instant.ofEpochMilli(end).toString())
                    .with("step_seconds", step / 1000.0);
        } else {
            answer.with("time", Instant.ofEpochMilli(end).toString());
        }
        if (source.equals(Sources.OBSERVATORY)) {
            answer.with("samples_read", result.samplesRead());
        }
        return ResultSummary.summarise(answer, result, range, args.intValue("max_series"), ctx);
    }

    private static QueryResult prometheus(PrometheusClient client, String query, long start, long end, long step,
            boolean range) {
        long[] steps;
        if (range) {
            steps = new long[(int) ((end - start) / step) + 1];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = start + i * step;
            }
        } else {
            steps = new long[] { end };
        }
        return PrometheusClient.toResult(
                Sources.call(() -> range ? client.queryRange(query, start, end, step) : client.query(query, end)),
                steps);
    }

    private static long instant(Args args, String name) {
        try {
            return Instant.parse(args.string(name)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2025-01-31T12:00:00Z, got '"
                    + args.string(name) + "'");
        }
    }
}
