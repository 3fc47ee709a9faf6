package dev.observatory.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A partial update of a run: null fields are left unchanged. {@code params} is merged key by key into the existing
 * params (top level); {@code tags} replaces the tag list. Moving to a terminal status sets {@code endedAt} (now when
 * null).
 */
public record RunPatch(String name, RunStatus status, List<String> tags, Map<String, Object> params, String notes,
        Instant endedAt, Instant heartbeatAt) {

    public static RunPatch status(RunStatus s) {
        return new RunPatch(null, s, null, null, null, null, null);
    }

    public static RunPatch heartbeat(Instant at) {
        return new RunPatch(null, null, null, null, null, null, at);
    }
}
