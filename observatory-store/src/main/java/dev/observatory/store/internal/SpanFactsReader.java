package dev.observatory.store.internal;

import dev.observatory.model.trace.ObservatoryAttributes;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanReliability;
import dev.observatory.model.trace.SpanStatus;
import java.util.Map;

/**
 * Reads the derived columns of a span from its attributes: the OpenTelemetry GenAI and MCP semantic conventions
 * (current names first, then the deprecated ones) and the {@code observatory.*} reliability attributes. Tokens only
 * from usage attributes, cost only from {@code observatory.cost_usd}: estimates and the price table are core's.
 */
public final class SpanFactsReader {

    private SpanFactsReader() {
    }

    /** Prefixes of every attribute key {@link #read} looks at. */
    private static final String[] FACT_PREFIXES = { "gen_ai.", "mcp.", "observatory.", "enduser.", "user.", "error." };

    /** The facts the span's own attributes state. */
    public static SpanFacts read(Span span) {
        Map<String, Object> a = span.attributes();
        if (!anyKeyStartsWith(a, FACT_PREFIXES)) { // an HTTP or database span: skip the 25 look-ups (decision 0037)
            String error = errorType(span);
            return error == null ? SpanFacts.NONE
                    : new SpanFacts(null, null, null, null, null, null, null, false, null, null, error,
                            SpanReliability.NONE);
        }
        String operation = text(a, "gen_ai.operation.name", "mcp.method.name");
        String provider = text(a, "gen_ai.provider.name", "gen_ai.system");
        String model = text(a, "gen_ai.response.model", "gen_ai.request.model");
        String tool = text(a, "gen_ai.tool.name", "mcp.tool.name");
        String user = text(a, "enduser.id", "user.id");
        Long in = whole(a, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
        Long out = whole(a, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
        Double cost = number(a, ObservatoryAttributes.COST_USD);
        String costNote = cost == null ? null : "from attribute " + ObservatoryAttributes.COST_USD;
        return new SpanFacts(operation, provider, model, tool, user, in, out, false, cost, costNote, errorType(span),
                reliability(a));
    }

    static SpanReliability reliability(Map<String, Object> a) {
        if (!anyKeyStartsWith(a, "observatory.")) {
            return SpanReliability.NONE;
        }
        Long retries = whole(a, ObservatoryAttributes.RETRIES);
        return new SpanReliability(retries == null ? null : (int) Math.min(Integer.MAX_VALUE, retries),
                flag(a, ObservatoryAttributes.FALLBACK_USED), number(a, ObservatoryAttributes.CONFIDENCE),
                number(a, ObservatoryAttributes.GATE_THRESHOLD), flag(a, ObservatoryAttributes.GATE_BLOCKED),
                flag(a, ObservatoryAttributes.DETERMINISTIC_FALLBACK), flag(a, ObservatoryAttributes.HIGH_RISK_PATH),
                number(a, ObservatoryAttributes.PROMPT_DIFF_SCORE), flag(a, ObservatoryAttributes.SHADOW_AGREEMENT),
                flag(a, ObservatoryAttributes.GOLDEN_SCENARIO), flag(a, ObservatoryAttributes.GOLDEN_PASSED));
    }

    private static boolean anyKeyStartsWith(Map<String, Object> a, String... prefixes) {
        for (String key : a.keySet()) {
            for (String p : prefixes) {
                if (key != null && key.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code error.type}, else the first exception event's type, else "_OTHER" for an ERROR span; null otherwise. */
    static String errorType(Span span) {
        String type = text(span.attributes(), "error.type");
        if (type != null) {
            return type;
        }
        if (span.status() != SpanStatus.ERROR) {
            return null;
        }
        for (SpanEvent e : span.events()) {
            if ("exception".equals(e.name())) {
                String t = text(e.attributes(), "exception.type");
                if (t != null) {
                    return t;
                }
            }
        }
        return "_OTHER";
    }

    /** The first present, non-blank attribute as text. */
    public static String text(Map<String, Object> a, String... keys) {
        for (String k : keys) {
            Object v = a.get(k);
            if (v != null && !(v instanceof java.util.List<?>)) {
                String s = v.toString().strip();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    /** The first present attribute as a non-negative whole number (strings parsed); null when absent or invalid. */
    public static Long whole(Map<String, Object> a, String... keys) {
        for (String k : keys) {
            Double d = number(a, k);
            if (d != null && d >= 0 && d <= Long.MAX_VALUE) {
                return (long) Math.floor(d);
            }
        }
        return null;
    }

    /** The attribute as a finite number (strings parsed); null when absent or not a number. */
    public static Double number(Map<String, Object> a, String key) {
        Object v = a.get(key);
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(d) ? d : null;
    }

    /** The attribute as a boolean (also "true"/"false" strings and 0/1); null when absent or not a boolean. */
    public static Boolean flag(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            return "true".equals(t) ? Boolean.TRUE : "false".equals(t) ? Boolean.FALSE : null;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == 1 ? Boolean.TRUE : d == 0 ? Boolean.FALSE : null;
        }
        return null;
    }
}
