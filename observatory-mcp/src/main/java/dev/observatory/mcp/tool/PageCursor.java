package dev.observatory.mcp.tool;

import dev.observatory.core.Cursors;

/**
 * Offset cursors for lists paged by the MCP layer (after the output budget cut them). They are the core's opaque
 * cursors, bound to the call's arguments (all but {@code cursor}) and expiring like every cursor.
 */
public final class PageCursor {
    private PageCursor() {
    }

    /** The offset a cursor points at; 0 without cursor; InvalidCursorException when it is not valid for this call. */
    public static long offset(Args args, ToolContext ctx) {
        return Cursors.decode(args.string("cursor"), args.fingerprint("cursor"), ctx.nowEpochSeconds());
    }

    /** A cursor for {@code offset} under the same arguments. */
    public static String at(long offset, Args args, ToolContext ctx) {
        return Cursors.encode(offset, args.fingerprint("cursor"), ctx.nowEpochSeconds());
    }

    /** The {@code cursor} argument every paged tool takes. */
    public static Param param() {
        return Param.string("cursor", "The next_cursor of the previous answer, to continue a list; omit for the"
                + " first page. Repeat every other argument unchanged.").example("\"djE6NTA6...\"");
    }
}
