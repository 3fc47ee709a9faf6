package dev.observatory.model.job;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a job's append-only event history: lifecycle changes, guardrail alerts, signals sent.
 *
 * @param kind
 *            e.g. {@code queued}, {@code started}, {@code alert}, {@code signal}, {@code ended}, {@code lost},
 *            {@code reattached}
 * @param severity
 *            {@code info}, {@code warning} or {@code critical}
 */
public record JobEvent(String jobId, Instant at, String kind, String severity, String message) {

    public JobEvent {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        severity = severity == null ? "info" : severity;
        message = message == null ? "" : message;
    }
}
