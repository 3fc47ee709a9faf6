package dev.observatory.mcp.tool;

import java.util.function.Supplier;

/**
 * Progress notifications of a long tool call. The MCP server binds a sink for the calling thread when the request
 * carries a {@code progressToken} ({@link #during}); a handler takes {@link #current()} before it starts work on other
 * threads. Reports that would not increase the progress are dropped (the protocol requires it to grow), so a sink may
 * be called from any thread. Without a token (or outside MCP: the HTTP tool bridge) the sink does nothing.
 */
public final class ToolProgress {
    /** Receives progress; {@code total} may be null when unknown. */
    @FunctionalInterface
    public interface Sink {
        Sink NONE = (progress, total, message) -> {
        };

        void report(double progress, Double total, String message);
    }

    private static final ThreadLocal<Sink> CURRENT = new ThreadLocal<>();

    private ToolProgress() {
    }

    /** The sink of the call running on this thread; {@link Sink#NONE} when there is none. */
    public static Sink current() {
        Sink s = CURRENT.get();
        return s == null ? Sink.NONE : s;
    }

    /** Runs {@code call} with {@code sink} bound to this thread (wrapped to send increasing progress only). */
    public static <T> T during(Sink sink, Supplier<T> call) {
        Sink previous = CURRENT.get();
        CURRENT.set(sink == null ? null : increasing(sink));
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    private static Sink increasing(Sink sink) {
        double[] last = { Double.NEGATIVE_INFINITY };
        return (progress, total, message) -> {
            synchronized (last) {
                if (progress <= last[0]) {
                    return;
                }
                last[0] = progress;
                sink.report(progress, total, message);
            }
        };
    }
}
