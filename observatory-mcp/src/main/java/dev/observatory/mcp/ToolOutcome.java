package dev.observatory.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The result of one tool call with its classification, for surfaces that map errors to their own codes (the HTTP bridge
 * maps {@code errorCode} to a status).
 *
 * @param result
 *            the MCP result (an {@code isError} result when {@code errorCode} is set)
 * @param errorCode
 *            null on success, else one of {@link #UNKNOWN_TOOL}, {@link #INVALID_ARGUMENTS}, {@link #INVALID_CURSOR},
 *            {@link #NOT_FOUND}, {@link #CONFLICT}, {@link #READ_ONLY}, {@link #STORAGE_UNAVAILABLE}
 * @param errorMessage
 *            what went wrong and what to send instead; null on success
 */
public record ToolOutcome(String tool, CallToolResult result, String errorCode, String errorMessage) {
    public static final String UNKNOWN_TOOL = "UNKNOWN_TOOL";
    public static final String INVALID_ARGUMENTS = "INVALID_ARGUMENTS";
    public static final String INVALID_CURSOR = "INVALID_CURSOR";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String CONFLICT = "CONFLICT";
    public static final String READ_ONLY = "READ_ONLY";
    /** The storage is not available (it could not be opened, or the database is unreachable). */
    public static final String STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE";

    public boolean ok() {
        return errorCode == null;
    }

    /** The structured content of a successful call, else null. */
    public Object data() {
        return result.structuredContent();
    }
}
