package dev.observatory.model.opsmetric;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series of a service metric (OTLP or Prometheus, not a run metric): a metric name and a label set. Its id is a
 * 64-bit hash of both, the same in every backend and process.
 *
 * @param name
 *            metric name, e.g. {@code http_requests_total}
 * @param labels
 *            label name to value, sorted by name; never contains {@code __name__}
 */
public record OpsSeries(String name, SortedMap<String, String> labels) {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    public OpsSeries {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a metric series needs a name");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (k != null && !k.isEmpty() && !k.equals("__name__") && v != null && !v.isEmpty()) {
                    copy.put(k, v);
                }
            });
        }
        labels = Collections.unmodifiableSortedMap(copy);
    }

    /** A series from any map of labels (empty values and {@code __name__} dropped, as Prometheus does). */
    public static OpsSeries of(String name, Map<String, String> labels) {
        return new OpsSeries(name, labels == null ? null : new TreeMap<>(labels));
    }

    /** The series id: FNV-1a 64 over the name and the sorted label pairs, separated by 0xff bytes. */
    public long id() {
        long h = FNV_OFFSET;
        h = mix(h, name);
        for (Map.Entry<String, String> e : labels.entrySet()) {
            h = mix(h, e.getKey());
            h = mix(h, e.getValue());
        }
        return h;
    }

    private static long mix(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        h ^= 0xff;
        return h * FNV_PRIME;
    }

    /** The label's value, or null. */
    public String label(String key) {
        return labels.get(key);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return sb.append('}').toString();
    }
}
