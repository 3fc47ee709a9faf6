package dev.observatory.mcp.tool;

import java.util.Map;

/**
 * The body of a tool: turns validated arguments into the structured answer (a JSON object of maps, lists, strings,
 * numbers and booleans). Domain errors are thrown as the core's exceptions (IllegalArgumentException,
 * NotFoundException, ...) and become {@code isError} results.
 */
@FunctionalInterface
public interface ToolHandler {
    Map<String, Object> handle(Args args, ToolContext ctx);
}
