package dev.observatory.mcp.eval;

import dev.observatory.core.eval.Policy;
import dev.observatory.core.eval.PolicyFilter;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.eval.EvalSubjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Arguments and views the evaluation tools share. */
final class EvalArgs {
    static final String REF_PATTERN = "(run|checkpoint|model_version):[A-Za-z0-9._:-]{1,100}";

    private EvalArgs() {
    }

    static Param subject(String name, String what) {
        return Param
                .string(name, what + " As 'type:id' with type run, checkpoint or model_version (ids as listed by"
                        + " list_runs, list_checkpoints or list_model_versions; search_policies shows policy refs).")
                .matching(REF_PATTERN).example("\"checkpoint:3f2a9c1d5e7b4a60\"");
    }

    static EvalSubject subject(Args a, String name) {
        String s = a.string(name);
        return s == null ? null : EvalSubject.parse(s);
    }

    static List<EvalSubject> subjects(Args a, String name) {
        List<EvalSubject> out = new ArrayList<>();
        for (String s : a.strings(name)) {
            if (!s.matches(REF_PATTERN)) {
                throw new IllegalArgumentException("argument '" + name + "' holds '" + s + "', which is no 'type:id'"
                        + " reference such as 'checkpoint:3f2a9c1d5e7b4a60'");
            }
            out.add(EvalSubject.parse(s));
        }
        return out;
    }

    /** The policy search filter parameters. */
    static List<Param> filterParams() {
        return List.of(
                Param.string("name",
                        "Text the policy name contains (case-insensitive); names are"
                                + " '<run name>@<step>' for checkpoints and '<model>:v<version>' for model versions.")
                        .between(1, 200).example("\"ppo-003\""),
                Param.string("type", "Only checkpoints or only model versions.")
                        .oneOf(List.of("checkpoint", "model_version")).example("\"checkpoint\""),
                Param.strings("tags",
                        "Every tag must be present: run tags for checkpoints, version tags (key or"
                                + " key=value) for model versions.")
                        .between(0, 20),
                Param.string("user", "The run's user (checkpoints) or who registered the version.").between(1, 200)
                        .example("\"alice\""),
                Param.string("project", "Only policies of runs in this project.").between(1, 100)
                        .example("\"navigation\""));
    }

    static PolicyFilter filter(Args a, boolean evaluatedOnly) {
        String type = a.string("type");
        return new PolicyFilter(a.string("name"), type == null ? null : EvalSubjectKind.parse(type), a.strings("tags"),
                a.string("user"), a.string("project"), evaluatedOnly);
    }

    static Map<String, Object> policySchema(String description) {
        return policyProps(Schemas.object(description)).build();
    }

    static Schemas.ObjectBuilder policyProps(Schemas.ObjectBuilder b) {
        return b.prop("ref", Schemas.string("type:id, to pass to get_policies and generate_scorecard"), true)
                .prop("type", Schemas.string("checkpoint, model_version or run"), true)
                .prop("name", Schemas.string(null), true).prop("project", Schemas.string(null))
                .prop("run_id", Schemas.string(null)).prop("user", Schemas.string(null))
                .prop("tags", Schemas.array(Schemas.string(null), null)).prop("step", Schemas.integer(null))
                .prop("created", Schemas.string("ISO-8601"));
    }

    static Obj policy(Policy p) {
        return Obj.of().with("ref", p.subject().ref()).with("type", p.type()).with("name", p.name())
                .with("project", p.project()).with("run_id", p.runId()).with("user", p.user())
                .with("tags", p.tags().isEmpty() ? null : p.tags()).with("step", p.step())
                .with("created", p.createdAt() == null ? null : p.createdAt().toString());
    }

    /** A finite number rounded to 6 significant digits, or null. */
    static Double num(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        if (v == 0) {
            return 0.0;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }
}
