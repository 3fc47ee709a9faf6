package dev.observatory.server.mlflow;

import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** MLflow's RegisteredModel and ModelVersion entities. */
final class RegistryViews {
    private RegistryViews() {
    }

    static void model(JsonGenerator g, RegisteredModel m, List<ModelVersion> latest) {
        g.writeStartObject();
        g.writeStringProperty("name", m.name());
        g.writeNumberProperty("creation_timestamp", m.createdAt().toEpochMilli());
        g.writeNumberProperty("last_updated_timestamp", m.updatedAt().toEpochMilli());
        if (m.owner() != null) {
            g.writeStringProperty("user_id", m.owner());
        }
        if (m.description() != null) {
            g.writeStringProperty("description", m.description());
        }
        g.writeArrayPropertyStart("latest_versions");
        for (ModelVersion v : latest) {
            version(g, v);
        }
        g.writeEndArray();
        Views.tags(g, "tags", m.tags());
        g.writeArrayPropertyStart("aliases");
        for (Map.Entry<String, Integer> a : m.aliases().entrySet()) {
            g.writeStartObject();
            g.writeStringProperty("alias", a.getKey());
            g.writeStringProperty("version", Integer.toString(a.getValue()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void version(JsonGenerator g, ModelVersion v) {
        g.writeStartObject();
        g.writeStringProperty("name", v.model());
        g.writeStringProperty("version", Integer.toString(v.version()));
        g.writeNumberProperty("creation_timestamp", v.createdAt().toEpochMilli());
        g.writeNumberProperty("last_updated_timestamp", v.updatedAt().toEpochMilli());
        if (v.createdBy() != null) {
            g.writeStringProperty("user_id", v.createdBy());
        }
        g.writeStringProperty("current_stage", v.stage().wire());
        if (v.description() != null) {
            g.writeStringProperty("description", v.description());
        }
        if (v.source() != null) {
            g.writeStringProperty("source", v.source());
        }
        if (v.runId() != null) {
            g.writeStringProperty("run_id", v.runId());
        }
        g.writeStringProperty("status", v.status().name());
        if (v.statusMessage() != null) {
            g.writeStringProperty("status_message", v.statusMessage());
        }
        Views.tags(g, "tags", v.tags());
        g.writeArrayPropertyStart("aliases");
        for (String a : v.aliases()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
