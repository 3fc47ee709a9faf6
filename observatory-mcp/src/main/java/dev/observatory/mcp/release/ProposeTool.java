package dev.observatory.mcp.release;

import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.release.ProposalRequest;
import dev.observatory.core.release.ReleaseProposal;
import dev.observatory.core.release.Releases;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.Map;

/** propose_release_config: a production change as a branch, a commit and a pull request for human review. */
final class ProposeTool {
    /** Creates a branch and may open a pull request on GitHub/GitLab: a write that reaches outside the server. */
    static final Hints HINTS = new Hints(false, false, false, true);

    private ProposeTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("machine", "The machine whose release config changes.").required().between(1, 128)
                        .example("\"gpu-worker-01\""),
                Param.string("deployment",
                        "Add this deployment, or replace the one with this name (with model,"
                                + " version, template, port, gpus, replicas, env).")
                        .between(1, 128).example("\"llama-chat\""),
                Param.string("model", "Registered model the deployment serves.").between(1, 256),
                Param.string("version", "Model version number or alias.").between(1, 64).example("\"3\""),
                Param.string("template", "Serving template (list_docker_templates).").between(1, 128)
                        .example("\"vllm\""),
                Param.integer("port", "First port; replica i listens on port + i.").between(1, 65_535).example("8000"),
                Param.strings("gpus", "GPU ids the deployment holds (free ones: get_machine_topology).")
                        .matching("[0-9]{1,4}").between(0, 1024).example("[\"4\", \"5\"]"),
                Param.integer("replicas", "Serving processes (default 1).").between(1, 64),
                Param.scalarMap("env", "Extra environment of the serving command."),
                Param.string("remove_deployment", "Remove the deployment with this name instead.").between(1, 128),
                Param.string("yaml", "The whole new file for the machine instead (also adds a new machine).").between(1,
                        1_000_000),
                Param.string("title", "Pull request title and commit subject (default: generated).").between(1, 200),
                Param.string("description", "Pull request body: why the change.").between(1, 20_000));
        Map<String, Object> out = Schemas.object("the proposed change").prop("machine", string(null), true)
                .prop("file", string("changed file"), true)
                .prop("branch", string("new branch observatory/<slug>-<timestamp>"), true)
                .prop("base_branch", string("production branch (unchanged)"), true)
                .prop("base_commit_id", string(null), true).prop("commit_id", string(null), true)
                .prop("diff", string("unified diff"), true)
                .prop("pull_request_url", string("the opened pull/merge request"))
                .prop("pull_request_skipped", string("why no pull request was opened")).build();
        return new ToolDef("propose_release_config", ReleaseReadTools.RELEASE, "Propose a release config change",
                "Propose a production change for a human to review: add or replace a deployment on a machine"
                        + " (deployment + model, version, template, port, gpus), remove one (remove_deployment), or"
                        + " give the machine's whole YAML file. The change is validated first (GPU over-allocation,"
                        + " GPUs or ports already used, unknown model versions or templates) and refused with the"
                        + " conflicts; otherwise it is committed on a new branch (never on the production branch)"
                        + " and, when a GitHub or GitLab remote and token are configured, a pull request is opened;"
                        + " else the branch and diff come back with the reason. Needs allow_production_changes and"
                        + " the production scope; refused in read-only mode.",
                in, out, HINTS, ProposeTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        for (String k : java.util.List.of("model", "version", "template", "port", "gpus", "replicas", "env")) {
            if (args.has(k) && !args.has("deployment")) {
                throw new IllegalArgumentException(k + " describes a deployment: give its name as deployment too");
            }
        }
        ProposalRequest req = new ProposalRequest(args.string("machine"), args.string("yaml"),
                args.has("deployment") ? ReleaseReadTools.deployment(args) : null, args.string("remove_deployment"),
                args.string("title"), args.string("description"));
        ReleaseProposal p = new Releases(ctx.tracking()).propose(ctx.actor(), req);
        return Obj.of().with("machine", p.machine()).with("file", p.file()).with("branch", p.branch())
                .with("base_branch", p.baseBranch()).with("base_commit_id", p.baseCommitId())
                .with("commit_id", p.commitId()).with("diff", p.diff()).with("pull_request_url", p.pullRequestUrl())
                .with("pull_request_skipped", p.pullRequestSkipped());
    }
}
