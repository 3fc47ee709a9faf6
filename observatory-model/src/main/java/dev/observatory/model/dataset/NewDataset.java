package dev.observatory.model.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A dataset to register; the store adds the creation time. Input is validated by the caller (core). */
public record NewDataset(String name, String path, String kind, String source, String description,
        Map<String, Object> metadata) {

    public NewDataset {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
