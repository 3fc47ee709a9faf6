package dev.observatory.model.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a client sends to register a model. Null description, tags and owner mean none. */
public record NewModel(String name, String description, Map<String, String> tags, String owner) {

    public NewModel {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public static NewModel named(String name) {
        return new NewModel(name, null, null, null);
    }
}
