package dev.observatory.model.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registered model: a named line of versions.
 *
 * @param name
 *            unique; the model's key on every surface (MLflow's registered model name)
 * @param tags
 *            key to value, sorted by key
 * @param owner
 *            who registered it (API key name, or as given); may be null
 * @param updatedAt
 *            last change of the model, its tags, aliases or versions
 * @param aliases
 *            alias to version number, sorted by alias; an alias is unique within its model
 */
public record RegisteredModel(String name, String description, Map<String, String> tags, String owner,
        Instant createdAt, Instant updatedAt, Map<String, Integer> aliases) {

    public RegisteredModel {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
    }
}
