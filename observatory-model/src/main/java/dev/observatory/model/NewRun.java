package dev.observatory.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a client sends to create a run. Null fields take defaults: a generated name, status RUNNING, no tags, no params.
 * {@code startedAt} null means "now" for RUNNING runs.
 */
public record NewRun(String project, String name, RunStatus status, String user, List<String> tags,
        Map<String, Object> params, String notes, Instant startedAt, String gitCommit, String host) {

    public static NewRun of(String project, String name) {
        return new NewRun(project, name, null, null, null, null, null, null, null, null);
    }
}
