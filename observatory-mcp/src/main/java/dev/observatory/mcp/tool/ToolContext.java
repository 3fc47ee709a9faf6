package dev.observatory.mcp.tool;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import java.util.List;
import java.util.Set;

/**
 * What a tool handler may use during one call.
 *
 * @param toolsets
 *            toolsets enabled on the calling connection
 * @param catalog
 *            every tool the server knows (for list_toolsets)
 */
public record ToolContext(Tracking tracking, Links links, Budget budget, Actor actor, Set<String> toolsets,
        List<ToolDef> catalog) {

    /** Current time in epoch seconds from the service clock (cursor issue/expiry). */
    public long nowEpochSeconds() {
        return tracking.clock().instant().getEpochSecond();
    }
}
