package dev.observatory.model.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partial update of a model version: null fields are left unchanged (an empty description clears it); {@code setTags}
 * are added or overwritten, {@code removeTags} removed (unknown keys are ignored). Stages change through their own
 * operation (transition), aliases through theirs.
 */
public record VersionPatch(String description, Map<String, String> setTags, List<String> removeTags,
        VersionStatus status, String statusMessage) {

    public VersionPatch {
        setTags = setTags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(setTags));
        removeTags = removeTags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(removeTags));
    }

    public static VersionPatch description(String description) {
        return new VersionPatch(description, null, null, null, null);
    }

    public static VersionPatch setTag(String key, String value) {
        return new VersionPatch(null, Map.of(key, value), null, null, null);
    }

    public static VersionPatch removeTag(String key) {
        return new VersionPatch(null, null, List.of(key), null, null);
    }
}
