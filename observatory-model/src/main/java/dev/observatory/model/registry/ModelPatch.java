package dev.observatory.model.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partial update of a registered model: a null description is left unchanged (an empty one clears it);
 * {@code setTags} are added or overwritten, {@code removeTags} removed (unknown keys are ignored).
 */
public record ModelPatch(String description, Map<String, String> setTags, List<String> removeTags) {

    public ModelPatch {
        setTags = setTags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(setTags));
        removeTags = removeTags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(removeTags));
    }

    public static ModelPatch description(String description) {
        return new ModelPatch(description, null, null);
    }

    public static ModelPatch setTag(String key, String value) {
        return new ModelPatch(null, Map.of(key, value), null);
    }

    public static ModelPatch removeTag(String key) {
        return new ModelPatch(null, null, List.of(key));
    }
}
