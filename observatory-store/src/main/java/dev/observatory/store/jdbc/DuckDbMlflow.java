package dev.observatory.store.jdbc;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.store.ConflictException;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowSearchRow;
import dev.observatory.store.MlflowStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import dev.observatory.store.internal.RunRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.LinkedHashSet;

/**
 * MLflow state in DuckDB: writes through the writer thread (id assignment cannot race), reads on pooled connections.
 */
final class DuckDbMlflow implements MlflowStore {

    private static final int IDS_PER_QUERY = 1000;
    private static final String EXPERIMENT = "SELECT id, project, deleted, updated_at FROM mlflow_experiments";
    private static final String EXPERIMENT_WITH_TAGS = "SELECT e.id, e.project, e.deleted, e.updated_at, t.tag_key, "
            + "t.tag_value FROM mlflow_experiments e LEFT JOIN mlflow_experiment_tags t ON t.experiment_id = e.id WHERE ";

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final Clock clock;
    private final Runnable afterRunsMoved;
    /** Experiments by id (a run search looks its experiment up on every call); set by every experiment write. */
    private final DuckDbReadCache<MlflowExperiment> experiments = new DuckDbReadCache<>(1024);
    /** MLflow tags per run; written only by {@link #updateRunTags}, which caches the run's tags after the write. */
    private final DuckDbReadCache<Map<String, String>> tagsOfRuns = new DuckDbReadCache<>(8192);
    private volatile Runnable metricBarrier = () -> {
    };
    private volatile DuckDbReadCache<List<MetricSummary>> summaries = new DuckDbReadCache<>(1);

