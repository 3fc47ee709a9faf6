package dev.observatory.mcp.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output budget of one tool answer, in tokens of its JSON text. Lists are cut with {@link #fit} (the tool then says
 * {@code truncated: true} and gives a {@code next_cursor}); {@link #enforce} is the last guard that shortens long
 * strings and lists of any answer that is still too large.
 */
public final class Budget {
    /** Tokens kept free for the paging fields added after fitting ({@code truncated}, {@code next_cursor}, ...). */
    static final int RESERVE = 64;
    private final int tokens;

    public Budget(int tokens) {
        this.tokens = tokens;
    }

    public int tokens() {
        return tokens;
    }

    /** Tokens of a JSON text; exact only when the cheap byte bound exceeds the budget. */
    public int cost(String json) {
        int bound = TokenCounter.upperBound(json);
        return bound <= tokens ? bound : TokenCounter.count(json);
    }

    /** Whether the JSON text of {@code value} fits the budget. */
    public boolean fits(Object value) {
        return fitsText(Json.write(value));
    }

    private boolean fitsText(String json) {
        return TokenCounter.upperBound(json) <= tokens || TokenCounter.count(json) <= tokens;
    }

    /**
     * How many leading {@code items} fit in an answer whose other fields are {@code base}: at least one when there is
     * any item (a single oversize item is shortened later by {@link #enforce}), so paging always advances.
     */
    public int fit(Object base, List<?> items) {
        if (items.isEmpty()) {
            return 0;
        }
        int left = tokens - RESERVE - cost(Json.write(base));
        List<String> texts = new ArrayList<>(items.size());
        long bytes = 0;
        int n = 0;
        for (; n < items.size(); n++) {
            String t = Json.write(items.get(n));
            texts.add(t);
            bytes += TokenCounter.upperBound(t) + 1;
            if (bytes > left) {
                break;
            }
        }
        if (n == items.size()) {
            return n;
        }
        long used = TokenCounter.count(String.join(",", texts.subList(0, n)));
        for (; n < items.size(); n++) {
            String t = n < texts.size() ? texts.get(n) : Json.write(items.get(n));
            used += TokenCounter.count(t) + 1;
            if (used > left) {
                break;
            }
        }
        return Math.max(1, n);
    }

    /** An answer within the budget and its compact JSON text (the text a tool result carries). */
    public record Bounded(Map<String, Object> answer, String json) {
    }

    /**
     * Returns the answer unchanged when it fits, else a copy whose long strings and lists are shortened step by step
     * until it does, with {@code truncated: true}.
     */
    public Map<String, Object> enforce(Map<String, Object> answer) {
        return bound(answer).answer();
    }

    /** Like {@link #enforce}, with the JSON text written to measure it, so that it is not written twice. */
    public Bounded bound(Map<String, Object> answer) {
        String json = Json.write(answer);
        if (fitsText(json)) {
            return new Bounded(answer, json);
        }
        int[][] limits = { { 2000, 200 }, { 500, 50 }, { 200, 20 }, { 80, 5 }, { 40, 2 } };
        Map<String, Object> shrunk = answer;
        for (int[] l : limits) {
            shrunk = shrinkMap(answer, l[0], l[1]);
            shrunk.put("truncated", true);
            json = Json.write(shrunk);
            if (fitsText(json)) {
                return new Bounded(shrunk, json);
            }
        }
        return new Bounded(shrunk, json);
    }

    private static Map<String, Object> shrinkMap(Map<?, ?> m, int maxChars, int maxItems) {
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 0;
        for (var e : m.entrySet()) {
            if (i++ >= maxItems * 4) {
                out.put("_omitted_fields", m.size() - maxItems * 4);
                break;
            }
            out.put(String.valueOf(e.getKey()), shrink(e.getValue(), maxChars, maxItems));
        }
        return out;
    }

    private static Object shrink(Object v, int maxChars, int maxItems) {
        if (v instanceof String s && s.length() > maxChars) {
            return s.substring(0, maxChars) + "...[" + (s.length() - maxChars) + " more characters]";
        }
        if (v instanceof Map<?, ?> m) {
            return shrinkMap(m, maxChars, maxItems);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size() && i < maxItems; i++) {
                out.add(shrink(l.get(i), maxChars, maxItems));
            }
            return out;
        }
        return v;
    }
}
