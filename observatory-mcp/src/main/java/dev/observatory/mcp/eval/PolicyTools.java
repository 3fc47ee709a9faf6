package dev.observatory.mcp.eval;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.eval.EvalSummary;
import dev.observatory.core.eval.Policies;
import dev.observatory.core.eval.Policy;
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
import dev.observatory.model.eval.EvalSubject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** search_policies and get_policies: trained policies (checkpoints, model versions) with their evaluation results. */
final class PolicyTools {
    static final int SUMMARY_ROWS = 200_000;

    private PolicyTools() {
    }

    static ToolDef search() {
        List<Param> params = new ArrayList<>(EvalArgs.filterParams());
        params.add(
                Param.bool("evaluated_only", "Only policies with at least one evaluation result.").defaultsTo(false));
        params.add(Param.integer("limit", "Most policies per page.").between(1, 200).defaultsTo(50));
        params.add(PageCursor.param());
        Map<String, Object> item = EvalArgs.policyProps(Schemas.object("a policy"))
                .prop("evals", integer("evaluations it has results for"), true)
                .prop("results", integer("its result rows"), true).build();
        Map<String, Object> out = Schemas.paged(Schemas.object("matching policies by name")
                .prop("policies", array(item, "by name"), true).prop("total", integer("matches in all"), true)
                .prop("complete", bool("false when the scan stopped at " + Policies.MAX_SCAN
                        + " checkpoints or versions; narrow the search"), true))
                .build();
        return new ToolDef("search_policies", Toolsets.ANALYSIS, "Search policies",
                "Trained policies - checkpoints of runs and versions of registered models - filtered by name, type,"
                        + " tags, user and project, by name, with how many evaluations and results each has. A"
                        + " policy's ref ('checkpoint:<id>' or 'model_version:<id>') is what get_policies and"
                        + " generate_scorecard take.",
                new InputSchema(params), out, Hints.READ_ONLY, PolicyTools::handleSearch);
    }

    static Map<String, Object> handleSearch(Args a, ToolContext ctx) {
        Policies policies = new Policies(ctx.tracking());
        long offset = PageCursor.offset(a, ctx);
        Policies.SearchPage page = policies.searchAt(EvalArgs.filter(a, a.bool("evaluated_only")), offset,
                a.intValue("limit"));
        List<Policy> rest = page.items();
        Map<EvalSubject, List<EvalSummary>> summaries = policies.summaries(rest.stream().map(Policy::subject).toList(),
                SUMMARY_ROWS);
        List<Obj> items = new ArrayList<>();
        for (Policy p : rest) {
            List<EvalSummary> s = summaries.get(p.subject());
            items.add(EvalArgs.policy(p).with("evals", s.stream().map(EvalSummary::evalName).distinct().count())
                    .with("results", s.stream().mapToLong(EvalSummary::count).sum()));
        }
        Obj base = Obj.of().with("total", page.total()).with("complete", page.complete());
        int n = ctx.budget().fit(base, items);
        long next = offset + n;
        boolean more = next < page.total();
        Obj out = Obj.of().with("policies", items.subList(0, n)).with("total", page.total())
                .with("complete", page.complete()).with("truncated", more);
        if (more) {
            out.with("next_cursor", PageCursor.at(next, a, ctx));
        }
        return out;
    }

    static ToolDef get() {
        InputSchema in = InputSchema.of(
                Param.strings("policies",
                        "Policy refs as listed by search_policies ('checkpoint:<id>',"
                                + " 'model_version:<id>'; 'run:<id>' works too).")
                        .required().between(1, 50).example("[\"checkpoint:3f2a9c1d5e7b4a60\"]"),
                Param.string("eval_name", "Only the results of this evaluation.").between(1, 200)
                        .example("\"nav/maze_small\""));
        Map<String, Object> summary = Schemas.object("one metric of one evaluation over episodes and seeds")
                .prop("eval_name", string(null), true).prop("metric", string(null), true)
                .prop("count", integer("results"), true).prop("mean", number(null), true)
                .prop("min", number(null), true).prop("max", number(null), true)
                .prop("last", number("the most recently recorded value"), true).build();
        Map<String, Object> item = EvalArgs.policyProps(Schemas.object("a policy with its results"))
                .prop("evals", array(summary, "by eval name, then metric"), true)
                .prop("evals_truncated", bool("more evaluations than fit the output")).build();
        Map<String, Object> out = Schemas.object("the policies asked for, in that order")
                .prop("policies", array(item, null), true).prop("truncated", bool(null), true).build();
        return new ToolDef("get_policies", Toolsets.ANALYSIS, "Get policies",
                "Policies (checkpoints, model versions, or runs) by ref, each with its evaluation results summarised"
                        + " per evaluation and metric: count of episodes/seeds, mean, min, max and the last recorded"
                        + " value; only one evaluation's results when eval_name is given. Unknown refs are an error.",
                in, out, Hints.READ_ONLY, PolicyTools::handleGet);
    }

    static Map<String, Object> handleGet(Args a, ToolContext ctx) {
        Policies policies = new Policies(ctx.tracking());
        List<EvalSubject> refs = new ArrayList<>(new LinkedHashSet<>(EvalArgs.subjects(a, "policies")));
        List<Policy> resolved = refs.stream().map(policies::resolve).toList();
        Map<EvalSubject, List<EvalSummary>> summaries = policies.summaries(refs, SUMMARY_ROWS);
        String only = a.string("eval_name");
        List<Obj> items = new ArrayList<>();
        int perPolicy = Math.max(5, 300 / refs.size());
        boolean truncated = false;
        for (Policy p : resolved) {
            List<Obj> evals = new ArrayList<>();
            for (EvalSummary s : summaries.get(p.subject())) {
                if (only == null || only.equals(s.evalName())) {
                    evals.add(
                            Obj.of().with("eval_name", s.evalName()).with("metric", s.metric()).with("count", s.count())
                                    .with("mean", EvalArgs.num(s.mean())).with("min", EvalArgs.num(s.min()))
                                    .with("max", EvalArgs.num(s.max())).with("last", EvalArgs.num(s.last())));
                }
            }
            boolean cut = evals.size() > perPolicy;
            truncated |= cut;
            items.add(EvalArgs.policy(p).with("evals", cut ? evals.subList(0, perPolicy) : evals)
                    .with("evals_truncated", cut ? true : null));
        }
        return ctx.budget().enforce(Obj.of().with("policies", items).with("truncated", truncated));
    }
}
