package dev.observatory.server.mcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Counts the JSON-RPC requests read from stdin that have not been answered on stdout yet, so that the stdio server
 * finishes them when stdin closes instead of dropping them ({@code echo '{..initialize..}' | observatory mcp} gets its
 * answer even when the line arrives before the server is up). Lines are newline-delimited JSON-RPC messages; a request
 * has a {@code "method"} and an {@code "id"}, a response of the server starts with {@code {"jsonrpc":"2.0","id":} and
 * carries a result or an error.
 */
final class StdioRequestTap {
    private int pending;

    /** A sink for raw stdin bytes that counts each complete request line. */
    Consumer<byte[]> inbound() {
        return new Lines(line -> {
            if (line.contains("\"method\"") && line.contains("\"id\"")) {
                change(1);
            }
        });
    }

    /** A sink for raw stdout bytes that counts each response line. */
    Consumer<byte[]> outbound() {
        return new Lines(line -> {
            if (line.startsWith("{\"jsonrpc\":\"2.0\",\"id\":")
                    && (line.contains("\"result\"") || line.contains("\"error\""))) {
                change(-1);
            }
        });
    }

    private synchronized void change(int delta) {
        pending += delta;
        notifyAll();
    }

    /** Waits until every request read so far is answered, at most {@code limit}; true when none is left. */
    synchronized boolean awaitAnswered(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Splits a byte stream into lines (without the newline) for a consumer. */
    private static final class Lines implements Consumer<byte[]> {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Consumer<String> onLine;

        Lines(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public synchronized void accept(byte[] chunk) {
            for (byte b : chunk) {
                if (b == '\n') {
                    onLine.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() < 256) {
                    line.write(b); // the prefix is enough to classify a message
                }
            }
        }
    }
}
