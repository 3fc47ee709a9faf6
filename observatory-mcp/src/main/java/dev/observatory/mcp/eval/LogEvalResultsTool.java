package dev.observatory.mcp.eval;

import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.eval.EvalInput;
import dev.observatory.core.eval.Evals;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** log_eval_results: records the metrics of one evaluation episode of a run, checkpoint or model version. */
final class LogEvalResultsTool {
    static final Hints HINTS = new Hints(false, false, false, false);

    private LogEvalResultsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(EvalArgs.subject("subject", "What was evaluated.").required(),
                Param.string("eval_name", "The evaluation (environment, benchmark or task), e.g. 'nav/maze_small'.")
                        .required().between(1, 200).example("\"nav/maze_small\""),
                Param.scalarMap("metrics",
                        "Metric name to finite number, e.g. {\"reward\": 0.82, \"success\": 1}; at"
                                + " most 100 metrics.")
                        .required(),
                Param.integer("episode", "Episode number (>= 0) when results are per episode.").between(0, null),
                Param.integer("seed", "Random seed of the evaluation."),
                Param.integer("step", "Training step the subject was at.").between(0, null));
        Map<String, Object> out = Schemas.object("what was recorded").prop("recorded", integer("results stored"), true)
                .prop("subject", string("type:id"), true).prop("eval_name", string(null), true)
                .prop("ids", Schemas.array(string(null), "ids of the stored results, in metric order"), true).build();
        return new ToolDef("log_eval_results", Toolsets.ANALYSIS, "Log evaluation results",
                "Records the results of one evaluation of a run, checkpoint or model version: one value per metric"
                        + " (e.g. reward, success), optionally for an episode and seed and at a training step. The"
                        + " subject must exist; values must be finite; nothing is stored when any value is bad. Use"
                        + " the REST endpoint POST /api/v1/evals for batches of many episodes. The results feed"
                        + " get_eval_names, search_policies, get_policies and generate_scorecard.",
                in, out, HINTS, LogEvalResultsTool::handle);
    }

    static Map<String, Object> handle(Args a, ToolContext ctx) {
        EvalSubject subject = EvalArgs.subject(a, "subject");
        Map<String, String> metrics = a.scalarMap("metrics");
        if (metrics.isEmpty() || metrics.size() > 100) {
            throw new IllegalArgumentException("metrics must hold 1 to 100 metric values, got " + metrics.size());
        }
        List<EvalInput> batch = new ArrayList<>();
        for (var e : metrics.entrySet()) {
            double v;
            try {
                v = Double.parseDouble(e.getValue());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "metric '" + e.getKey() + "' must be a number, got '" + e.getValue() + "'");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("metric '" + e.getKey() + "' must be a finite number, got " + v);
            }
            batch.add(new EvalInput(subject, a.string("eval_name"), e.getKey(), v, a.longValue("episode"),
                    a.longValue("seed"), a.longValue("step")));
        }
        List<EvalResult> stored = new Evals(ctx.tracking()).record(ctx.actor(), batch);
        return Obj.of().with("recorded", stored.size()).with("subject", subject.ref())
                .with("eval_name", a.string("eval_name")).with("ids", stored.stream().map(EvalResult::id).toList());
    }
}
