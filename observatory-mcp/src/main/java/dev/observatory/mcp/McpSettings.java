package dev.observatory.mcp;

import java.util.Set;

/**
 * Settings of the MCP surface.
 *
 * @param toolsets
 *            toolsets enabled when a connection does not choose (stdio always; HTTP without {@code ?toolsets=})
 * @param outputBudgetTokens
 *            largest tool output in tokens (o200k); longer lists are cut and say {@code truncated: true}
 * @param baseUrl
 *            base of the web UI for deep links, e.g. {@code http://127.0.0.1:8765}; null or blank for no links
 * @param serverVersion
 *            version reported in {@code initialize}
 */
public record McpSettings(Set<String> toolsets, int outputBudgetTokens, String baseUrl, String serverVersion) {
    /** The default output budget (~8k tokens). */
    public static final int DEFAULT_BUDGET = 8_000;

    public McpSettings {
        toolsets = Toolsets.parse(toolsets == null ? Set.of() : toolsets);
        if (outputBudgetTokens < 500 || outputBudgetTokens > 200_000) {
            throw new IllegalArgumentException(
                    "output budget must be between 500 and 200000 tokens, got " + outputBudgetTokens);
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip().replaceAll("/+$", "");
        serverVersion = serverVersion == null || serverVersion.isBlank() ? "dev" : serverVersion;
    }

    /** Core toolset, default budget, no deep links. */
    public static McpSettings defaults() {
        return new McpSettings(Toolsets.defaults(), DEFAULT_BUDGET, null, "dev");
    }

    /** A copy with other toolsets. */
    public McpSettings withToolsets(Set<String> other) {
        return new McpSettings(other, outputBudgetTokens, baseUrl, serverVersion);
    }
}
