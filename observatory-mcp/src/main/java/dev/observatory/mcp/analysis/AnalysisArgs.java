package dev.observatory.mcp.analysis;

import dev.observatory.analysis.Direction;
import dev.observatory.core.analysis.Analysis;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import java.util.List;
import java.util.Map;

/** Arguments the analysis tools share. */
final class AnalysisArgs {
    private AnalysisArgs() {
    }

    static Analysis analysis(ToolContext ctx) {
        return new Analysis(ctx.tracking());
    }

    static Param runId() {
        return Param.string("run_id", "Run id, as listed by list_runs or search.").required().between(1, 64)
                .example("\"3f2a9c1d5e7b4a60\"");
    }

    static Param metric(String what) {
        return Param
                .string("metric",
                        what + " Omit to use the run's primary metric (a training loss such as"
                                + " train/loss, else an RL return, else any loss).")
                .between(1, 250).example("\"train/loss\"");
    }

    static Param direction() {
        return Param
                .string("direction",
                        "Which way the metric improves; omit to infer it from the name (loss,"
                                + " error, perplexity: lower; accuracy, reward, f1: higher).")
                .oneOf(List.of("lower_is_better", "higher_is_better")).example("\"lower_is_better\"");
    }

    static Direction direction(Args args) {
        String d = args.string("direction");
        return d == null ? null : Direction.valueOf(d.toUpperCase(java.util.Locale.ROOT));
    }

    /** The answer with {@code truncated} set when the budget had to shorten it. */
    static Map<String, Object> answer(Obj o, ToolContext ctx) {
        o.putIfAbsent("truncated", false);
        return ctx.budget().enforce(o);
    }
}
