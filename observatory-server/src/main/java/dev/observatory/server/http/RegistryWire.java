package dev.observatory.server.http;

import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The REST wire format of registered models and model versions (snake_case, ISO-8601 UTC, non-finite metric values as
 * the strings NaN / Infinity / -Infinity). Append fields only; never rename.
 */
final class RegistryWire {
    private RegistryWire() {
    }

    static Map<String, Object> model(RegisteredModel m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("description", m.description());
        out.put("tags", m.tags());
        out.put("owner", m.owner());
        out.put("created_at", text(m.createdAt()));
        out.put("updated_at", text(m.updatedAt()));
        out.put("aliases", m.aliases());
        return out;
    }

    static Map<String, Object> version(ModelVersion v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("model", v.model());
        out.put("version", v.version());
        out.put("stage", v.stage().wire());
        out.put("aliases", v.aliases());
        out.put("status", v.status().name());
        out.put("status_message", v.statusMessage());
        out.put("source", v.source());
        out.put("run_id", v.runId());
        out.put("description", v.description());
        out.put("tags", v.tags());
        out.put("created_by", v.createdBy());
        out.put("created_at", text(v.createdAt()));
        out.put("updated_at", text(v.updatedAt()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        v.metrics().forEach((k, x) -> metrics.put(k, Double.isFinite(x) ? x : Json.nonFinite(x)));
        out.put("metrics", metrics);
        return out;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
