package dev.observatory.mcp.apm;

import dev.observatory.core.apm.Apm;
import dev.observatory.core.apm.ApmSeries;
import dev.observatory.core.apm.SeriesSource;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The series arguments of detect_anomalies and capacity_forecast: a span-derived signal or a run's metric. */
final class SeriesArgs {
    static final List<String> SIGNALS = List.of("request_rate", "error_rate", "p50_latency_ms", "p95_latency_ms",
            "p99_latency_ms");

    private SeriesArgs() {
    }

    static List<Param> params(String defaultSignal, String defaultWindow) {
        List<Param> p = new ArrayList<>();
        p.add(Param
                .string("source",
                        "Where the series comes from: \"spans\" (a signal of a service's requests per"
                                + " time bucket) or \"run_metric\" (a metric of a run from the tracking store).")
                .oneOf(List.of("spans", "run_metric")).required());
        p.add(Param.string("signal", "With source=spans: the per-bucket signal.").oneOf(SIGNALS)
                .defaultsTo(defaultSignal));
        p.add(ApmArgs.service());
        p.add(ApmArgs.operation());
        p.add(ApmArgs.last(defaultWindow));
        p.add(ApmArgs.from());
        p.add(ApmArgs.to());
        p.add(Param.string("bucket", "With source=spans: bucket width, e.g. \"1m\", \"5m\", \"1h\" (at most 20000"
                + " buckets in the window).").matching(ApmArgs.DURATION).defaultsTo("1m"));
        p.add(Param.string("run_id", "With source=run_metric: the run.").between(1, 64));
        p.add(Param.string("key", "With source=run_metric: the metric key, e.g. \"gpu/memory_used\".").between(1, 256));
        p.add(Param
                .string("x",
                        "With source=run_metric: position points by \"step\" or by wall-clock \"time\" (time"
                                + " enables daily/weekly seasons and dates in the answer).")
                .oneOf(List.of("step", "time")).defaultsTo("step"));
        return p;
    }

    static SeriesSource read(Args args, ToolContext ctx) {
        if ("run_metric".equals(args.string("source"))) {
            if (args.string("run_id") == null || args.string("key") == null) {
                throw new IllegalArgumentException(
                        "source=run_metric needs 'run_id' and 'key' (list_metrics shows" + " a run's keys)");
            }
            return ApmSeries.run(ctx.tracking(), args.string("run_id").strip(), args.string("key"),
                    "time".equals(args.string("x")));
        }
        ApmSeries.Signal signal = ApmSeries.Signal.valueOf(args.string("signal").toUpperCase(Locale.ROOT));
        return ApmSeries.spans(new Apm(ctx.tracking()), ApmArgs.window(args, ctx), args.string("service"),
                args.string("operation"), signal, ApmArgs.duration(args.string("bucket")));
    }

    /** ISO-8601 of a position when the series is positioned by time, else null. */
    static String at(SeriesSource s, Long x) {
        return x == null || !"epoch_ms".equals(s.unit()) ? null : Instant.ofEpochMilli(x).toString();
    }
}
