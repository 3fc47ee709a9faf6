package dev.observatory.core.job;

import dev.observatory.model.job.JobSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts and controls the processes of jobs. The local executor runs them on this machine; cluster executors
 * (Kubernetes, Slurm, SkyPilot) can be added as further implementations.
 */
public interface Executor {

    /** The name jobs use in their spec ({@code local}). */
    String name();

    /**
     * Starts the job's program in {@code workDir} with the spec's environment added; its standard output and error come
     * merged from {@link JobProcess#output()}.
     */
    JobProcess launch(JobSpec spec, Path workDir) throws IOException;

    /**
     * The process of a job that was running before a restart, when it still runs (same pid and start time within a
     * second); empty when it is gone.
     */
    Optional<JobProcess> reattach(long pid, java.time.Instant processStart);
}
