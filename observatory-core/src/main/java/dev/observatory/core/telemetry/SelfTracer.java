package dev.observatory.core.telemetry;

/**
 * Where Observatory reports its own work to be recorded as spans (self-observability): the MCP tool registry reports
 * every tool call, the HTTP layer every request. Implementations must return at once and never throw: they run on the
 * caller's thread, after its work is done. {@link #NONE} records nothing.
 */
public interface SelfTracer {

    /** Records nothing. */
    SelfTracer NONE = new SelfTracer() {
        @Override
        public void toolCall(String tool, String outcome, long durationNanos) {
        }

        @Override
        public void httpRequest(String method, String route, String path, int status, long durationNanos) {
        }
    };

    /**
     * One MCP tool call that just ended.
     *
     * @param outcome
     *            "ok", or the error class (e.g. "invalid_arguments", "not_found", "internal_error")
     */
    void toolCall(String tool, String outcome, long durationNanos);

    /** One HTTP request that just ended; {@code route} is the matched pattern, {@code path} the request path. */
    void httpRequest(String method, String route, String path, int status, long durationNanos);
}
