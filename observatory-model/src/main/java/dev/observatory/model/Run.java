package dev.observatory.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training or evaluation run.
 *
 * @param id
 *            opaque id, unique across projects (16 lower-case hex chars when made by Observatory)
 * @param name
 *            unique within its project
 * @param params
 *            nested configuration: values are String, Number, Boolean, null, List or Map; key order kept
 * @param startedAt
 *            null while queued
 * @param endedAt
 *            null until the run reaches a terminal status
 * @param heartbeatAt
 *            last sign of life from the training process (null if none yet)
 */
public record Run(String id, String project, String name, RunStatus status, String user, List<String> tags,
        Map<String, Object> params, String notes, Instant createdAt, Instant startedAt, Instant endedAt,
        Instant heartbeatAt, String gitCommit, String host) {

    public Run {
        tags = List.copyOf(tags);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
