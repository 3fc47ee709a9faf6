package dev.observatory.model.job;

import java.time.Instant;

/** Fields to change on a job; null leaves a field as it is. */
public record JobUpdate(JobStatus status, Long pid, Instant processStart, Integer exitCode, Instant startedAt,
        Instant endedAt, String failure, String errorSignature, GuardrailEvent guardrail, String logPath) {

    public static JobUpdate status(JobStatus status) {
        return new JobUpdate(status, null, null, null, null, null, null, null, null, null);
    }

    /** Running as this process since {@code at}, logging to {@code logPath}. */
    public static JobUpdate started(long pid, Instant processStart, Instant at, String logPath) {
        return new JobUpdate(JobStatus.RUNNING, pid, processStart, null, at, null, null, null, null, logPath);
    }

    /** Ended in a terminal state. */
    public static JobUpdate ended(JobStatus status, Integer exitCode, Instant at, String failure,
            String errorSignature) {
        return new JobUpdate(status, null, null, exitCode, null, at, failure, errorSignature, null, null);
    }

    public static JobUpdate guardrail(GuardrailEvent event) {
        return new JobUpdate(null, null, null, null, null, null, null, null, event, null);
    }
}
