package dev.observatory.core;

import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.NewRun;
import dev.observatory.model.Project;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.SeriesBucket;
import dev.observatory.store.LogQuery;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.blob.BlobStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tracking service: projects, runs, metrics and logs. Every surface (REST, MCP, MLflow API, CLI) goes through it,
 * so validation, read-only mode and auditing are the same everywhere. Writes take an {@link Actor}.
 */
public final class Tracking {
    /** Largest number of points one ingest call may carry. */
    public static final int MAX_POINTS_PER_BATCH = 100_000;

    private final StorageComponent store;
    private final Clock clock;
    private final boolean readOnly;
    private final Auditor auditor;
    private final BlobStore blobs;

    public Tracking(StorageComponent store, Clock clock, boolean readOnly, Auditor auditor) {
        this(store, clock, readOnly, auditor, null);
    }

    /** With the blob store that holds artifacts, checkpoints and reports (null: none configured). */
    public Tracking(StorageComponent store, Clock clock, boolean readOnly, Auditor auditor, BlobStore blobs) {
        this.store = store;
        this.clock = clock;
        this.readOnly = readOnly;
        this.auditor = auditor;
        this.blobs = blobs;
    }

    public StorageComponent store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /**
     * The audit recorder shared by every service. Other domain services (registry, analysis, ...) are thin facades
     * built from this object's store, clock, read-only flag and auditor, so tools and routes that hold a Tracking can
     * reach them without new wiring.
     */
    public Auditor auditor() {
        return auditor;
    }

    /** The blob store of artifacts and checkpoints; IllegalStateException when none is configured. */
    public BlobStore blobs() {
        if (blobs == null) {
            throw new IllegalStateException("no blob store is configured for artifacts");
        }
        return blobs;
    }

    /** Whether a blob store is configured. */
    public boolean hasBlobs() {
        return blobs != null;
    }

    // ---- projects

    public List<ProjectInfo> listProjects() {
        Map<String, Long> counts = store.projects().runCounts();
        return store.projects().list().stream()
                .map(p -> new ProjectInfo(p.name(), p.description(), p.createdAt(), counts.getOrDefault(p.name(), 0L)))
                .toList();
    }

    public ProjectInfo getProject(String name) {
        Project p = store.projects().get(name).orElseThrow(() -> new NotFoundException(
                "no project named " + Validation.quote(name) + ": list_projects shows the existing ones"));
        return new ProjectInfo(p.name(), p.description(), p.createdAt(),
                store.projects().runCounts().getOrDefault(name, 0L));
    }

    public Project createProject(Actor actor, String name, String description) {
        checkWritable("project.create");
        Project p = store.projects().create(Validation.projectName(name), description);
        auditor.record(actor, "project.create", "project/" + name, null);
        return p;
    }

    // ---- runs

    public Run createRun(Actor actor, NewRun run) {
        checkWritable("run.create");
        Validation.projectName(run.project());
        Validation.runName(run.name());
        Validation.tags(run.tags());
        store.projects().getOrCreate(run.project());
        Run created = store.runs().create(run);
        auditor.record(actor, "run.create", "run/" + created.id(), created.project() + "/" + created.name());
        return created;
    }

