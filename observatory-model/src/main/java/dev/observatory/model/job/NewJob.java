package dev.observatory.model.job;

import java.util.Objects;

/** A job to record (status pending): the store assigns id and creation time. */
public record NewJob(String project, String runId, String name, JobSpec spec) {

    public NewJob {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
    }
}
