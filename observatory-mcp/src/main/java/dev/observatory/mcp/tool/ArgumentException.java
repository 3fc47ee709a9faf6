package dev.observatory.mcp.tool;

/**
 * A tool call's arguments do not match the tool's input schema. The message names the argument and says what to send;
 * MCP answers it as an {@code isError} result, the HTTP bridge as 400 INVALID_ARGUMENTS.
 */
public class ArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ArgumentException(String message) {
        super(message);
    }
}
