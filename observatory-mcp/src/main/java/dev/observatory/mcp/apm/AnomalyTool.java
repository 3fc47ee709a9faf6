package dev.observatory.mcp.apm;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.analysis.anomaly.Anomalies;
import dev.observatory.analysis.anomaly.Anomaly;
import dev.observatory.analysis.anomaly.AnomalyOptions;
import dev.observatory.analysis.anomaly.AnomalyReport;
import dev.observatory.core.apm.SeriesSource;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** detect_anomalies: robust (median/MAD, seasonal) anomalies of a metric series. */
final class AnomalyTool {
    private AnomalyTool() {
    }

    static ToolDef definition() {
        List<Param> params = new ArrayList<>(SeriesArgs.params("p95_latency_ms", "24h"));
        params.add(Param.number("threshold", "Robust z score at or beyond which a point is anomalous (1-20).")
                .between(1, 20).defaultsTo(3.5));
        params.add(Param.string("direction", "Which deviations count.").oneOf(List.of("both", "up", "down"))
                .defaultsTo("both"));
        params.add(Param
                .string("season",
                        "\"auto\": use a daily or weekly season when the series covers two cycles"
                                + " and autocorrelates at that lag; \"none\": plain rolling median.")
                .oneOf(List.of("auto", "none")).defaultsTo("auto"));
        params.add(Param.integer("period", "A seasonal period in points to try instead of daily/weekly (2-20000).")
                .between(2, 20_000));
        params.add(ApmArgs.limit("anomalies, highest score first", 200, 20));
        InputSchema in = InputSchema.of(params.toArray(Param[]::new));
        Map<String, Object> point = Schemas.object("an anomalous point").prop("x", integer("step or epoch ms"), true)
                .prop("at", string("ISO-8601 when positioned by time")).prop("value", number(null), true)
                .prop("expected", number(null), true).prop("lower", number("band"), true)
                .prop("upper", number("band"), true).prop("score", number("robust z score"), true).build();
        Map<String, Object> out = Schemas.object("anomalies").prop("series", string("what was read"), true)
                .prop("unit", string("of x: step or epoch_ms"), true).prop("points", integer("finite points"), true)
                .prop("method", string("seasonal or median_mad"), true)
                .prop("period", integer("seasonal period in points; 0 for none"), true)
                .prop("autocorrelation", number(null)).prop("scale", number("1.4826 * MAD of residuals"), true)
                .prop("anomalies_found", integer(null), true)
                .prop("anomalies", array(point, "highest |score| first, at most limit"), true)
                .prop("truncated", bool("more anomalies than shown, or the series was cut to its latest points"), true)
                .build();
        return new ToolDef("detect_anomalies", "ops", "Detect anomalies",
                "Robust anomaly detection over a metric series: a span-derived series per bucket (request rate,"
                        + " error rate or p50/p95/p99 latency of a service's requests) or a run's metric. The"
                        + " baseline is a rolling median; with a daily or weekly season (found by autocorrelation"
                        + " when the data covers two cycles) the seasonal profile is added. Points whose robust z"
                        + " score (residual / 1.4826 MAD) reaches the threshold come back with value, expected"
                        + " value, band and score.",
                in, out, Hints.READ_ONLY, AnomalyTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        SeriesSource s = SeriesArgs.read(args, ctx);
        List<Integer> periods = args.has("period") ? List.of(args.intValue("period"))
                : "none".equals(args.string("season")) ? List.of() : s.periods();
        AnomalyOptions o = AnomalyOptions.defaults().withThreshold(args.number("threshold"))
                .withDirection(AnomalyOptions.Direction.valueOf(args.string("direction").toUpperCase(Locale.ROOT)))
                .withPeriods(periods);
        AnomalyReport r = Anomalies.analyze(s.series(), o);
        List<Anomaly> top = new ArrayList<>(r.anomalies());
        top.sort(Comparator.comparingDouble((Anomaly a) -> -Math.abs(a.score())).thenComparingInt(Anomaly::index));
        int limit = args.intValue("limit");
        List<Obj> rows = new ArrayList<>();
        for (Anomaly a : top.subList(0, Math.min(limit, top.size()))) {
            rows.add(Obj.of().with("x", a.x()).with("at", SeriesArgs.at(s, a.x()))
                    .with("value", ApmArgs.round(a.value())).with("expected", ApmArgs.round(a.expected()))
                    .with("lower", ApmArgs.round(a.lower())).with("upper", ApmArgs.round(a.upper()))
                    .with("score", ApmArgs.round(a.score())));
        }
        Obj base = Obj.of().with("series", s.name()).with("unit", s.unit()).with("points", r.points())
                .with("method", r.method()).with("period", r.period())
                .with("autocorrelation", r.period() == 0 ? null : ApmArgs.round(r.autocorrelation()))
                .with("scale", ApmArgs.round(r.scale())).with("anomalies_found", r.anomalies().size());
        int n = ctx.budget().fit(base, rows);
        return base.with("anomalies", rows.subList(0, n)).with("truncated", s.truncated() || n < r.anomalies().size());
    }
}
