package dev.observatory.mcp.release;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.release.ModelPlacement;
import dev.observatory.core.release.ReleaseConfig;
import dev.observatory.core.release.ReleaseDeployment;
import dev.observatory.core.release.ReleaseSnapshot;
import dev.observatory.core.release.Releases;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** list_release_configs, get_release_config, get_models_by_deployment and list_docker_templates. */
final class ReleaseReadTools {
    static final String RELEASE = "release";

    private ReleaseReadTools() {
    }

    static ToolDef listConfigs() {
        InputSchema in = InputSchema.of(
                Param.string("search", "Only machines whose name contains this text (case-insensitive).")
                        .between(1, 128).example("\"gpu-worker\""),
                Param.integer("limit", "Most configs to return (1-200).").between(1, 200).defaultsTo(50),
                PageCursor.param());
        Map<String, Object> config = Schemas.object("one machine's release config").prop("machine", string(null), true)
                .prop("file", string("file in the release repository"), true).prop("environment", string(null), true)
                .prop("gpu_type", string(null)).prop("gpus", integer("GPUs on the machine"), true)
                .prop("deployments", integer(null), true)
                .prop("models", array(string("model:version"), "what it serves"), true).build();
        Map<String, Object> out = Schemas
                .paged(Schemas.object("release configs at the production branch's head")
                        .prop("branch", string("production branch"), true).prop("commit_id", string(null), true)
                        .prop("configs", array(config, "by file path"), true).prop("errors",
                                array(ReleaseViews.FILE_ERROR, "files that could not be read (file, line)"), true)
                        .prop("total", integer("configs matching"), true))
                .build();
        return new ToolDef("list_release_configs", RELEASE, "List release configs",
                "The production release configs (GitOps): one YAML file per machine in the release Git repository,"
                        + " read at the head of the production branch. Each row says the machine, its GPUs and what"
                        + " it serves (model:version); files with YAML or schema errors are listed with file and"
                        + " line. Use get_release_config for one machine's deployments, get_machine_topology for GPU"
                        + " allocation and conflicts.",
                in, out, Hints.READ_ONLY, ReleaseReadTools::handleList);
    }

