package dev.observatory.mcp.artifact;

import static dev.observatory.mcp.artifact.CheckpointTools.ARTIFACTS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Lineage;
import dev.observatory.core.artifact.LineageGraph;
import dev.observatory.core.artifact.Promotion;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.model.registry.ModelVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** get_lineage, link_entities and promote_checkpoint. */
final class LineageTools {
    /** Node kinds get_lineage can filter on: every entity kind, and checkpoint (artifacts of kind checkpoint). */
    static final List<String> NODE_KINDS = nodeKinds();

    private LineageTools() {
    }

    private static List<String> nodeKinds() {
        List<String> k = new ArrayList<>(EntityKind.wireNames());
        k.add("checkpoint");
        return List.copyOf(k);
    }

    static Param entity(String name, String description) {
        return Param
                .string(name,
                        description + " Written kind/id with kind one of " + String.join(", ", EntityKind.wireNames())
                                + " (checkpoints are artifacts).")
                .required().between(3, 260).example("\"run/3f9a1c2b7d4e5f60\"");
    }

    static ToolDef getLineage() {
        InputSchema in = InputSchema.of(entity("entity", "The entity to start from."),
                Param.integer("depth", "How many edges away to follow, in either direction (1-5).").between(1, 5)
                        .defaultsTo(1),
                Param.strings("kinds",
                        "Only report nodes of these kinds (the traversal still passes through"
                                + " others); checkpoint means artifacts of kind checkpoint.")
                        .oneOf(NODE_KINDS).between(1, 8).example("[\"checkpoint\"]"),
                ArtifactArgs.limit(500, 100));
        Map<String, Object> node = Schemas.object("an entity of the graph")
                .prop("entity", string("kind/id; pass to get_lineage"), true).prop("depth", integer(null), true)
                .prop("label", string("name, path or model version")).prop("artifact_kind", string(null))
                .prop("step", integer(null)).prop("exists", bool("false for a run or artifact that is gone")).build();
        Map<String, Object> out = Schemas.object("the entity and its neighbours").prop("root", node, true)
                .prop("nodes", array(node, "by depth"), true)
                .prop("edges", array(ArtifactViews.EDGE_SCHEMA, "between reported nodes"), true)
                .prop("truncated", bool("true when limit cut the graph; ask with kinds or a smaller depth"), true)
                .build();
        return new ToolDef("get_lineage", ARTIFACTS, "Get lineage",
                "One graph links runs, jobs, checkpoints and other artifacts, data sets, model versions,"
                        + " deployments and traces. Give an entity (e.g. run/<id>, artifact/<id>, job/<id>) and get"
                        + " its neighbours to a depth, compactly: which checkpoints a run wrote (depth 1, kinds"
                        + " checkpoint), which job ran it, which run and job produced a checkpoint (depth 2), which"
                        + " model versions came from it.",
                in, out, Hints.READ_ONLY, LineageTools::lineage).listedAlsoIn(Toolsets.CORE);
    }

    static Map<String, Object> lineage(Args args, ToolContext ctx) {
        EntityRef root = EntityRef.parse(args.string("entity"));
        LineageGraph g = new Lineage(ctx.tracking()).graph(root, args.intValue("depth"), args.intValue("limit") + 1);
        Set<String> kinds = Set.copyOf(args.strings("kinds"));
        List<Obj> nodes = new ArrayList<>();
        Set<EntityRef> shown = new HashSet<>();
        shown.add(root);
        Obj rootView = null;
        for (LineageGraph.Node n : g.nodes()) {
            Obj view = node(ctx.tracking(), n);
            if (n.depth() == 0) {
                rootView = view;
            } else if (kinds.isEmpty() || kinds.contains(n.ref().kind().wire())
                    || kinds.contains("checkpoint") && "checkpoint".equals(view.get("artifact_kind"))) {
                nodes.add(view);
                shown.add(n.ref());
            }
        }
        boolean overLimit = nodes.size() > args.intValue("limit");
        if (overLimit) {
            nodes = nodes.subList(0, args.intValue("limit"));
        }
        List<Obj> edges = g.edges().stream().filter(e -> shown.contains(e.from()) && shown.contains(e.to()))
                .map(ArtifactViews::edge).toList();
        int n = ctx.budget().fit(Obj.of().with("root", rootView).with("edges", edges), nodes);
        return Obj.of().with("root", rootView).with("nodes", nodes.subList(0, n)).with("edges", edges).with("truncated",
                g.truncated() || overLimit || n < nodes.size());
    }

