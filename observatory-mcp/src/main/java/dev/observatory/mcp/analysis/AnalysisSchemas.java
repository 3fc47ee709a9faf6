package dev.observatory.mcp.analysis;

import static dev.observatory.mcp.tool.Schemas.anyObject;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.tool.Schemas;
import java.util.List;
import java.util.Map;

/** Output-schema pieces the analysis tools share. */
final class AnalysisSchemas {
    private AnalysisSchemas() {
    }

    static Map<String, Object> enumOf(String description, String... values) {
        Map<String, Object> s = string(description);
        s.put("enum", List.of(values));
        return s;
    }

    static Map<String, Object> scalar(String description) {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("type", List.of("number", "string", "boolean"));
        s.put("description", description);
        return s;
    }

    static Map<String, Object> score(String description) {
        Map<String, Object> s = number(description + ", 0-100");
        s.put("minimum", 0);
        s.put("maximum", 100);
        return s;
    }

    static Map<String, Object> unit(String description) {
        Map<String, Object> s = number(description + ", 0..1");
        s.put("minimum", 0);
        s.put("maximum", 1);
        return s;
    }

    static final Map<String, Object> SEVERITY = enumOf("info, warning or critical", "info", "warning", "critical");
    static final Map<String, Object> HEALTH = enumOf("overall health", "healthy", "warning", "critical");
    static final Map<String, Object> DIRECTION = enumOf("which way the metric improves", "lower_is_better",
            "higher_is_better");

    static final Map<String, Object> RUN = Schemas.object("the run").prop("id", string("run id"), true)
            .prop("name", string(null), true).prop("project", string(null), true)
            .prop("status", string("queued, running, finished, failed, killed or crashed"), true).build();

    static final Map<String, Object> SCORES = Schemas.object("scores, 0-100, higher is better")
            .prop("overall", score("0.4 convergence + 0.35 stability + 0.25 speed"), true)
            .prop("convergence", score("how far and how steadily the primary metric improved"), true)
            .prop("stability", score("100 minus penalties for divergence, drops, noise, OOM and errors"), true)
            .prop("speed", score("how early the curve learned, and throughput steadiness"), true)
            .prop("dataset", score("dataset quality; absent while no dataset is linked")).build();

    static final Map<String, Object> BOTTLENECK = Schemas.object("a problem holding the run back")
            .prop("code", string("stable code, e.g. DIVERGENCE, OUT_OF_MEMORY, PLATEAU, OVERFITTING"), true)
            .prop("severity", SEVERITY, true).prop("message", string("one sentence"), true)
            .prop("confidence", unit("how sure"), true)
            .prop("confidence_source", string("how the confidence was derived (detector id, versioned)"), true)
            .prop("metric", string("the metric concerned")).prop("step", integer("where it happened")).build();

    static final Map<String, Object> RECOMMENDATION = Schemas.object("what to do").prop("title", string(null), true)
            .prop("priority", enumOf("high, medium or low", "high", "medium", "low"), true)
            .prop("detail", string("why and how"), true)
            .prop("addresses", string("the bottleneck code it answers"), true).build();

    static final Map<String, Object> EVIDENCE = Schemas.object("one fact a finding rests on")
            .prop("signal", string("what was measured"), true).prop("metric", string(null)).prop("step", integer(null))
            .prop("value", number(null)).prop("source", string("the analysis that produced it"), true).build();

    static final Map<String, Object> MOMENT = Schemas.object("a critical moment")
            .prop("type", enumOf(null, "breakthrough", "drop", "plateau", "divergence"), true)
            .prop("step", integer("where (a plateau: its first step)"), true)
            .prop("end_step", integer("last step of a plateau"))
            .prop("value_before", number("smoothed level before"), true)
            .prop("value_after", number("smoothed level after (absent: NaN straight away)"))
            .prop("magnitude", number("size, in magnitude_unit"), true)
            .prop("magnitude_unit",
                    string("relative_change, scale_fraction, run_fraction, growth_factor or non_finite_fraction"), true)
            .prop("confidence", unit(null), true).prop("confidence_source", string(null), true)
            .prop("description", string(null), true).build();

