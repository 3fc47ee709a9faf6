package dev.observatory.mcp.eval;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.eval.EvalName;
import dev.observatory.core.eval.Evals;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.eval.EvalMetricCount;
import java.util.List;
import java.util.Map;

/** get_eval_names and get_available_metrics: which evaluations and metrics have results. */
final class EvalCatalogTools {
    private EvalCatalogTools() {
    }

    static ToolDef evalNames() {
        InputSchema in = InputSchema.of(EvalArgs.subject("subject", "Only the evaluations of this subject."),
                Param.integer("limit", "Most evaluations per page.").between(1, 1000).defaultsTo(200),
                PageCursor.param());
        Map<String, Object> eval = Schemas.object("an evaluation").prop("name", string(null), true)
                .prop("metrics", array(string(null), "metrics recorded for it"), true)
                .prop("results", integer("result rows"), true)
                .prop("subjects", integer("most subjects any one metric has"), true).build();
        Map<String, Object> out = Schemas.paged(Schemas.object("evaluations by name")
                .prop("evals", array(eval, "by name"), true).prop("total", integer("evaluations in all"), true))
                .build();
        return new ToolDef("get_eval_names", Toolsets.ANALYSIS, "Get evaluation names",
                "The evaluations (environments, benchmarks, tasks) that have results, by name, each with its metrics"
                        + " and how many results and subjects it has; of one run, checkpoint or model version when"
                        + " 'subject' is given. Use the names as eval_names of generate_scorecard.",
                in, out, Hints.READ_ONLY, EvalCatalogTools::handleNames);
    }

    static Map<String, Object> handleNames(Args a, ToolContext ctx) {
        List<EvalName> all = new Evals(ctx.tracking()).evalNames(EvalArgs.subject(a, "subject"));
        List<Obj> items = all.stream().map(e -> Obj.of().with("name", e.name()).with("metrics", e.metrics())
                .with("results", e.results()).with("subjects", e.subjects())).toList();
        return page(a, ctx, "evals", items, all.size());
    }

    static ToolDef metrics() {
        InputSchema in = InputSchema.of(
                Param.string("eval_name", "Only the metrics of this evaluation.").between(1, 200).example(
                        "\"nav/maze_small\""),
                EvalArgs.subject("subject", "Only the metrics of this subject."),
                Param.integer("limit", "Most metrics per page.").between(1, 1000).defaultsTo(200), PageCursor.param());
        Map<String, Object> metric = Schemas.object("a metric of an evaluation").prop("eval_name", string(null), true)
                .prop("metric", string(null), true).prop("results", integer(null), true)
                .prop("subjects", integer("subjects with results"), true).build();
        Map<String, Object> out = Schemas.paged(Schemas.object("metrics by evaluation")
                .prop("metrics", array(metric, "by eval name, then metric"), true)
                .prop("total", integer("pairs in all"), true)).build();
        return new ToolDef("get_available_metrics", Toolsets.ANALYSIS, "Get available evaluation metrics",
                "The metrics recorded in evaluation results, per evaluation, with result and subject counts: of one"
                        + " evaluation and/or one subject (run, checkpoint or model version) when given, else of all."
                        + " Use a metric as the 'metric' of generate_scorecard.",
                in, out, Hints.READ_ONLY, EvalCatalogTools::handleMetrics);
    }

    static Map<String, Object> handleMetrics(Args a, ToolContext ctx) {
        List<EvalMetricCount> all = new Evals(ctx.tracking()).metrics(a.string("eval_name"),
                EvalArgs.subject(a, "subject"));
        List<Obj> items = all.stream().map(m -> Obj.of().with("eval_name", m.evalName()).with("metric", m.metric())
                .with("results", m.results()).with("subjects", m.subjects())).toList();
        return page(a, ctx, "metrics", items, all.size());
    }

    /** A page of items from the cursor's offset, cut to the limit and the output budget. */
    static Map<String, Object> page(Args a, ToolContext ctx, String key, List<Obj> items, long total) {
        int offset = (int) Math.min(PageCursor.offset(a, ctx), items.size());
        List<Obj> rest = items.subList(offset, Math.min(items.size(), offset + a.intValue("limit")));
        Obj base = Obj.of().with("total", total);
        int n = ctx.budget().fit(base, rest);
        boolean more = offset + n < items.size();
        Obj out = Obj.of().with(key, rest.subList(0, n)).with("total", total).with("truncated", more);
        if (more) {
            out.with("next_cursor", PageCursor.at(offset + n, a, ctx));
        }
        return out;
    }
}