    private static Obj node(Tracking tracking, LineageGraph.Node n) {
        Obj o = Obj.of().with("entity", n.ref().key()).with("depth", n.depth());
        switch (n.ref().kind()) {
            case RUN -> {
                Run r = tracking.store().runs().get(n.ref().id()).orElse(null);
                o.with("label", r == null ? null : r.project() + "/" + r.name()).with("exists",
                        r == null ? false : null);
            }
            case ARTIFACT -> {
                Artifact a = tracking.store().artifacts().get(n.ref().id()).orElse(null);
                o.with("label", a == null ? null : a.path()).with("artifact_kind", a == null ? null : a.kind().wire())
                        .with("step", a == null ? null : a.step()).with("exists", a == null ? false : null);
            }
            case MODEL_VERSION -> {
                ModelVersion v = tracking.store().registry().getVersionById(n.ref().id()).orElse(null);
                o.with("label", v == null ? null : v.model() + " v" + v.version());
            }
            default -> {
            }
        }
        return o;
    }

    static ToolDef link() {
        InputSchema in = InputSchema.of(
                entity("from", "Source of the edge, e.g. job/sky-17."), Param
                        .string("relation",
                                "Verb of the edge in snake_case: produced, derived_from, deployed_as,"
                                        + " traced_by, used (any 2-50 characters of a-z, 0-9 and _).")
                        .required().between(2, 50).example("\"produced\""),
                entity("to", "Target of the edge, e.g. run/3f9a1c2b7d4e5f60."));
        Map<String, Object> out = Schemas.object("the edge").prop("edge", ArtifactViews.EDGE_SCHEMA, true)
                .prop("created", bool("false when the edge already existed"), true).build();
        return new ToolDef("link_entities", ARTIFACTS, "Link two entities",
                "Record a lineage edge between two entities, e.g. job/sky-17 produced run/<id>, dataset/<id> used_by"
                        + " run/<id>, model_version/<id> deployed_as deployment/<id>. Runs, artifacts and model"
                        + " versions must exist; jobs, data sets, deployments and traces are not checked (they have"
                        + " no records yet). Linking twice is harmless.",
                in, out, ArtifactTools.WRITE, (args, ctx) -> {
                    EntityRef from = EntityRef.parse(args.string("from"));
                    EntityRef to = EntityRef.parse(args.string("to"));
                    boolean created = new Lineage(ctx.tracking()).link(ctx.actor(), from, args.string("relation"), to);
                    return Obj.of()
                            .with("edge",
                                    ArtifactViews.edge(new LineageEdge(from, to, args.string("relation"),
                                            ctx.tracking().clock().instant(), LineageEdge.Source.EXPLICIT)))
                            .with("created", created);
                });
    }

    static ToolDef promote() {
        InputSchema in = InputSchema.of(
                ArtifactArgs.artifactId("Checkpoint to promote, e.g. from" + " find_best_checkpoint."),
                Param.string("model", "Registered model to add the version to.").required().between(1, 256)
                        .example("\"resnet-50\""),
                Param.string("description", "Description of the version; default names the checkpoint.")
                        .between(1, 5000).example("\"best eval loss of the lr sweep\""),
                Param.bool("create_model", "Register the model first when it does not exist.").defaultsTo(true));
        Map<String, Object> out = Schemas.object("the new model version").prop("model", string(null), true)
                .prop("version", integer("version number"), true)
                .prop("version_id", string("observatory://versions/{id}"), true)
                .prop("source", string("storage URI of the checkpoint"), true).prop("run_id", string(null), true)
                .prop("metrics", Schemas.anyObject("the run's metrics at the checkpoint's step"))
                .prop("checkpoint", ArtifactViews.ARTIFACT_SCHEMA, true).build();
        return new ToolDef("promote_checkpoint", ARTIFACTS, "Promote a checkpoint to a model version",
                "Create a model version from a checkpoint in one step: source is the checkpoint's storage URI, the"
                        + " run is its run, the metrics snapshot holds the run's metrics at the checkpoint's step, and"
                        + " lineage records model_version derived_from artifact. \"Promote the best checkpoint of run"
                        + " 12\" is find_best_checkpoint then this; promote_version then sets alias or stage.",
                in, out, new Hints(false, false, false, false), LineageTools::promoteCheckpoint);
    }

    static Map<String, Object> promoteCheckpoint(Args args, ToolContext ctx) {
        Artifact a = ArtifactArgs.artifact(args, ctx);
        if (a.kind() != ArtifactKind.CHECKPOINT && a.kind() != ArtifactKind.MODEL) {
            throw new IllegalArgumentException("artifact " + a.id() + " is a " + a.kind().wire()
                    + ": only checkpoints and models can be promoted");
        }
        ModelVersion v = new Promotion(ctx.tracking()).promote(ctx.actor(), a.id(), args.string("model"),
                args.string("description"), Map.of(), args.bool("create_model"));
        Map<String, Object> metrics = new java.util.TreeMap<>();
        v.metrics().forEach((k, x) -> metrics.put(k, dev.observatory.mcp.tool.Json.num(x)));
        return Obj.of().with("model", v.model()).with("version", v.version()).with("version_id", v.id())
                .with("source", v.source()).with("run_id", v.runId()).with("metrics", metrics)
                .with("checkpoint", ArtifactViews.row(a));
    }
}
