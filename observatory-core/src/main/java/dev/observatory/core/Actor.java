package dev.observatory.core;

/**
 * Who performs an operation and through which surface; recorded in the audit log.
 *
 * @param name
 *            API key name, "anonymous" when auth is off, or "demo"/"cli" for internal writers
 * @param surface
 *            "rest", "mcp", "cli", "mlflow", "bridge"
 */
public record Actor(String name, String surface) {

    public static Actor anonymous(String surface) {
        return new Actor("anonymous", surface);
    }
}
