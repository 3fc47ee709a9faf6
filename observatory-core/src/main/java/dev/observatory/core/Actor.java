package dev.observatory.core;

/**
 * Who performs an operation and through which surface; recorded in the audit log.
 *
 * @param name
 *            API key name, "anonymous" when auth is off, or "demo"/"cli" for internal writers
 * @param surface
 *            "rest", "mcp", "cli", "mlflow", "bridge"
 * @param productionScope
 *            whether the caller may make production changes (propose_release_config): over HTTP only an API key with
 *            the {@code production} scope (or {@code admin}, or a configured key); in-process callers (stdio MCP, CLI)
 *            are the operator of the process and may. The server-wide gate {@code allow_production_changes} applies on
 *            top.
 */
public record Actor(String name, String surface, boolean productionScope) {

    /** An in-process actor (stdio MCP, CLI, internal writers): not limited by API key scopes. */
    public Actor(String name, String surface) {
        this(name, surface, true);
    }

    public static Actor anonymous(String surface) {
        return new Actor("anonymous", surface);
    }

    /** An HTTP caller: {@code productionScope} says whether its key carries the production scope. */
    public static Actor http(String name, String surface, boolean productionScope) {
        return new Actor(name, surface, productionScope);
    }
}
