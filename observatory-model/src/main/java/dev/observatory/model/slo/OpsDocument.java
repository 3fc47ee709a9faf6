package dev.observatory.model.slo;

import java.util.Objects;

/**
 * A small JSON document of the alerting and SLO state (an SLO definition, an alert rule, an alert's state, a silence, a
 * route), keyed by kind and id. The body is JSON text the core services read and write.
 */
public record OpsDocument(String kind, String id, String body, long updatedMs) {

    public OpsDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
    }
}
