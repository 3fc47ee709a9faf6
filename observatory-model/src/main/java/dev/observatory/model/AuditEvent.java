package dev.observatory.model;

import java.time.Instant;

/**
 * One write, from any surface. {@code actor} is the API key name or "anonymous"; {@code surface} is rest, mcp, cli or
 * mlflow; {@code action} a dotted verb such as run.create; {@code detail} a short JSON or text summary without secrets.
 */
public record AuditEvent(long id, Instant at, String actor, String surface, String action, String target,
        String detail) {
}
