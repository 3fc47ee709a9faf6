package dev.observatory.mcp.eval;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.analysis.Direction;
import dev.observatory.core.eval.Aggregation;
import dev.observatory.core.eval.Policy;
import dev.observatory.core.eval.Scorecard;
import dev.observatory.core.eval.ScorecardImage;
import dev.observatory.core.eval.ScorecardRequest;
import dev.observatory.core.eval.Scorecards;
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
import dev.observatory.mcp.tool.ToolImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** generate_scorecard: a policy x evaluation heatmap of one metric, as data and as a PNG (contract scorecard.v1). */
final class ScorecardTool {
    static final String SCHEMA_ID = "scorecard.v1";

    private ScorecardTool() {
    }

    static Map<String, Object> outputSchema() {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("type", List.of("number", "null"));
        cell.put("description", "the aggregated value; null where the policy has no result for the evaluation");
        Map<String, Object> row = EvalArgs.policyProps(Schemas.object("one policy (a row)"))
                .prop("values", array(cell, "one per evaluation, in the order of evals"), true)
                .prop("counts", array(integer(null), "results behind each value (episodes/seeds); 0 = missing"), true)
                .prop("mean", number("mean of its present cells; absent when it has none")).build();
        return Schemas.paged(Schemas.object("a policy x evaluation scorecard of one metric (" + SCHEMA_ID + ")")
                .prop("schema", string("contract id: " + SCHEMA_ID), true).prop("metric", string(null), true)
                .prop("aggregation", Schemas.string("mean, max, min or last over episodes and seeds"), true)
                .prop("direction", string("lower_is_better or higher_is_better (colours and sort)"), true)
                .prop("evals", array(string(null), "the columns"), true)
                .prop("rows", array(row, "this page of the policies, in scorecard order"), true)
                .prop("policies_total", integer("rows of the whole scorecard"), true)
                .prop("missing_cells", integer("cells without a result"), true)
                .prop("min", number("smallest value; absent when none")).prop("max", number("largest value"))
                .prop("results_read", integer("result rows aggregated"), true)
                .prop("evals_left_out", integer("evaluations beyond the column limit"), true)
                .prop("image", string("how the heatmap was returned, when it was"))).build();
    }

    static ToolDef definition() {
        List<Param> params = new ArrayList<>();
        params.add(Param.string("metric", "The metric to show, e.g. 'reward' (get_available_metrics lists them).")
                .required().between(1, 250).example("\"reward\""));
        params.add(Param.strings("eval_names", "The columns; omit for every evaluation the policies have the metric"
                + " for (up to " + Scorecards.MAX_EVALS + ").").between(0, Scorecards.MAX_EVALS));
        params.add(Param
                .strings("policies",
                        "The rows as policy refs ('checkpoint:<id>', 'model_version:<id>',"
                                + " 'run:<id>'); omit to take evaluated policies matching name/type/tags/user/project.")
                .between(0, Scorecards.MAX_POLICIES));
        params.addAll(EvalArgs.filterParams());
        params.add(Param.integer("max_policies", "Most rows taken by the filter.").between(1, Scorecards.MAX_POLICIES)
                .defaultsTo(200));
        params.add(Param.string("aggregation", "How a cell combines episodes and seeds.").oneOf(Aggregation.wireNames())
                .defaultsTo("mean"));
        params.add(Param
                .string("direction",
                        "Which way the metric improves; omit to infer it from the name"
                                + " (a name without a known word counts as higher is better).")
                .oneOf(List.of("lower_is_better", "higher_is_better")).example("\"higher_is_better\""));
        params.add(Param.string("sort", "Row order: 'name' (or as given in policies) or 'score' (best mean first).")
                .oneOf(List.of("name", "score")).defaultsTo("name"));
        params.add(Param.bool("image", "Also return the heatmap as a PNG image content block (first page only).")
                .defaultsTo(true));
        params.add(PageCursor.param());
        return new ToolDef("generate_scorecard", Toolsets.ANALYSIS, "Generate a scorecard",
                "A policy x evaluation heatmap of one metric: for each policy (checkpoint or model version) and each"
                        + " evaluation, the metric aggregated over episodes and seeds (mean, max, min or last), missing"
                        + " cells marked, each row's mean, the value range. Returned as data (rows paged with"
                        + " next_cursor) and as a PNG heatmap with readable labels (red worst, green best, grey"
                        + " crossed = missing). Policies come from 'policies' refs or from the search filters.",
                new InputSchema(params), outputSchema(), Hints.READ_ONLY, ScorecardTool::handle);
    }

    static Map<String, Object> handle(Args a, ToolContext ctx) {
        String metric = a.string("metric");
        String d = a.string("direction");
        Direction dir = d != null ? Direction.valueOf(d.toUpperCase(Locale.ROOT))
                : Direction.infer(metric, Direction.HIGHER_IS_BETTER);
        boolean lower = dir == Direction.LOWER_IS_BETTER;
        ScorecardRequest req = new ScorecardRequest(EvalArgs.subjects(a, "policies"), EvalArgs.filter(a, true),
                a.intValue("max_policies"), a.strings("eval_names"), metric, Aggregation.parse(a.string("aggregation")),
                "score".equals(a.string("sort")), lower);
        Scorecard s = new Scorecards(ctx.tracking()).generate(req);
        long offset = Math.min(PageCursor.offset(a, ctx), s.policies().size());
        List<Obj> rows = new ArrayList<>();
        for (int i = (int) offset; i < s.policies().size(); i++) {
            rows.add(row(s, i));
        }
        Obj base = Obj.of().with("schema", SCHEMA_ID).with("metric", s.metric())
                .with("aggregation", s.aggregation().wire()).with("direction", dir.name().toLowerCase(Locale.ROOT))
                .with("evals", s.evals()).with("policies_total", s.policies().size()).with("missing_cells", s.missing())
                .with("min", EvalArgs.num(s.min())).with("max", EvalArgs.num(s.max()))
                .with("results_read", s.resultsRead()).with("evals_left_out", s.truncatedEvals());
        int n = ctx.budget().fit(base, rows);
        boolean more = offset + n < s.policies().size();
        Obj out = base.with("rows", rows.subList(0, n)).with("truncated", more);
        if (more) {
            out.with("next_cursor", PageCursor.at(offset + n, a, ctx));
        }
        if (a.bool("image") && offset == 0) {
            out.with("image", "image/png content block after this JSON (every row)");
            ToolImage.attach(out, ToolImage.png(ScorecardImage.png(s, lower)));
        }
        return out;
    }

    private static Obj row(Scorecard s, int i) {
        Policy p = s.policies().get(i);
        List<Double> values = new ArrayList<>(s.evals().size());
        List<Integer> counts = new ArrayList<>(s.evals().size());
        for (int j = 0; j < s.evals().size(); j++) {
            values.add(s.counts()[i][j] == 0 ? null : EvalArgs.num(s.values()[i][j]));
            counts.add(s.counts()[i][j]);
        }
        return Obj.of().with("ref", p.subject().ref()).with("type", p.type()).with("name", p.name())
                .with("values", values).with("counts", counts).with("mean", EvalArgs.num(s.rowMeans()[i]));
    }
}
