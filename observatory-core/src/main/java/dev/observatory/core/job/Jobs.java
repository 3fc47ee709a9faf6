package dev.observatory.core.job;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.dataset.TrainingConfigs;
import dev.observatory.model.Ids;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.dataset.TrainingConfig;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.NewJob;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The jobs service: start, stop, list and inspect training jobs. A thin facade over a Tracking; the long-lived part
 * (processes, threads) is the {@link JobRunner} {@link #configure configured} for that Tracking by the server.
 */
public final class Jobs {
    public static final int MAX_PAGE = 500;
    public static final int MAX_LOG_LINES = 5_000;
    private static final Map<Tracking, JobRunner> RUNNERS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Tracking tracking;

    public Jobs(Tracking tracking) {
        this.tracking = tracking;
    }

    /** Creates the runner of this tracking (not started; {@link JobRunner#start()} starts it). */
    public static JobRunner configure(Tracking tracking, JobSettings settings) {
        JobRunner old = RUNNERS.get(tracking);
        if (old != null) {
            old.close();
        }
        JobRunner runner = new JobRunner(tracking, settings);
        RUNNERS.put(tracking, runner);
        return runner;
    }

    /** The started runner of this tracking; IllegalStateException when jobs are not enabled on this server. */
    public JobRunner runner() {
        JobRunner r = RUNNERS.get(tracking);
        if (r == null || !r.started()) {
            throw new ConflictException("this server does not run jobs: start it with `observatory serve` or"
                    + " `observatory mcp` (the job executor starts with them)");
        }
        return r;
    }

    /** Whether a started runner exists for this tracking. */
    public boolean enabled() {
        JobRunner r = RUNNERS.get(tracking);
        return r != null && r.started();
    }

    /**
     * What to start. {@code runId} null: a new run named after the job is created in {@code project}.
     * {@code configName} names a stored training config the job runs with ({@code configVersion} null: its latest
     * version); it must pass its template's schema or nothing is started.
     */
    public record StartRequest(String project, String runId, String name, JobSpec spec, String configName,
            Integer configVersion) {

        /** A start without a training config. */
        public StartRequest(String project, String runId, String name, JobSpec spec) {
            this(project, runId, name, spec, null, null);
        }
    }

    /**
     * Validates and records the job, creates its run when none is given, and starts it (or queues it). Refused in
     * read-only mode; a working directory outside the job roots, an unknown executor or a training config that fails
     * validation is an IllegalArgumentException (an unknown config a NotFoundException), and then nothing is created.
     */
    public Job start(Actor actor, StartRequest req) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("job.start");
        }
        JobRunner runner = runner();
        JobSpec spec = req.spec();
        Path dir = runner.settings().checkWorkingDir(spec.workingDir());
        runner.executor(spec.executor());
        TrainingConfig config = req.configName() == null ? null : validConfig(req.configName(), req.configVersion());
        JobSpec resolved = new JobSpec(spec.argv(), dir.toString(), spec.env(), spec.executor(), spec.resources(),
                spec.shell(), spec.targetSteps(), spec.params(), spec.guardrails());
        String name = req.name() == null || req.name().isBlank() ? Path.of(spec.argv().get(0)).getFileName() + ""
                : req.name().strip();
        Run run;
        if (req.runId() != null) {
            run = tracking.getRun(req.runId());
        } else {
            if (req.project() == null || req.project().isBlank()) {
                throw new IllegalArgumentException("give project (a new run is created there) or run_id");
            }
            Map<String, Object> params = new LinkedHashMap<>(spec.params());
            if (config != null) {
                params.putIfAbsent("training_config", config.name() + "@" + config.version());
            }
            run = tracking.createRun(actor, new NewRun(req.project(), name + "-" + Ids.newId().substring(0, 8),
                    RunStatus.QUEUED, actor.name(), List.of("job"), params, null, null, null, null));
        }
        Job job = tracking.store().jobs().create(new NewJob(run.project(), run.id(), name, resolved,
                config == null ? null : config.name(), config == null ? null : config.version()));
        tracking.store().lineage()
                .link(new LineageEdge(new EntityRef(EntityKind.JOB, job.id()), new EntityRef(EntityKind.RUN, run.id()),
                        LineageEdge.PRODUCED, tracking.clock().instant(), LineageEdge.Source.INGEST));
        tracking.auditor().record(actor, "job.start", "job/" + job.id(), String.join(" ", spec.argv())
                + (config == null ? "" : " (config " + config.name() + " v" + config.version() + ")"));
        runner.submit(job);
        return get(job.id());
    }

    /** The config version a job may start with; IllegalArgumentException naming every violation and its path. */
    private TrainingConfig validConfig(String name, Integer version) {
        if (version != null && version < 1) {
            throw new IllegalArgumentException("config_version must be 1 or more, got " + version);
        }
        try {
            return new TrainingConfigs(tracking).requireValid(name, version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job not started: training config '" + name + "'"
                    + (version == null ? " (latest version)" : " version " + version) + " fails validation; "
                    + e.getMessage(), e);
        }
    }

    /** Asks a running (or queued) job to stop; ConflictException when it already ended. */
    public Job stop(Actor actor, String jobId) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("job.stop");
        }
        Job job = get(jobId);
        if (job.status().terminal()) {
            throw new ConflictException("job " + jobId + " already ended (" + job.status().wire() + ")");
        }
        if (!runner().stop(jobId, "user")) {
            throw new ConflictException("job " + jobId + " is not running on this server");
        }
        tracking.auditor().record(actor, "job.stop", "job/" + jobId, null);
        return get(jobId);
    }

    public Job get(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("job_id must not be empty");
        }
        return tracking.store().jobs().get(jobId).orElseThrow(
                () -> new NotFoundException("no job with id '" + jobId + "': list_jobs shows the existing ones"));
    }

    public List<Job> list(JobQuery q) {
        return tracking.store().jobs().list(q);
    }

    public long count(JobQuery q) {
        return tracking.store().jobs().count(q);
    }

    public List<JobEvent> events(String jobId, int limit) {
        get(jobId);
        return tracking.store().jobs().events(jobId, limit);
    }

    /**
     * The last {@code lines} lines of the job's log (rotated files included), only those containing {@code grep} (a
     * regular expression, case-insensitive) when given.
     */
    public JobLog.Tail logs(String jobId, int lines, String grep) {
        if (lines < 1 || lines > MAX_LOG_LINES) {
            throw new IllegalArgumentException("lines must be between 1 and " + MAX_LOG_LINES + ", got " + lines);
        }
        Job job = get(jobId);
        if (job.logPath() == null) {
            return new JobLog.Tail(List.of(), 0);
        }
        Pattern p;
        try {
            p = grep == null || grep.isEmpty() ? null : Pattern.compile(grep, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("grep is not a valid regular expression: " + e.getDescription());
        }
        if (grep != null && grep.length() > 200) {
            throw new IllegalArgumentException("grep may be at most 200 characters");
        }
        return JobLog.tail(Path.of(job.logPath()), lines, p == null ? l -> true : l -> p.matcher(l).find());
    }

    /** What the server sees of a running job now; empty when it does not run here. */
    public Optional<LiveView> live(String jobId) {
        JobRunner r = RUNNERS.get(tracking);
        return r == null ? Optional.empty()
                : r.live(jobId)
                        .map(lj -> new LiveView(lj.process.pid(), lj.lines.lines(), lj.lines.points(),
                                lj.lines.lastStep() == ParsedLine.NO_STEP ? null : lj.lines.lastStep(),
                                lj.lines.latest(), lj.samples(), lj.stopReason));
    }

    /**
     * A running job as seen now.
     *
     * @param lastStep
     *            last step parsed from its output, null before the first
     */
    public record LiveView(long pid, long lines, long points, Long lastStep, Map<String, Double> latest,
            List<ResourceSample> samples, String stopReason) {
    }
}