    public Run getRun(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("run id must not be empty");
        }
        return store.runs().get(id).orElseThrow(() -> new NotFoundException(
                "no run with id " + Validation.quote(id) + ": list_runs or search shows existing run ids"));
    }

    public Run updateRun(Actor actor, String id, RunPatch patch) {
        checkWritable("run.update");
        Validation.runName(patch.name());
        Validation.tags(patch.tags());
        getRun(id);
        Run updated = store.runs().update(id, patch);
        if (patch.status() != null || patch.name() != null || patch.tags() != null || patch.params() != null
                || patch.notes() != null) {
            auditor.record(actor, "run.update", "run/" + id, patch.status() == null ? null : patch.status().wire());
        }
        return updated;
    }

    public RunPage listRuns(RunListRequest req) {
        RunQuery q = req.query();
        if (q.project() != null) {
            getProject(q.project());
        }
        String fp = fingerprint(q, req.metricKeys());
        long offset = Cursors.decode(req.cursor(), fp, clock.instant().getEpochSecond());
        RunQuery paged = new RunQuery(q.project(), q.statuses(), q.tags(), q.params(), q.metricFilters(),
                q.nameContains(), q.sort(), q.descending(), req.limit() + 1, offset);
        List<Run> runs = new ArrayList<>(store.runs().list(paged));
        boolean more = runs.size() > req.limit();
        if (more) {
            runs = runs.subList(0, req.limit());
        }
        List<String> ids = runs.stream().map(Run::id).toList();
        Map<String, Map<String, MetricSummary>> summaries = req.metricKeys().isEmpty() || ids.isEmpty() ? Map.of()
                : store.metrics().summaries(ids, req.metricKeys());
        List<RunRow> rows = runs.stream().map(r -> new RunRow(r, summaries.getOrDefault(r.id(), Map.of()))).toList();
        String next = more ? Cursors.encode(offset + req.limit(), fp, clock.instant().getEpochSecond()) : null;
        return new RunPage(rows, next, store.runs().count(q));
    }

    private static String fingerprint(RunQuery q, List<String> keys) {
        return String.join("|", String.valueOf(q.project()), q.statuses().toString(), q.tags().toString(),
                q.params().toString(), q.metricFilters().toString(), String.valueOf(q.nameContains()), q.sort(),
                String.valueOf(q.descending()), keys.toString());
    }

    // ---- metrics

    /** Validates and stores a columnar batch; returns the number of points stored. */
    public long logMetrics(Actor actor, String runId, Map<String, MetricColumns> batch) {
        checkWritable("metrics.append");
        long n = 0;
        for (var e : batch.entrySet()) {
            Validation.metricKey(e.getKey());
            n += e.getValue().size();
        }
        if (n > MAX_POINTS_PER_BATCH) {
            throw new IllegalArgumentException("a batch may carry at most " + MAX_POINTS_PER_BATCH + " points, got " + n
                    + ": split it into several requests");
        }
        store.metrics().append(runId, batch);
        auditor.recordIngest(actor, "metrics.append", runId, n);
        return n;
    }

    public List<MetricSummary> metricSummaries(String runId) {
        List<MetricSummary> summaries = store.metrics().summaries(runId);
        if (summaries.isEmpty()) {
            getRun(runId); // only an empty answer needs telling apart from an unknown run (404)
        }
        return summaries;
    }

    public MetricSummary metricSummary(String runId, String key) {
        return metricSummaries(runId).stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException(
                        "run " + runId + " has no metric " + Validation.quote(key) + ": list_metrics shows its keys"));
    }

    public Map<String, Long> projectMetricKeys(String project) {
        getProject(project);
        return store.metrics().keysOfProject(project);
    }

    /**
     * A chart of one series: every point when the range holds at most {@code maxPoints}, else M4 with {@code maxPoints}
     * buckets (up to 4 points each: first, last, min, max). Null bounds mean the whole series.
     */
    public MetricHistory history(String runId, String key, Long fromStep, Long toStep, int maxPoints) {
        if (maxPoints < 1 || maxPoints > 10_000) {
            throw new IllegalArgumentException("max_points must be between 1 and 10000, got " + maxPoints);
        }
        MetricSummary s = metricSummary(runId, key);
        long from = fromStep == null ? s.firstStep() : fromStep;
        long to = toStep == null ? s.lastStep() : toStep;
        if (from > to) {
            throw new IllegalArgumentException("from_step (" + from + ") must not exceed to_step (" + to + ")");
        }
        if (s.count() <= maxPoints) {
            List<MetricPoint> pts = store.metrics().read(runId, key, from, to, 0, maxPoints);
            List<SeriesBucket> b = pts.stream().map(p -> {
                boolean finite = Double.isFinite(p.value());
                return new SeriesBucket(p.step(), p.value(), p.step(), p.value(), p.step(), p.value(), p.step(),
                        p.value(), 1, finite ? 0 : 1);
            }).toList();
            return new MetricHistory(runId, key, from, to, b, s, false);
        }
        return new MetricHistory(runId, key, from, to, store.metrics().downsample(runId, key, from, to, maxPoints), s,
                true);
    }

    /** Raw points of a range, paged. */
    public RawPoints rawHistory(String runId, String key, Long fromStep, Long toStep, String cursor, int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("limit must be between 1 and 100000, got " + limit);
        }
        metricSummary(runId, key);
        long from = fromStep == null ? Long.MIN_VALUE : fromStep;
        long to = toStep == null ? Long.MAX_VALUE : toStep;
        String fp = runId + "|" + key + "|" + from + "|" + to;
        long now = clock.instant().getEpochSecond();
        long offset = Cursors.decode(cursor, fp, now);
        List<MetricPoint> pts = store.metrics().read(runId, key, from, to, offset, limit + 1);
        boolean more = pts.size() > limit;
        List<MetricPoint> page = more ? pts.subList(0, limit) : pts;
        return new RawPoints(runId, key, page, more ? Cursors.encode(offset + limit, fp, now) : null);
    }

    /** A page of raw points. */
    public record RawPoints(String runId, String key, List<MetricPoint> points, String nextCursor) {
    }

    // ---- logs

    public void logLines(Actor actor, String runId, List<LogLine> lines) {
        checkWritable("logs.append");
        if (lines.size() > 10_000) {
            throw new IllegalArgumentException("at most 10000 log lines per call, got " + lines.size());
        }
        for (LogLine l : lines) {
            if (l.text() == null) {
                throw new IllegalArgumentException("log line text must not be null");
            }
            if (l.text().length() > 32_768) {
                throw new IllegalArgumentException("a log line may be at most 32768 characters");
            }
        }
        store.logs().append(runId, lines);
        auditor.recordIngest(actor, "logs.append", runId, lines.size());
    }

    public List<LogLine> logs(String runId, LogQuery query) {
        getRun(runId);
        if (query.level() != null
                && !List.of("ERROR", "WARN", "INFO", "DEBUG").contains(query.level().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("level must be one of ERROR, WARN, INFO, DEBUG, got " + query.level());
        }
        return store.logs().query(runId, query);
    }

    // ---- search

    /** Projects and runs whose name, description or tags contain the text (case-insensitive). */
    public List<SearchHit> search(String text, int limit) {
        Validation.text("search text", text, 200);
        String needle = text.toLowerCase(Locale.ROOT);
        List<SearchHit> hits = new ArrayList<>();
        for (Project p : store.projects().list()) {
            if (p.name().toLowerCase(Locale.ROOT).contains(needle)) {
                hits.add(new SearchHit("project", p.name(), p.name(), p.name(), "name"));
            } else if (p.description() != null && p.description().toLowerCase(Locale.ROOT).contains(needle)) {
                hits.add(new SearchHit("project", p.name(), p.name(), p.name(), "description"));
            }
        }
        for (Run r : store.runs().search(text, limit)) {
            boolean byName = r.name().toLowerCase(Locale.ROOT).contains(needle);
            hits.add(new SearchHit("run", r.id(), r.name(), r.project(), byName ? "name" : "tag"));
        }
        return hits.size() > limit ? hits.subList(0, limit) : hits;
    }

    private void checkWritable(String action) {
        if (readOnly) {
            throw new ReadOnlyException(action);
        }
    }
}
