package dev.observatory.mcp.tool;

/**
 * Progress of a long tool call, sent to the client as MCP {@code notifications/progress} when the call carried a
 * {@code progressToken} (and dropped otherwise). Reports are throttled by the sender; the values must grow.
 */
@FunctionalInterface
public interface Progress {
    /** A sink that drops every report (calls without a progress token, the REST bridge, tests). */
    Progress NONE = (done, total, message) -> {
    };

    /**
     * Reports how far the call has come.
     *
     * @param done
     *            work done so far (items, steps, bytes...), increasing between reports
     * @param total
     *            the total amount of work when known, else null
     * @param message
     *            a short human-readable status, or null
     */
    void report(double done, Double total, String message);
}
