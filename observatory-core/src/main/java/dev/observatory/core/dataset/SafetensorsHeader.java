package dev.observatory.core.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a .safetensors header: an 8-byte little-endian length, then that many bytes of JSON mapping tensor names to
 * {dtype, shape, data_offsets}, with an optional {@code __metadata__} object of strings.
 */
final class SafetensorsHeader {
    /** Largest header read (the format itself caps it at 100 MB). */
    static final long MAX_HEADER = 100L << 20;

    private SafetensorsHeader() {
    }

    static Map<String, Object> read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] len = in.readNBytes(8);
            if (len.length < 8) {
                throw new IOException("shorter than the 8-byte header length");
            }
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 0 || n > MAX_HEADER || n > size - 8) {
                throw new IOException("header length " + n + " is impossible for a file of " + size + " bytes");
            }
            JsonNode json;
            try {
                json = ConfigDocuments.JSON.readTree(in.readNBytes((int) n));
            } catch (JacksonException e) {
                throw new IOException("the header is not JSON: " + e.getOriginalMessage());
            }
            return facts(json);
        }
    }

    private static Map<String, Object> facts(JsonNode json) throws IOException {
        if (!json.isObject()) {
            throw new IOException("the header is not a JSON object");
        }
        Map<String, Long> dtypes = new TreeMap<>();
        long tensors = 0;
        long params = 0;
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (var e : json.properties()) {
            if (e.getKey().equals("__metadata__")) {
                e.getValue().properties().stream().limit(50).forEach(m -> metadata.put(m.getKey(),
                        clip(m.getValue().isString() ? m.getValue().asString() : m.getValue().toString())));
                continue;
            }
            tensors++;
            dtypes.merge(e.getValue().path("dtype").asString("?"), 1L, Long::sum);
            long count = 1;
            for (JsonNode d : e.getValue().path("shape")) {
                count *= d.asLong();
            }
            params += count;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tensors", tensors);
        out.put("parameters", params);
        out.put("dtypes", dtypes);
        out.put("metadata", metadata);
        return out;
    }

    static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
