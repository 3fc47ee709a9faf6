package dev.observatory.mcp.tool;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.core.query.TextModel;
import java.util.List;
import java.util.Set;

/**
 * What a tool handler may use during one call.
 *
 * @param toolsets
 *            toolsets enabled on the calling connection
 * @param catalog
 *            every tool the server knows (for list_toolsets)
 * @param progress
 *            where a long call reports its progress (MCP progress notifications; {@link Progress#NONE} elsewhere)
 * @param clientModel
 *            the calling client's language model through MCP sampling ({@code sampling/createMessage}), or null when
 *            the client did not declare sampling (and on the REST tool bridge)
 */
public record ToolContext(Tracking tracking, Links links, Budget budget, Actor actor, Set<String> toolsets,
        List<ToolDef> catalog, Progress progress, TextModel clientModel) {

    /** A context without a client model. */
    public ToolContext(Tracking tracking, Links links, Budget budget, Actor actor, Set<String> toolsets,
            List<ToolDef> catalog, Progress progress) {
        this(tracking, links, budget, actor, toolsets, catalog, progress, null);
    }

    /** A context whose progress reports go nowhere. */
    public ToolContext(Tracking tracking, Links links, Budget budget, Actor actor, Set<String> toolsets,
            List<ToolDef> catalog) {
        this(tracking, links, budget, actor, toolsets, catalog, Progress.NONE);
    }

    /** Current time in epoch seconds from the service clock (cursor issue/expiry). */
    public long nowEpochSeconds() {
        return tracking.clock().instant().getEpochSecond();
    }
}
