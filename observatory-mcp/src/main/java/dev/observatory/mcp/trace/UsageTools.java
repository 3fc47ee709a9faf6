package dev.observatory.mcp.trace;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.trace.ModelComparison;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** get_llm_usage (tokens and cost grouped) and compare_models (models side by side). */
final class UsageTools {
    static final List<String> DIMENSIONS = List.of("model", "provider", "service", "tool", "user", "operation");

    private UsageTools() {
    }

    static ToolDef usage() {
        InputSchema in = InputSchema.of(
                Param.strings("group_by",
                        "Dimensions of a row, in order: model, provider, service, tool, user,"
                                + " operation. Empty: one total row (per bucket).")
                        .between(0, 3).oneOf(DIMENSIONS).defaultsTo(List.of("model")),
                Param.string("bucket", "Also split by time buckets of this width (e.g. \"1h\", \"1d\").")
                        .matching(TraceArgs.LAST_PATTERN).example("\"1h\""),
                TraceArgs.service(), TraceArgs.model(), TraceArgs.last("24h"), TraceArgs.from(), TraceArgs.to(),
                Param.integer("limit", "Most rows (1-500).").between(1, 500).defaultsTo(100), PageCursor.param());
        Map<String, Object> row = Schemas.object("usage of one group")
                .prop("group", Schemas.anyObject("dimension -> value (null: calls without one)"), true)
                .prop("bucket", string("ISO-8601 bucket start (with bucket)")).prop("calls", integer(null), true)
                .prop("input_tokens", integer(null), true).prop("output_tokens", integer(null), true)
                .prop("cost_usd", number("sum of known costs"), true)
                .prop("calls_without_cost", integer("calls whose cost is unknown (unknown model, no tokens)"))
                .prop("estimated_calls", integer("calls whose tokens were estimated from text"))
                .prop("errors", integer(null)).build();
        Map<String, Object> out = Schemas.paged(Schemas.object("LLM usage").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true).prop("rows", array(row, "by bucket, then cost descending"), true)
                .prop("total_cost_usd", number("over every row"), true)
                .prop("total_tokens", integer("over every row"), true)).build();
        return new ToolDef("get_llm_usage", "traces", "Get LLM usage",
                "Tokens and cost of LLM and tool calls in a window (default: the last 24 hours), grouped by model,"
                        + " provider, service, tool, user or operation and optionally by time bucket. Costs come from"
                        + " the model price table; calls of unknown models are counted in calls_without_cost, never"
                        + " priced by guess. Token counts estimated from prompt text are counted in estimated_calls.",
                in, out, Hints.READ_ONLY, UsageTools::handleUsage);
    }

    static Map<String, Object> handleUsage(Args args, ToolContext ctx) {
        Instant[] w = closed(TraceArgs.window(args, ctx), ctx);
        List<UsageQuery.Dimension> dims = args.strings("group_by").stream()
                .map(d -> UsageQuery.Dimension.valueOf(d.toUpperCase(Locale.ROOT))).toList();
        Duration bucket = args.has("bucket") ? TraceArgs.duration(args.string("bucket")) : null;
        List<UsageRow> rows = TraceArgs.traces(ctx).usage(w[0], w[1], dims, bucket, args.string("service"),
                args.string("model"));
        double cost = 0;
        long tokens = 0;
        List<Obj> out = new ArrayList<>();
        for (UsageRow r : rows) {
            cost += r.costUsd();
            tokens += r.inputTokens() + r.outputTokens();
            Obj group = Obj.of();
            for (int i = 0; i < dims.size(); i++) {
                group.put(dims.get(i).name().toLowerCase(Locale.ROOT), r.keys().get(i));
            }
            out.add(Obj.of().with("group", group)
                    .with("bucket", r.bucketStartNanos() == null ? null : TraceArgs.iso(r.bucketStartNanos()))
                    .with("calls", r.calls()).with("input_tokens", r.inputTokens())
                    .with("output_tokens", r.outputTokens()).with("cost_usd", r.costUsd())
                    .with("calls_without_cost", r.callsWithoutCost()).with("estimated_calls", r.estimatedCalls())
                    .with("errors", r.errors()));
        }
        long offset = PageCursor.offset(args, ctx);
        int limit = args.intValue("limit");
        List<Obj> page = out.subList((int) Math.min(offset, out.size()), (int) Math.min(offset + limit, out.size()));
        Obj base = Obj.of().with("from", w[0].toString()).with("to", w[1].toString()).with("total_cost_usd", cost)
                .with("total_tokens", tokens);
        int n = ctx.budget().fit(base, page);
        boolean more = offset + n < out.size();
        return base.with("rows", page.subList(0, n)).with("truncated", more).with("next_cursor",
                more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    /** The window with its defaults made explicit (to = now, from = to - 1h). */
    static Instant[] closed(Instant[] w, ToolContext ctx) {
        Instant to = w[1] == null ? ctx.tracking().clock().instant() : w[1];
        Instant from = w[0] == null ? to.minus(Duration.ofHours(1)) : w[0];
        return new Instant[] { from, to };
    }

    static ToolDef compareModels() {
        InputSchema in = InputSchema.of(
                Param.strings("models", "Models to compare (default: every model called in the window).").between(0, 20)
                        .example("[\"gpt-4o\", \"claude-3-5-sonnet\"]"),
                TraceArgs.service(), TraceArgs.last("24h"), TraceArgs.from(), TraceArgs.to());
        Map<String, Object> row = Schemas.object("one model").prop("model", string(null), true)
                .prop("calls", integer(null), true).prop("error_rate", number(null))
                .prop("p50_latency_ms", number(null), true).prop("p95_latency_ms", number(null), true)
                .prop("avg_cost_usd", number("per priced call")).prop("total_cost_usd", number(null), true)
                .prop("avg_input_tokens", number(null)).prop("avg_output_tokens", number(null))
                .prop("avg_confidence", number("observatory.confidence")).prop("fallback_rate", number(null))
                .prop("low_confidence_rate", number(null)).build();
        Map<String, Object> out = Schemas.object("models side by side").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true).prop("models", array(row, "by calls descending"), true).build();
        return new ToolDef("compare_models", "traces", "Compare models",
                "Compare the models called in a window (default: the last 24 hours) side by side: calls, error"
                        + " rate, p50/p95 latency, average and total cost, average tokens, average confidence,"
                        + " fallback and low-confidence rates. Use it to pick a cheaper or faster model, or to see"
                        + " which one fails.",
                in, out, Hints.READ_ONLY, UsageTools::handleCompare);
    }

    static Map<String, Object> handleCompare(Args args, ToolContext ctx) {
        Instant[] w = closed(TraceArgs.window(args, ctx), ctx);
        List<Obj> rows = new ArrayList<>();
        for (ModelComparison m : TraceArgs.traces(ctx).compareModels(w[0], w[1], args.string("service"),
                args.strings("models"))) {
            rows.add(Obj.of().with("model", m.model()).with("calls", m.calls()).with("error_rate", m.errorRate())
                    .with("p50_latency_ms", TraceViews.round(m.p50LatencyMs()))
                    .with("p95_latency_ms", TraceViews.round(m.p95LatencyMs())).with("avg_cost_usd", m.avgCostUsd())
                    .with("total_cost_usd", m.totalCostUsd()).with("avg_input_tokens", m.avgInputTokens())
                    .with("avg_output_tokens", m.avgOutputTokens()).with("avg_confidence", m.avgConfidence())
                    .with("fallback_rate", m.fallbackRate()).with("low_confidence_rate", m.lowConfidenceRate()));
        }
        return Obj.of().with("from", w[0].toString()).with("to", w[1].toString()).with("models", rows);
    }
}
