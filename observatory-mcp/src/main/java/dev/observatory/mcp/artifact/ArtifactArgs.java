package dev.observatory.mcp.artifact;

import dev.observatory.core.artifact.Artifacts;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.model.artifact.Artifact;
import java.util.List;

/** Arguments the artifact tools share. */
final class ArtifactArgs {
    private ArtifactArgs() {
    }

    static Artifacts artifacts(ToolContext ctx) {
        return new Artifacts(ctx.tracking());
    }

    static Param runId(String description) {
        return Param.string("run_id", description).required().between(1, 100).example("\"3f9a1c2b7d4e5f60\"");
    }

    static Param artifactId(String description) {
        return Param.string("artifact_id", description).required().between(1, 100).example("\"a1b2c3d4e5f60718\"");
    }

    static Param limit(int max, int dflt) {
        return Param.integer("limit", "Most items to return (1-" + max + ").").between(1, max).defaultsTo(dflt);
    }

    static Param goal() {
        return Param.string("goal", "min when lower is better (loss), max when higher is better (accuracy).")
                .oneOf(List.of("min", "max")).defaultsTo("min");
    }

    static Artifact artifact(Args args, ToolContext ctx) {
        return artifacts(ctx).get(args.string("artifact_id"));
    }
}
