package dev.observatory.store.jdbc;

import dev.observatory.model.Ids;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import dev.observatory.store.RunStore;
import dev.observatory.store.internal.RunRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs: writes through the writer thread (so name checks cannot race), reads on pooled connections. */
final class DuckDbRuns implements RunStore {

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final Clock clock;
    private final DuckDbReadCache<Run> cache = new DuckDbReadCache<>(4096);
    private volatile Runnable metricBarrier = () -> {
    };

    DuckDbRuns(DuckDbConnections db, DuckDbWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public Run create(NewRun n) {
        return writer.write(c -> {
            if (DuckDbSql.count(c, "SELECT count(*) FROM projects WHERE name = ?", n.project()) == 0) {
                throw new NotFoundException("project '" + n.project() + "' does not exist");
            }
            // 64 random bits: a collision would fail on the primary key rather than cost a lookup per run
            Run run = RunRules.create(n, Ids.newId(), RunRules.micros(clock.instant()));
            requireFreeName(c, run.project(), run.name());
            DuckDbRunRows.insert(c, run);
            return run;
        });
    }

    private static void requireFreeName(Connection c, String project, String name) throws SQLException {
        // by name alone, which DuckDB answers from the runs_name index
        if (DuckDbSql.list(c, "SELECT project FROM runs WHERE name = ?", rs -> rs.getString(1), name)
                .contains(project)) {
            throw new ConflictException("a run named '" + name + "' already exists in project '" + project + "'");
        }
    }

    private static Optional<Run> find(Connection c, String id) throws SQLException {
        return DuckDbSql.one(c, "SELECT " + DuckDbRunRows.COLUMNS + " FROM runs r WHERE r.id = ?", DuckDbRunRows::map,
                id);
    }

    @Override
    public Optional<Run> get(String id) {
        return Optional.ofNullable(cache.get(id, () -> db.read(c -> find(c, id)).orElse(null)));
    }

    @Override
    public Run update(String id, RunPatch patch) {
        Run updated = writer.write(c -> {
            Run before = find(c, id).orElseThrow(() -> new NotFoundException("run '" + id + "' does not exist"));
            if (patch.name() != null && !patch.name().equals(before.name())) {
                requireFreeName(c, before.project(), patch.name());
            }
            Run after = RunRules.apply(before, patch, RunRules.micros(clock.instant()));
            DuckDbRunRows.update(c, before, after);
            return after;
        });
        cache.invalidate(id);
        return updated;
    }

    /** After a write outside this class that changes run rows (an MLflow experiment rename moves runs). */
    void forgetCached() {
        cache.invalidateAll();
    }

    /** Called before a query that reads metric summaries (journaled batches must be applied first). */
    void beforeMetricReads(Runnable barrier) {
        this.metricBarrier = barrier;
    }

    private void awaitMetrics(DuckDbRunQuery sql) {
        if (sql.sort().byMetric() || !sql.query().metricFilters().isEmpty()) {
            metricBarrier.run();
        }
    }

    @Override
    public List<Run> list(RunQuery query) {
        DuckDbRunQuery sql = DuckDbRunQuery.of(query);
        awaitMetrics(sql);
        return db.read(c -> DuckDbSql.list(c, sql.pageSql(), DuckDbRunRows::map, sql.pageArgs()));
    }

    @Override
    public long count(RunQuery query) {
        DuckDbRunQuery sql = DuckDbRunQuery.of(query);
        awaitMetrics(sql);
        return db.read(c -> DuckDbSql.list(c, sql.countSql(), rs -> rs.getLong(1), sql.filterArgs()).get(0));
    }

    @Override
    public List<Run> search(String text, int limit) {
        String needle = text.toLowerCase(Locale.ROOT);
        return db.read(c -> DuckDbSql.list(c, "SELECT " + DuckDbRunRows.COLUMNS + " FROM runs r "
                + "WHERE strpos(lower(r.name), ?) > 0 OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id "
                + "AND strpos(lower(t.tag), ?) > 0) ORDER BY r.created_at DESC, r.id LIMIT " + Math.max(0, limit),
                DuckDbRunRows::map, needle, needle));
    }
}
