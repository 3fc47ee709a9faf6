package dev.observatory.model.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A training job: a process started by an executor, linked to the run its metrics land in.
 *
 * @param id
 *            16 hex characters
 * @param runId
 *            the run that receives the job's parsed metrics and resource samples
 * @param pid
 *            process id (the process group leader for the local executor); null before start
 * @param processStart
 *            the process's start time as the OS reports it, to tell a re-used pid apart after a restart
 * @param failure
 *            failure class when it did not succeed: {@code oom}, {@code nan}, {@code stall}, {@code divergence},
 *            {@code rule}, {@code killed}, {@code error}, {@code exit_code}, {@code stopped}, {@code lost}
 * @param errorSignature
 *            the normalised error line that ended it (numbers, paths, hex stripped), for clustering; null when none
 * @param guardrail
 *            the guardrail that fired, with its evidence; null when none fired
 * @param logPath
 *            the job's log file on the server (rotated files end in .1, .2, ...)
 * @param configName
 *            the stored training config the job was started with (validated before start); null when none
 * @param configVersion
 *            the version of that config it ran with; null when none
 */
public record Job(String id, String project, String runId, String name, JobSpec spec, JobStatus status, Long pid,
        Instant processStart, Integer exitCode, Instant createdAt, Instant startedAt, Instant endedAt, String failure,
        String errorSignature, GuardrailEvent guardrail, String logPath, String configName, Integer configVersion) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
    }

    /** A job started without a training config. */
    public Job(String id, String project, String runId, String name, JobSpec spec, JobStatus status, Long pid,
            Instant processStart, Integer exitCode, Instant createdAt, Instant startedAt, Instant endedAt,
            String failure, String errorSignature, GuardrailEvent guardrail, String logPath) {
        this(id, project, runId, name, spec, status, pid, processStart, exitCode, createdAt, startedAt, endedAt,
                failure, errorSignature, guardrail, logPath, null, null);
    }

    /** Wall time from start to end (or to {@code now} while running); zero before start. */
    public Duration elapsed(Instant now) {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        Instant end = endedAt == null ? now : endedAt;
        return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
    }
}