    static final Map<String, Object> MOMENT_REPORT = Schemas.object("critical moments of one curve")
            .prop("status", enumOf(null, "ok", "insufficient_data", "constant_series"), true)
            .prop("message", string(null)).prop("direction", DIRECTION, true)
            .prop("point_count", integer("finite points"), true)
            .prop("analysed_points", integer("points the detectors saw (bucket means of long series)"), true)
            .prop("log_scale", bool(null), true).prop("noise", number("robust noise level"))
            .prop("moments", array(MOMENT, "in step order"), true).build();

    static final Map<String, Object> TREND = Schemas.object("trend and learning velocity over the recent window")
            .prop("status", string(null), true).prop("trend", string("improving, worsening or flat"))
            .prop("velocity", number("improvement per 1k steps as a fraction of the curve's range"))
            .prop("slope_per1k_steps", number(null)).build();

    static final Map<String, Object> CONVERGENCE = Schemas.object("convergence of the smoothed curve")
            .prop("status", string(null), true).prop("converged", bool(null), true)
            .prop("converged_at_step", integer(null)).prop("last_relative_improvement", number(null))
            .prop("threshold", number(null), true).build();

    static final Map<String, Object> CURVE = Schemas.object("the learning curve of one metric")
            .prop("key", string("metric key"), true).prop("direction", DIRECTION, true)
            .prop("total_points", integer(null), true).prop("analysed_points", integer(null), true)
            .prop("sampled", bool("true when analysed on an M4 downsampling"), true)
            .prop("first_step", integer(null), true).prop("last_step", integer(null), true)
            .prop("smoothed_first", number(null), true).prop("smoothed_last", number(null), true)
            .prop("best", number("best smoothed value"), true).prop("best_step", integer(null), true)
            .prop("relative_gain", number("improvement first to last, fraction"), true)
            .prop("regression_from_best", number("fraction of the range behind the best"), true)
            .prop("t90_run_fraction", number("run share until 90% of the improvement"))
            .prop("noise_ratio", number("noise around the smoothed curve / range"))
            .prop("phase", enumOf(null, "learning", "converged", "stalled", "regressing", "diverged"), true)
            .prop("trend", TREND, true).prop("convergence", CONVERGENCE,
                    true)
            .prop("smoothed", array(Schemas.object("a point").prop("step", integer(null), true)
                    .prop("value", number(null), true).build(), "smoothed curve, at most 24 points"), true)
            .build();

    static final Map<String, Object> NEXT = Schemas.object("the one change to try next")
            .prop("run_id", string(null), true)
            .prop("recommendation_type",
                    enumOf(null, "tune_learning_rate", "add_warmup", "reduce_batch", "regularise", "more_data",
                            "longer_training", "stop_earlier", "keep_configuration"),
                    true)
            .prop("parameter", string("dotted path of the run param to change"))
            .prop("current", scalar("its current value; absent when the run does not record it"))
            .prop("proposed", scalar("the proposed value; absent when nothing changes"))
            .prop("rationale", string(null), true).prop("evidence", array(EVIDENCE, null), true)
            .prop("risk_level", enumOf(null, "low", "medium", "high"), true).prop("expected_effect", string(null), true)
            .build();

    static final Map<String, Object> EVALUATION = Schemas.object("the run graded against a pass threshold")
            .prop("run_id", string(null), true).prop("overall_score", score("the overall score"), true)
            .prop("grade", enumOf("A >= 90, B >= 80, C >= 70, D >= 60, F", "A", "B", "C", "D", "F"), true)
            .prop("passed", bool("overall >= pass_threshold and health not critical"), true)
            .prop("pass_threshold", score("the threshold"), true).prop("health", HEALTH, true)
            .prop("scores", SCORES, true)
            .prop("reasons", array(string(null), "why it did not pass; empty when it passed"), true).build();

    static final Map<String, Object> LOG_CLUSTER = Schemas.object("log lines sharing a signature")
            .prop("signature", string(null), true).prop("category", string("oom, nan, error or warning"), true)
            .prop("level", string(null), true).prop("count", integer(null), true)
            .prop("first_position", integer("first log line"), true)
            .prop("last_position", integer("last log line"), true).prop("example", string(null), true).build();

    static final Map<String, Object> ANY = anyObject("analysis result");

    static Map<String, Object> counts(String description) {
        return mapOf(integer(null), description);
    }
}
