package dev.observatory.mcp.trace;

import dev.observatory.core.trace.Traces;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Arguments the trace tools share, and the time window they describe. */
final class TraceArgs {
    /** A relative window: a number and a unit (s, m, h, d). */
    static final String LAST_PATTERN = "^[1-9][0-9]{0,5}[smhd]$";

    private TraceArgs() {
    }

    static Traces traces(ToolContext ctx) {
        return new Traces(ctx.tracking());
    }

    static Param service() {
        return Param.string("service", "Only this service (the resource's service.name), e.g. \"checkout-api\".")
                .between(1, 256).example("\"checkout-api\"");
    }

    static Param model() {
        return Param.string("model", "Only calls of this model (gen_ai.response.model, else gen_ai.request.model).")
                .between(1, 256).example("\"gpt-4o\"");
    }

    static Param tool() {
        return Param.string("tool", "Only calls of this tool (gen_ai.tool.name / the MCP tool name).").between(1, 256)
                .example("\"search\"");
    }

    static Param last(String defaultWindow) {
        Param p = Param.string("last", "Time window ending now: a number and a unit, s/m/h/d (e.g. \"15m\", \"24h\","
                + " \"7d\"). Ignored when 'from' is given.").matching(LAST_PATTERN).example("\"1h\"");
        return defaultWindow == null ? p : p.defaultsTo(defaultWindow);
    }

    static Param from() {
        return Param.string("from", "Window start, ISO-8601 (e.g. \"2025-06-01T10:00:00Z\"); overrides 'last'.")
                .between(1, 64).example("\"2025-06-01T10:00:00Z\"");
    }

    static Param to() {
        return Param.string("to", "Window end (exclusive), ISO-8601; default now.").between(1, 64)
                .example("\"2025-06-01T11:00:00Z\"");
    }

    /** [from, to) of the call: 'from'/'to' when given, else the last window ending at 'to' or now; null = open. */
    static Instant[] window(Args args, ToolContext ctx) {
        Instant to = args.instant("to");
        Instant from = args.instant("from");
        if (from == null && args.has("last")) {
            Instant end = to == null ? ctx.tracking().clock().instant() : to;
            from = end.minus(duration(args.string("last")));
        }
        return new Instant[] { from, to };
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

    /** ISO-8601 text of epoch nanoseconds. */
    static String iso(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }

    /** Milliseconds of nanoseconds, rounded to microseconds. */
    static double ms(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
