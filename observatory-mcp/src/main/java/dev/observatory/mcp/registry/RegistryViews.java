package dev.observatory.mcp.registry;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.metricValue;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.Run;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How registered models and versions look in tool answers and resources, and their output schemas. */
final class RegistryViews {
    static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");

    static final Map<String, Object> STAGE = Map.of("type", "string", "enum", STAGES, "description",
            "MLflow stage of the version");

    static final Map<String, Object> MODEL_SCHEMA = Schemas.object("a registered model")
            .prop("name", string("model name, unique; pass as model to the version tools"), true)
            .prop("description", string(null)).prop("tags", mapOf(string(null), "tag key to value"))
            .prop("owner", string("who registered it")).prop("aliases", mapOf(integer(null), "alias to version number"))
            .prop("created_at", string("ISO-8601")).prop("updated_at", string("ISO-8601, last change")).build();

    static final Map<String, Object> VERSION_SCHEMA = Schemas.object("a model version")
            .prop("id", string("version id (observatory://versions/{id})"), true)
            .prop("model", string("registered model name"), true)
            .prop("version", integer("version number, 1, 2, ... per model"), true).prop("stage", STAGE, true)
            .prop("status", string("READY, PENDING_REGISTRATION or FAILED_REGISTRATION"), true)
            .prop("aliases", array(string(null), "aliases pointing at this version"))
            .prop("source", string("checkpoint or artifact URI of the weights"))
            .prop("run_id", string("run that produced it; pass to get_run")).prop("description", string(null))
            .prop("status_message", string(null)).prop("tags", mapOf(string(null), "tag key to value"))
            .prop("metrics", mapOf(metricValue("value"), "metrics snapshot taken at registration"))
            .prop("metric_count", integer("size of the metrics snapshot (lists only; get_version shows it)"))
            .prop("created_by", string(null)).prop("created_at", string("ISO-8601"))
            .prop("updated_at", string("ISO-8601")).build();

    static final Map<String, Object> RUN_SCHEMA = Schemas.object("the run the version came from (lineage)")
            .prop("id", string("run id"), true).prop("name", string(null), true).prop("project", string(null), true)
            .prop("status", string(null), true).prop("url", string("link to the run in the web UI")).build();

    private RegistryViews() {
    }

    static Obj model(RegisteredModel m) {
        return Obj.of().with("name", m.name()).with("description", m.description())
                .with("tags", m.tags().isEmpty() ? null : m.tags()).with("owner", m.owner())
                .with("aliases", m.aliases().isEmpty() ? null : m.aliases())
                .with("created_at", Json.time(m.createdAt())).with("updated_at", Json.time(m.updatedAt()));
    }

    static Obj version(ModelVersion v) {
        Map<String, Object> metrics = new TreeMap<>();
        v.metrics().forEach((k, x) -> metrics.put(k, Json.num(x)));
        return Obj.of().with("id", v.id()).with("model", v.model()).with("version", v.version())
                .with("stage", v.stage().wire()).with("status", v.status().name())
                .with("aliases", v.aliases().isEmpty() ? null : v.aliases()).with("source", v.source())
                .with("run_id", v.runId()).with("description", v.description())
                .with("status_message", v.statusMessage()).with("tags", v.tags().isEmpty() ? null : v.tags())
                .with("metrics", metrics.isEmpty() ? null : metrics).with("created_by", v.createdBy())
                .with("created_at", Json.time(v.createdAt())).with("updated_at", Json.time(v.updatedAt()));
    }

    /** A version without its metrics snapshot and tags, for lists. */
    static Obj versionRow(ModelVersion v) {
        Obj o = version(v);
        o.remove("metrics");
        o.remove("tags");
        o.remove("status_message");
        o.remove("updated_at");
        return o.with("metric_count", v.metrics().isEmpty() ? null : v.metrics().size());
    }

    static Obj run(Run r, Links links) {
        return Obj.of().with("id", r.id()).with("name", r.name()).with("project", r.project())
                .with("status", r.status().wire()).with("url", links.run(r.id()));
    }
}
