package dev.observatory.core.deploy;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Docker engine's disk usage ({@code GET /system/df} of the Engine API, what {@code docker system df} shows), one
 * JSON row per type: images, containers, local volumes, build cache, each with its count and bytes.
 */
final class DockerImages {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private DockerImages() {
    }

    /** The rows, or null when the engine did not answer. */
    static List<String> systemDf(DockerEngine engine) {
        JsonNode df;
        try {
            df = JSON.readTree(engine.get("/system/df"));
        } catch (RuntimeException e) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        rows.add(row("Images", df.path("Images"), "Size", df.path("LayersSize").asLong(-1)));
        rows.add(row("Containers", df.path("Containers"), "SizeRw", -1));
        rows.add(row("Local Volumes", df.path("Volumes"), null, -1));
        rows.add(row("Build Cache", df.path("BuildCache"), "Size", -1));
        return rows;
    }

    private static String row(String type, JsonNode items, String sizeField, long total) {
        long count = 0;
        long bytes = 0;
        if (items.isArray()) {
            for (JsonNode i : items) {
                count++;
                bytes += sizeField == null ? Math.max(0, i.path("UsageData").path("Size").asLong(0))
                        : Math.max(0, i.path(sizeField).asLong(0));
            }
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("Type", type);
        o.put("TotalCount", count);
        o.put("SizeBytes", total >= 0 ? total : bytes);
        return o.toString();
    }
}
