package dev.observatory.analysis.checkpoints;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The header of a safetensors file: an 8-byte little-endian length, then that many bytes of JSON mapping tensor names
 * to {@code {dtype, shape, data_offsets}} plus an optional {@code __metadata__} map of strings. Only the header is
 * read, never the weights.
 *
 * @param headerLength
 *            JSON header length in bytes (the weights start at 8 + headerLength)
 * @param tensorCount
 *            tensors described
 * @param parameterCount
 *            sum over tensors of the product of the shape
 * @param tensorsByDtype
 *            tensors per dtype ("F32", "BF16", ...), sorted by dtype
 * @param parametersByDtype
 *            parameters per dtype
 * @param dataBytes
 *            bytes of tensor data the header accounts for (largest end offset)
 * @param metadata
 *            the {@code __metadata__} entries (string values), sorted by key
 */
public record SafetensorsHeader(long headerLength, int tensorCount, long parameterCount,
        Map<String, Integer> tensorsByDtype, Map<String, Long> parametersByDtype, long dataBytes,
        Map<String, String> metadata) {

    /** Largest header accepted (the format's reference implementation allows 100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    public SafetensorsHeader {
        tensorsByDtype = Map.copyOf(tensorsByDtype);
        parametersByDtype = Map.copyOf(parametersByDtype);
        metadata = Map.copyOf(metadata);
    }

    /** Parses the header at the start of {@code bytes} (the whole file or at least its header). */
    public static SafetensorsHeader parse(byte[] bytes) {
        try {
            return parse(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the header from the start of {@code in} (reads 8 + header-length bytes, leaves the rest unread).
     * IllegalArgumentException for an absurd length, a truncated header or malformed JSON.
     */
    public static SafetensorsHeader parse(InputStream in) throws IOException {
        byte[] len = in.readNBytes(8);
        if (len.length < 8) {
            throw new IllegalArgumentException("not a safetensors file: shorter than its 8-byte header length");
        }
        long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("not a safetensors file: header length " + Long.toUnsignedString(n)
                    + " is outside 2.." + MAX_HEADER_BYTES);
        }
        byte[] json = in.readNBytes((int) n);
        if (json.length < n) {
            throw new IllegalArgumentException(
                    "truncated safetensors header: " + json.length + " of " + n + " bytes present");
        }
        Object root = MiniJson.parse(new String(json, StandardCharsets.UTF_8).stripTrailing());
        if (!(root instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("safetensors header is not a JSON object");
        }
        return fromEntries(n, entries);
    }

    private static SafetensorsHeader fromEntries(long n, Map<?, ?> entries) {
        Map<String, Integer> tensors = new TreeMap<>();
        Map<String, Long> params = new TreeMap<>();
        Map<String, String> meta = new TreeMap<>();
        long total = 0;
        long end = 0;
        int count = 0;
        for (var e : entries.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (e.getValue() instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> meta.put((String) k, String.valueOf(v)));
                }
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> t) || !(t.get("dtype") instanceof String dtype)
                    || !(t.get("shape") instanceof List<?> shape)) {
                throw new IllegalArgumentException("tensor '" + name + "' has no dtype or shape");
            }
            long p = 1;
            for (Object d : shape) {
                if (!(d instanceof Long dim) || dim < 0) {
                    throw new IllegalArgumentException("tensor '" + name + "' has a bad shape " + shape);
                }
                p = Math.multiplyExact(p, dim);
            }
            end = Math.max(end, dataEnd(name, t.get("data_offsets")));
            tensors.merge(dtype, 1, Integer::sum);
            params.merge(dtype, p, Long::sum);
            total = Math.addExact(total, p);
            count++;
        }
        return new SafetensorsHeader(n, count, total, tensors, params, end, meta);
    }

    private static long dataEnd(String name, Object offsets) {
        if (!(offsets instanceof List<?> o) || o.size() != 2 || !(o.get(0) instanceof Long b)
                || !(o.get(1) instanceof Long e) || b < 0 || e < b) {
            throw new IllegalArgumentException("tensor '" + name + "' has bad data_offsets " + offsets);
        }
        return e;
    }
}
