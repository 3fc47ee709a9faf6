package dev.observatory.mcp.tool;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image a tool returns next to its structured answer (an MCP {@code image} content block). A handler attaches images
 * with {@link #attach}: they travel under the reserved key {@link #KEY} of the answer map, which the registry takes out
 * before the answer is budgeted, validated against the output schema and sent as structured content; each image then
 * follows the JSON text block as its own content block. Tools that attach nothing are unchanged.
 *
 * @param data
 *            the encoded image (e.g. PNG bytes), at most {@link #MAX_BYTES}
 * @param mimeType
 *            e.g. {@code image/png}
 */
public record ToolImage(byte[] data, String mimeType) {
    /** Reserved answer key under which images travel from the handler to the registry. */
    public static final String KEY = "_images";
    /** Largest image one answer may carry (before base64). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    public ToolImage {
        Objects.requireNonNull(data, "data");
        if (mimeType == null || !mimeType.startsWith("image/")) {
            throw new IllegalArgumentException("an image needs an image/* MIME type, got " + mimeType);
        }
        if (data.length > MAX_BYTES) {
            throw new IllegalArgumentException("image of " + data.length + " bytes exceeds " + MAX_BYTES);
        }
    }

    /** A PNG image. */
    public static ToolImage png(byte[] data) {
        return new ToolImage(data, "image/png");
    }

    /** The bytes as base64, as MCP image content carries them. */
    public String base64() {
        return Base64.getEncoder().encodeToString(data);
    }

    /** The answer with the images attached (added to any attached before); returns the same map. */
    public static Map<String, Object> attach(Map<String, Object> answer, ToolImage... images) {
        List<ToolImage> all = new ArrayList<>(images(answer));
        all.addAll(List.of(images));
        answer.put(KEY, List.copyOf(all));
        return answer;
    }

    /** The images attached to an answer, empty when none. */
    public static List<ToolImage> images(Map<String, Object> answer) {
        Object v = answer == null ? null : answer.get(KEY);
        if (v == null) {
            return List.of();
        }
        List<ToolImage> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            out.add((ToolImage) o);
        }
        return out;
    }

    /** The answer without the images (the same map when it has none). */
    public static Map<String, Object> withoutImages(Map<String, Object> answer) {
        if (answer == null || !answer.containsKey(KEY)) {
            return answer;
        }
        Map<String, Object> copy = new LinkedHashMap<>(answer);
        copy.remove(KEY);
        return copy;
    }
}