    DuckDbMlflow(DuckDbConnections db, DuckDbWriter writer, Clock clock, Runnable afterRunsMoved) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
        this.afterRunsMoved = afterRunsMoved;
    }

    private Instant now() {
        return RunRules.micros(clock.instant());
    }

    @Override
    public MlflowExperiment experiment(String project) {
        Optional<MlflowExperiment> known = db.read(c -> find(c, "e.project = ?", project));
        return known.orElseGet(() -> writer.write(c -> assign(c, project)));
    }

    private MlflowExperiment assign(Connection c, String project) throws SQLException {
        Optional<MlflowExperiment> raced = find(c, "e.project = ?", project);
        if (raced.isPresent()) {
            return raced.get();
        }
        if (DuckDbSql.count(c, "SELECT count(*) FROM projects WHERE name = ?", project) == 0) {
            throw new NotFoundException("project '" + project + "' does not exist");
        }
        boolean zeroFree = DuckDbSql.count(c, "SELECT count(*) FROM mlflow_experiments WHERE id = 0") == 0;
        long id = project.equals(DEFAULT_PROJECT) && zeroFree ? 0
                : DuckDbSql.count(c, "SELECT nextval('mlflow_experiment_ids')");
        Instant at = now();
        DuckDbSql.update(c, "INSERT INTO mlflow_experiments (id, project, deleted, updated_at) VALUES (?, ?, false, ?)",
                id, project, at);
        return new MlflowExperiment(id, project, false, at, Map.of());
    }

    @Override
    public Optional<MlflowExperiment> experimentById(long id) {
        return Optional.ofNullable(
                experiments.get(Long.toString(id), () -> db.read(c -> find(c, "e.id = ?", id)).orElse(null)));
    }

    @Override
    public List<MlflowExperiment> experiments() {
        List<String> missing = db.read(c -> DuckDbSql.list(c, "SELECT name FROM projects WHERE name NOT IN "
                + "(SELECT project FROM mlflow_experiments) ORDER BY name", rs -> rs.getString(1)));
        if (!missing.isEmpty()) {
            writer.write(c -> {
                for (String p : missing) {
                    assign(c, p);
                }
                return null;
            });
        }
        return db.read(c -> {
            Map<Long, Map<String, String>> tags = new HashMap<>();
            DuckDbSql.list(c, "SELECT experiment_id, tag_key, tag_value FROM mlflow_experiment_tags", rs -> tags
                    .computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3)));
            return DuckDbSql.list(c, EXPERIMENT + " ORDER BY id",
                    rs -> map(rs, tags.getOrDefault(rs.getLong(1), Map.of())));
        });
    }

    @Override
    public MlflowExperiment setDeleted(long id, boolean deleted) {
        return experimentWrite(id, c -> {
            require(c, id);
            DuckDbSql.update(c, "UPDATE mlflow_experiments SET deleted = ?, updated_at = ? WHERE id = ?", deleted,
                    now(), id);
            return require(c, id);
        });
    }

    @Override
    public MlflowExperiment rename(long id, String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("the new experiment name must not be blank");
        }
        MlflowExperiment renamed = experimentWrite(id, c -> {
            MlflowExperiment e = require(c, id);
            if (newName.equals(e.project())) {
                return e;
            }
            if (DuckDbSql.count(c, "SELECT count(*) FROM projects WHERE name = ?", newName) > 0) {
                throw new ConflictException("a project named '" + newName + "' already exists");
            }
            DuckDbSql.update(c, "INSERT INTO projects (name, description, created_at) "
                    + "SELECT ?, description, created_at FROM projects WHERE name = ?", newName, e.project());
            DuckDbSql.update(c, "UPDATE runs SET project = ? WHERE project = ?", newName, e.project());
            DuckDbSql.update(c, "DELETE FROM projects WHERE name = ?", e.project());
            DuckDbSql.update(c, "UPDATE mlflow_experiments SET project = ?, updated_at = ? WHERE id = ?", newName,
                    now(), id);
            return require(c, id);
        });
        afterRunsMoved.run();
        return renamed;
    }

    @Override
    public MlflowExperiment setTag(long id, String key, String value) {
        return experimentWrite(id, c -> {
            require(c, id);
            DuckDbSql.update(c, "INSERT OR REPLACE INTO mlflow_experiment_tags (experiment_id, tag_key, tag_value) "
                    + "VALUES (?, ?, ?)", id, key, value);
            DuckDbSql.update(c, "UPDATE mlflow_experiments SET updated_at = ? WHERE id = ?", now(), id);
            return require(c, id);
        });
    }

    /**
     * Runs an experiment write whose work returns the experiment as it is after the write (read in its transaction),
     * then caches that value, so that the next search finds it (or forgets the cached experiment when the write failed,
     * or when another experiment write began meanwhile).
     */
    private MlflowExperiment experimentWrite(long id, DuckDbSql.SqlWork<MlflowExperiment> work) {
        String key = Long.toString(id);
        Written<MlflowExperiment> w;
        try {
            w = writer.write(c -> new Written<>(work.run(c), experiments.nextWrite()));
        } catch (RuntimeException e) {
            experiments.invalidate(key);
            throw e;
        }
        experiments.written(key, w.value(), w.seq());
        return w.value();
    }

    /** A value computed in a write's transaction and the cache's write sequence taken there. */
    private record Written<V>(V value, long seq) {
    }

    private MlflowExperiment require(Connection c, long id) throws SQLException {
        return find(c, "e.id = ?", id).orElseThrow(() -> new NotFoundException("no experiment with id " + id));
    }

    /** The experiment matching {@code condition} with its tags, in one statement (a cold search pays it). */
    private static Optional<MlflowExperiment> find(Connection c, String condition, Object arg) throws SQLException {
        Map<String, String> tags = new TreeMap<>();
        List<MlflowExperiment> rows = DuckDbSql.list(c, EXPERIMENT_WITH_TAGS + condition, rs -> {
            if (rs.getString("tag_key") != null) {
                tags.put(rs.getString("tag_key"), rs.getString("tag_value"));
            }
            return map(rs, Map.of());
        }, arg);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        MlflowExperiment e = rows.get(0);
        return Optional.of(new MlflowExperiment(e.id(), e.project(), e.deleted(), e.updatedAt(), tags));
    }

    private static MlflowExperiment map(java.sql.ResultSet rs, Map<String, String> tags) throws SQLException {
        return new MlflowExperiment(rs.getLong("id"), rs.getString("project"), rs.getBoolean("deleted"),
                DuckDbSql.instant(rs, "updated_at"), tags);
    }

    @Override
    public Map<String, String> runTags(String runId) {
        return new TreeMap<>(runTags(List.of(runId)).getOrDefault(runId, Map.of()));
    }

    /** Tags of many runs: cached ones from memory, the others read in bulk and cached. */
    @Override
    public Map<String, Map<String, String>> runTags(Collection<String> runIds) {
        Map<String, Map<String, String>> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : runIds) {
            Map<String, String> cached = tagsOfRuns.peek(id);
            if (cached == null) {
                missing.add(id);
            } else if (!cached.isEmpty()) {
                out.put(id, new TreeMap<>(cached));
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        long before = tagsOfRuns.generation();
        Map<String, Map<String, String>> loaded = new HashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(missing));
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<Object> args = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
            String sql = "SELECT run_id, tag_key, tag_value FROM mlflow_run_tags WHERE run_id IN ("
                    + String.join(", ", Collections.nCopies(args.size(), "?")) + ")";
            db.read(c -> DuckDbSql.list(c, sql, rs -> loaded.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .put(rs.getString(2), rs.getString(3)), args));
        }
        Map<String, Map<String, String>> frozen = new HashMap<>();
        ids.forEach(id -> frozen.put(id, Map.copyOf(loaded.getOrDefault(id, Map.of()))));
        tagsOfRuns.putAll(frozen, before);
        out.putAll(loaded);
        return out;
    }

    /**
     * Writes the tags, reads the run's tags back in the same transaction and caches them after the commit (a search
     * right after the write finds them; see {@link DuckDbReadCache#written}).
     */
    @Override
    public void updateRunTags(String runId, Map<String, String> set, Collection<String> remove) {
        Written<Map<String, String>> w;
        try {
            w = writeRunTags(runId, set, remove);
        } catch (RuntimeException e) {
            tagsOfRuns.invalidate(runId);
            throw e;
        }
        tagsOfRuns.written(runId, w.value(), w.seq());
    }

    private Written<Map<String, String>> writeRunTags(String runId, Map<String, String> set,
            Collection<String> remove) {
        return writer.write(c -> {
            requireRun(c, runId);
            for (String k : remove) {
                DuckDbSql.update(c, "DELETE FROM mlflow_run_tags WHERE run_id = ? AND tag_key = ?", runId, k);
            }
            for (Map.Entry<String, String> t : set.entrySet()) {
                DuckDbSql.update(c,
                        "INSERT OR REPLACE INTO mlflow_run_tags (run_id, tag_key, tag_value) " + "VALUES (?, ?, ?)",
                        runId, t.getKey(), t.getValue());
            }
            Map<String, String> now = new HashMap<>();
            DuckDbSql.list(c, "SELECT tag_key, tag_value FROM mlflow_run_tags WHERE run_id = ?",
                    rs -> now.put(rs.getString(1), rs.getString(2)), runId);
            return new Written<>(Map.copyOf(now), tagsOfRuns.nextWrite());
        });
    }

    @Override
    public void addInputs(String runId, Map<String, String> inputs) {
        writer.write(c -> {
            requireRun(c, runId);
            long seq = DuckDbSql.count(c, "SELECT coalesce(max(seq), 0) FROM mlflow_run_inputs WHERE run_id = ?",
                    runId);
            for (Map.Entry<String, String> in : inputs.entrySet()) {
                DuckDbSql.update(c,
                        "INSERT INTO mlflow_run_inputs (run_id, seq, input_key, body) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (run_id, input_key) DO UPDATE SET body = excluded.body",
                        runId, ++seq, in.getKey(), in.getValue());
            }
            return null;
        });
    }

    @Override
    public Map<String, String> inputs(String runId) {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(c -> DuckDbSql.list(c, "SELECT input_key, body FROM mlflow_run_inputs WHERE run_id = ? ORDER BY seq",
                rs -> out.put(rs.getString(1), rs.getString(2)), runId));
        return out;
    }

    /** Called before a search page is read (journaled metric batches must be applied first). */
    void beforeMetricReads(Runnable barrier) {
        this.metricBarrier = barrier;
    }

    /** The metric summaries' read cache, shared so that a search page fills it (and is answered from it). */
    void summariesCache(DuckDbReadCache<List<MetricSummary>> cache) {
        this.summaries = cache;
    }

    /**
     * The runs query, then one statement for the metric summaries and side tags the caches lack
     * ({@link DuckDbMlflowSearch}).
     */
    @Override
    public Optional<List<MlflowSearchRow>> searchPage(RunQuery query, String excludedTag, long offset, int limit) {
        DuckDbMlflowSearch.Statement st = DuckDbMlflowSearch.page(query, excludedTag, offset, limit);
        metricBarrier.run();
        List<Run> page = db.read(c -> DuckDbSql.list(c, st.sql(), DuckDbRunRows::map, st.args()));
        Map<String, List<MetricSummary>> sums = new HashMap<>();
        Map<String, Map<String, String>> tags = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Run r : page) {
            List<MetricSummary> s = summaries.peek(r.id());
            Map<String, String> t = tagsOfRuns.peek(r.id());
            if (s == null || t == null) {
                missing.add(r.id());
            } else {
                sums.put(r.id(), s);
                tags.put(r.id(), t);
            }
        }
        if (!missing.isEmpty()) {
            loadDetails(missing, sums, tags);
        }
        List<MlflowSearchRow> out = new ArrayList<>(page.size());
        for (Run r : page) {
            out.add(DuckDbMlflowSearch.row(r, sums.get(r.id()), tags.get(r.id())));
        }
        return Optional.of(out);
    }

    private void loadDetails(List<String> ids, Map<String, List<MetricSummary>> sums,
            Map<String, Map<String, String>> tags) {
        long sumsBefore = summaries.generation();
        long tagsBefore = tagsOfRuns.generation();
        Map<String, List<MetricSummary>> loadedSums = new HashMap<>();
        Map<String, Map<String, String>> loadedTags = new HashMap<>();
        for (List<String> group : DuckDbMlflowSearch.groups(ids)) {
            DuckDbMlflowSearch.Statement st = DuckDbMlflowSearch.details(group);
            DuckDbMlflowSearch.collect(db.read(c -> DuckDbSql.list(c, st.sql(), DuckDbMlflowSearch::detail, st.args())),
                    loadedSums, loadedTags);
        }
        Map<String, List<MetricSummary>> frozenSums = DuckDbMlflowSearch.frozen(ids, loadedSums);
        Map<String, Map<String, String>> frozenTags = new HashMap<>();
        ids.forEach(id -> frozenTags.put(id, Map.copyOf(loadedTags.getOrDefault(id, Map.of()))));
        summaries.putAll(frozenSums, sumsBefore);
        tagsOfRuns.putAll(frozenTags, tagsBefore);
        sums.putAll(frozenSums);
        tags.putAll(frozenTags);
    }

    private static void requireRun(Connection c, String runId) throws SQLException {
        if (DuckDbSql.count(c, "SELECT count(*) FROM runs WHERE id = ?", runId) == 0) {
            throw new NotFoundException("run '" + runId + "' does not exist");
        }
    }
}
