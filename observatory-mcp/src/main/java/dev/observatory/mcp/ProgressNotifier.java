package dev.observatory.mcp;

import dev.observatory.mcp.tool.Progress;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a tool's progress reports into MCP {@code notifications/progress} for the call's {@code progressToken}. Reports
 * are throttled to one per {@link #MIN_INTERVAL_NANOS} (the last one, done == total, always goes out), values that do
 * not grow are dropped (the protocol requires increasing progress), and a failed send never fails the tool.
 */
final class ProgressNotifier implements Progress {
    static final long MIN_INTERVAL_NANOS = 100_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ProgressNotifier.class);

    private final Object token;
    private final Consumer<ProgressNotification> send;
    private final LongSupplier nanoTime;
    private double lastDone = Double.NEGATIVE_INFINITY;
    private long lastSentNanos;
    private boolean sentAny;

    ProgressNotifier(Object token, Consumer<ProgressNotification> send, LongSupplier nanoTime) {
        this.token = token;
        this.send = send;
        this.nanoTime = nanoTime;
    }

    /** The progress sink of one call: notifications when the request carried a token, else {@link Progress#NONE}. */
    static Progress of(McpSyncServerExchange exchange, Object progressToken) {
        if (exchange == null || progressToken == null) {
            return Progress.NONE;
        }
        return new ProgressNotifier(progressToken, exchange::progressNotification, System::nanoTime);
    }

    @Override
    public synchronized void report(double done, Double total, String message) {
        if (!(done > lastDone) || Double.isNaN(done)) {
            return;
        }
        long now = nanoTime.getAsLong();
        boolean last = total != null && done >= total;
        if (sentAny && !last && now - lastSentNanos < MIN_INTERVAL_NANOS) {
            return;
        }
        lastDone = done;
        lastSentNanos = now;
        sentAny = true;
        try {
            send.accept(new ProgressNotification(token, done, total, message, null));
        } catch (RuntimeException e) {
            LOG.debug("progress notification for token {} not sent: {}", token, e.getMessage());
        }
    }
}
