package dev.observatory.core.job;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.CheckpointFiles;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the checkpoints a job writes into its working directory as checkpoints of its run (left in place, see
 * {@link CheckpointFiles#registerLocal}), with the lineage edge job produced artifact. Idempotent: a checkpoint already
 * recorded for the run at the same path with the same size and modification time is left as it is, so a restart or a
 * re-attach adds no duplicates; one that changed (still being written) is updated in place. Files last modified before
 * the job started (left by an earlier job in the same directory) are not the job's and are skipped.
 */
final class JobCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(JobCheckpoints.class);
    /** Clock slack between the file system's times and the job's recorded start. */
    private static final long SLACK_MS = 2_000;

    private final Tracking tracking;
    private final String jobId;
    private final String runId;
    private final long startedMs;
    private final CheckpointWatcher watcher;
    private long registered;

    JobCheckpoints(Tracking tracking, String jobId, String runId, long startedMs, Path dir, List<String> patterns) {
        this.tracking = tracking;
        this.jobId = jobId;
        this.runId = runId;
        this.startedMs = startedMs;
        this.watcher = new CheckpointWatcher(dir, patterns);
    }

    /** Scans the directory and records what is new or changed; returns how many were recorded by this call. */
    synchronized int scan() {
        List<CheckpointWatcher.Found> found;
        try {
            found = watcher.scan();
        } catch (IOException | RuntimeException e) {
            LOG.warn("job {}: checkpoint scan failed: {}", jobId, e.toString());
            return 0;
        }
        int n = 0;
        for (CheckpointWatcher.Found f : found) {
            if (f.modifiedMs() < startedMs - SLACK_MS) {
                continue;
            }
            try {
                if (record(f)) {
                    n++;
                }
            } catch (RuntimeException e) {
                LOG.warn("job {}: checkpoint {} not registered: {}", jobId, f.path(), e.toString());
            }
        }
        registered += n;
        return n;
    }

    private boolean record(CheckpointWatcher.Found f) {
        Optional<Artifact> existing = tracking.store().artifacts().find(runId, f.path());
        if (existing.isPresent() && existing.get().size() == f.size()
                && existing.get().metadata().get("modified_ms") instanceof Number t
                && t.longValue() == f.modifiedMs()) {
            return false;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source", "job");
        meta.put("job_id", jobId);
        meta.put("layout", f.layout());
        meta.put("folder", f.folder());
        meta.put("modified_ms", f.modifiedMs());
        Artifact a = new CheckpointFiles(new Artifacts(tracking)).registerLocal(JobRunner.ACTOR, runId, f.path(),
                f.location(), f.size(), f.step(), f.epoch(), meta);
        tracking.store().lineage()
                .link(new LineageEdge(EntityRef.of(EntityKind.JOB, jobId), EntityRef.of(EntityKind.ARTIFACT, a.id()),
                        LineageEdge.PRODUCED, tracking.clock().instant(), LineageEdge.Source.INGEST));
        return true;
    }

    /** Checkpoints recorded (new or updated) so far. */
    synchronized long registered() {
        return registered;
    }
}
