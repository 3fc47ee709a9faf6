package dev.observatory.model.job;

import java.util.Objects;

/**
 * A job to record (status pending): the store assigns id and creation time.
 *
 * @param configName
 *            the training config it starts with (already validated by the caller); null when none
 * @param configVersion
 *            that config's version; null when none
 */
public record NewJob(String project, String runId, String name, JobSpec spec, String configName,
        Integer configVersion) {

    public NewJob {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        if ((configName == null) != (configVersion == null)) {
            throw new IllegalArgumentException("a job's training config needs both a name and a version");
        }
    }

    /** A job without a training config. */
    public NewJob(String project, String runId, String name, JobSpec spec) {
        this(project, runId, name, spec, null, null);
    }
}
