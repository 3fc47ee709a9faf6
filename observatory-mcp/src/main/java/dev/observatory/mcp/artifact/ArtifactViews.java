package dev.observatory.mcp.artifact;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.metricValue;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.CheckpointMetric;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.model.artifact.LineageEdge;
import java.util.Map;

/** How artifacts, checkpoints, usage and lineage look in tool answers and resources, and their output schemas. */
final class ArtifactViews {
    static final String RESOURCE = "observatory://artifacts/";

    static final Map<String, Object> ARTIFACT_SCHEMA = Schemas
            .object("an artifact (checkpoints are artifacts of kind" + " checkpoint)")
            .prop("id", string("artifact id; pass as artifact_id"), true)
            .prop("run_id", string("run that logged it"), true).prop("project", string(null))
            .prop("path", string("path within the run"), true)
            .prop("kind", string("checkpoint, replay, model, dataset, report or other"), true)
            .prop("size", integer("bytes"), true).prop("step", integer("training step, when known"))
            .prop("epoch", integer("epoch, when known")).prop("sha256", string("hex SHA-256, when known"))
            .prop("content_type", string(null)).prop("created_at", string("ISO-8601, when it was recorded"))
            .prop("storage_uri", string("where the bytes are (blob store location + key)"))
            .prop("metadata", Schemas.anyObject("free metadata (header facts, user data); get_artifact shows it"))
            .build();

    static final Map<String, Object> METRIC_SCHEMA = Schemas.object("a metric's value at a checkpoint")
            .prop("key", string(null), true).prop("value", metricValue("value"), true)
            .prop("step", integer("step of the point used"), true).prop("exact",
                    bool("true when logged at the checkpoint's own step, false when the last point before it"), true)
            .build();

    static final Map<String, Object> USAGE_SCHEMA = Schemas.object("count, bytes and ranges of a group of artifacts")
            .prop("group", string("project, run id, kind or UTC day; absent for a total"))
            .prop("count", integer(null), true).prop("bytes", integer(null), true).prop("min_step", integer(null))
            .prop("max_step", integer(null)).prop("min_epoch", integer(null)).prop("max_epoch", integer(null))
            .prop("first_created_at", string("ISO-8601")).prop("last_created_at", string("ISO-8601")).build();

    static final Map<String, Object> EDGE_SCHEMA = Schemas.object("a lineage edge")
            .prop("from", string("kind/id"), true).prop("relation", string(null), true)
            .prop("to", string("kind/id"), true).prop("source", string("ingest or explicit")).build();

    static Map<String, Object> pagedArtifacts(String field, String what) {
        return Schemas.paged(Schemas.object("a page of " + what).prop(field, array(ARTIFACT_SCHEMA, what), true)
                .prop("total", integer("matching artifacts"), true)).build();
    }

    private ArtifactViews() {
    }

    /** An artifact without its metadata (lists). */
    static Obj row(Artifact a) {
        return Obj.of().with("id", a.id()).with("run_id", a.runId()).with("path", a.path())
                .with("kind", a.kind().wire()).with("size", a.size()).with("step", a.step()).with("epoch", a.epoch())
                .with("created_at", Json.time(a.created()));
    }

    /** Every field of an artifact. */
    static Obj full(Artifact a, Artifacts artifacts) {
        return row(a).with("project", a.project()).with("sha256", a.sha256()).with("content_type", a.contentType())
                .with("storage_uri", artifacts.storageUri(a))
                .with("metadata", a.metadata().isEmpty() ? null : a.metadata());
    }

    static Obj metric(CheckpointMetric m) {
        return m == null ? null
                : Obj.of().with("key", m.key()).with("value", Json.num(m.value())).with("step", m.step()).with("exact",
                        m.exact());
    }

    static Obj usage(ArtifactUsage u) {
        return Obj.of().with("group", u.group()).with("count", u.count()).with("bytes", u.bytes())
                .with("min_step", u.minStep()).with("max_step", u.maxStep()).with("min_epoch", u.minEpoch())
                .with("max_epoch", u.maxEpoch()).with("first_created_at", Json.time(u.firstCreated()))
                .with("last_created_at", Json.time(u.lastCreated()));
    }

    static Obj edge(LineageEdge e) {
        return Obj.of().with("from", e.from().key()).with("relation", e.relation()).with("to", e.to().key())
                .with("source", e.source().wire());
    }
}