    static Map<String, Object> handleList(Args args, ToolContext ctx) {
        ReleaseSnapshot s = new Releases(ctx.tracking()).snapshot();
        String search = args.has("search") ? args.string("search").toLowerCase(Locale.ROOT) : null;
        List<ReleaseConfig> all = s.configs().stream()
                .filter(c -> search == null || c.machine().toLowerCase(Locale.ROOT).contains(search))
                .sorted(java.util.Comparator.comparing(ReleaseConfig::path)).toList();
        int offset = (int) Math.min(all.size(), PageCursor.offset(args, ctx));
        List<Obj> rows = all.subList(offset, Math.min(all.size(), offset + args.intValue("limit"))).stream()
                .map(ReleaseReadTools::summary).toList();
        List<Obj> errors = s.errors().stream().map(ReleaseViews::fileError).toList();
        Obj base = Obj.of().with("branch", s.branch()).with("commit_id", s.commitId()).with("errors", errors)
                .with("total", all.size());
        int n = ctx.budget().fit(base, rows);
        boolean more = offset + n < all.size();
        return Obj.of().with("branch", s.branch()).with("commit_id", s.commitId()).with("configs", rows.subList(0, n))
                .with("errors", errors).with("total", all.size()).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    private static Obj summary(ReleaseConfig c) {
        return Obj.of().with("machine", c.machine()).with("file", c.path()).with("environment", c.environment())
                .with("gpu_type", c.gpuType()).with("gpus", c.gpuCount()).with("deployments", c.deployments().size())
                .with("models", c.deployments().stream().map(d -> d.model() + ":" + d.version()).distinct().toList());
    }

    static ToolDef getConfig() {
        InputSchema in = InputSchema
                .of(Param.string("machine", "Machine name, or the config's file path in the" + " release repository.")
                        .required().between(1, 512).example("\"gpu-worker-01\""));
        Map<String, Object> out = Schemas.object("one machine's release config").prop("machine", string(null), true)
                .prop("file", string(null), true).prop("environment", string(null), true).prop("gpu_type", string(null))
                .prop("gpus", integer(null), true)
                .prop("deployments", array(ReleaseViews.DEPLOYMENT, "in file order"), true)
                .prop("yaml", string("the file's text"), true).prop("branch", string(null), true)
                .prop("commit_id", string(null), true).build();
        return new ToolDef("get_release_config", RELEASE, "Get a release config",
                "One machine's production release config: its GPUs and every deployment (model, version, template,"
                        + " replicas, ports, GPU ids, line in the file) plus the YAML text, at the head of the"
                        + " production branch. A file with a YAML or schema error answers with the file, line and"
                        + " what is wrong.",
                in, out, Hints.READ_ONLY, ReleaseReadTools::handleGet);
    }

    static Map<String, Object> handleGet(Args args, ToolContext ctx) {
        Releases releases = new Releases(ctx.tracking());
        ReleaseConfig c = releases.config(args.string("machine"));
        ReleaseSnapshot s = releases.snapshot();
        return Obj.of().with("machine", c.machine()).with("file", c.path()).with("environment", c.environment())
                .with("gpu_type", c.gpuType()).with("gpus", c.gpuCount())
                .with("deployments", c.deployments().stream().map(ReleaseViews::deployment).toList())
                .with("yaml", s.texts().get(c.path())).with("branch", s.branch()).with("commit_id", s.commitId());
    }

    static ToolDef modelsByDeployment() {
        InputSchema in = InputSchema.of(
                Param.string("model", "Only this registered model.").between(1, 256).example("\"llama-3-70b\""),
                Param.integer("limit", "Most placements to return (1-500).").between(1, 500).defaultsTo(100),
                PageCursor.param());
        Map<String, Object> placement = Schemas.object("one production deployment of a model version")
                .prop("model", string(null), true).prop("version", string(null), true)
                .prop("machine", string(null), true).prop("deployment", string(null), true)
                .prop("template", string(null), true).prop("replicas", integer(null), true)
                .prop("ports", array(integer(null), null), true).prop("gpus", array(integer(null), null), true)
                .prop("file", string(null), true).build();
        Map<String, Object> out = Schemas.paged(Schemas.object("where models run in production")
                .prop("placements", array(placement, "by model, version, machine"), true)
                .prop("total", integer(null), true)).build();
        return new ToolDef("get_models_by_deployment", RELEASE, "Get models by deployment",
                "Where each model version runs in production according to the release configs: machine,"
                        + " deployment name, template, replicas, ports and GPUs, ordered by model and version. Give"
                        + " model to answer \"where is llama-3-70b deployed and which versions?\"",
                in, out, Hints.READ_ONLY, ReleaseReadTools::handleModels);
    }

    static Map<String, Object> handleModels(Args args, ToolContext ctx) {
        List<ModelPlacement> all = new Releases(ctx.tracking()).placements(args.string("model"));
        int offset = (int) Math.min(all.size(), PageCursor.offset(args, ctx));
        List<Obj> rows = all.subList(offset, Math.min(all.size(), offset + args.intValue("limit"))).stream()
                .map(p -> Obj.of().with("model", p.model()).with("version", p.version()).with("machine", p.machine())
                        .with("deployment", p.deployment()).with("template", p.template())
                        .with("replicas", p.replicas()).with("ports", p.ports()).with("gpus", p.gpus())
                        .with("file", p.file()))
                .toList();
        int n = ctx.budget().fit(Obj.of().with("total", all.size()), rows);
        boolean more = offset + n < all.size();
        return Obj.of().with("placements", rows.subList(0, n)).with("total", all.size())
                .with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef templates() {
        Map<String, Object> out = Schemas.object("serving templates")
                .prop("templates", array(ReleaseViews.TEMPLATE, "built-in first, then the repository's"), true).build();
        return new ToolDef("list_docker_templates", RELEASE, "List serving templates",
                "The serving templates a release config's deployments may name: vLLM, TGI, Triton and custom ship"
                        + " as examples; YAML files under templates/ in the release repository add or replace"
                        + " templates. Each has its image, serving command with placeholders, port, health path and"
                        + " the API it speaks.",
                InputSchema.of(), out, Hints.READ_ONLY, (args, ctx) -> Obj.of().with("templates",
                        new Releases(ctx.tracking()).templates().stream().map(ReleaseViews::template).toList()));
    }

    /** A deployment built from the propose_release_config arguments. */
    static ReleaseDeployment deployment(Args args) {
        List<Integer> gpus = args.has("gpus") ? args.strings("gpus").stream().map(Integer::parseInt).toList()
                : List.of();
        int replicas = args.has("replicas") ? args.intValue("replicas") : 1;
        if (!args.has("port")) {
            throw new IllegalArgumentException(
                    "give the deployment's first port (port); replica i listens on" + " port + i");
        }
        List<Integer> ports = new java.util.ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            ports.add(args.intValue("port") + i);
        }
        for (String k : List.of("model", "version", "template")) {
            if (!args.has(k)) {
                throw new IllegalArgumentException(
                        "a deployment needs model, version and template; " + k + " is missing");
            }
        }
        return new ReleaseDeployment(args.string("deployment"), args.string("model"), args.string("version"),
                args.string("template"), replicas, ports, gpus, args.scalarMap("env"), 0);
    }
}
