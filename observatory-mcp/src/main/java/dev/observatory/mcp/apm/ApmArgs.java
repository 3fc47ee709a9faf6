package dev.observatory.mcp.apm;

import dev.observatory.core.apm.ApmWindow;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Arguments the APM tools share and the window they describe. */
final class ApmArgs {
    /** A duration: a number and a unit (s, m, h, d). */
    static final String DURATION = "^[1-9][0-9]{0,5}[smhd]$";

    private ApmArgs() {
    }

    static Param service() {
        return Param.string("service", "Only this service (the resource's service.name), e.g. \"checkout-api\".")
                .between(1, 256).example("\"checkout-api\"");
    }

    static Param operation() {
        return Param.string("operation",
                "Only this operation: the span name of the requests, e.g. an HTTP route" + " \"GET /orders/{id}\".")
                .between(1, 512).example("\"GET /orders/{id}\"");
    }

    static Param last(String defaultWindow) {
        return Param
                .string("last",
                        "Window ending at 'to' (default now): a number and a unit, s/m/h/d (e.g. \"15m\","
                                + " \"24h\", \"7d\"). Ignored when 'from' is given.")
                .matching(DURATION).example("\"1h\"").defaultsTo(defaultWindow);
    }

    static Param from() {
        return Param.string("from", "Window start, ISO-8601 (e.g. \"2025-06-01T10:00:00Z\"); overrides 'last'.")
                .between(1, 64).example("\"2025-06-01T10:00:00Z\"");
    }

    static Param to() {
        return Param.string("to", "Window end (exclusive), ISO-8601; default now.").between(1, 64)
                .example("\"2025-06-01T11:00:00Z\"");
    }

    static Param limit(String what, int max, int def) {
        return Param.integer("limit", "Most " + what + " (1-" + max + ").").between(1, max).defaultsTo(def);
    }

    /** The window of the call: from/to when given, else 'last' ending at 'to' or now. */
    static ApmWindow window(Args args, ToolContext ctx) {
        Instant to = args.instant("to");
        Instant end = to == null ? ctx.tracking().clock().instant() : to;
        Instant from = args.instant("from");
        return new ApmWindow(from == null ? end.minus(duration(args.string("last"))) : from, end);
    }

    /** A second window from two named arguments (both or neither); null when neither is given. */
    static ApmWindow optionalWindow(Args args, String fromName, String toName) {
        Instant from = args.instant(fromName);
        Instant to = args.instant(toName);
        if (from == null && to == null) {
            return null;
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("give both '" + fromName + "' and '" + toName + "', or neither");
        }
        return new ApmWindow(from, to);
    }

    static Duration duration(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.toLowerCase(Locale.ROOT).charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** A number rounded to 6 significant decimals (fewer tokens); NaN and infinities as null. */
    static Double round(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        return v == 0 ? 0.0 : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }
}
