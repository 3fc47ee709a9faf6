package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import dev.observatory.store.MetricStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Metrics: appends through the writer's group commit; summaries from the series table; history from points. */
final class DuckDbMetrics implements MetricStore {

    private static final int IDS_PER_QUERY = 500;

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final DuckDbReadCache<List<MetricSummary>> cache = new DuckDbReadCache<>(4096);
    /** Id, step range and tiling of every series of a run, read together (history reads of a run come in groups). */
    private final DuckDbReadCache<Map<String, SeriesRange>> ranges = new DuckDbReadCache<>(1024);

    /** Null in the synchronous mode (a batch returns once committed to DuckDB). */
    private final DuckDbJournaledAppends journaled;

    DuckDbMetrics(DuckDbConnections db, DuckDbWriter writer, DuckDbJournaledAppends journaled) {
        this.db = db;
        this.writer = writer;
        this.journaled = journaled;
        if (journaled != null) {
            journaled.onApplied(runs -> runs.forEach(this::applied));
        }
    }

    /**
     * On the writer thread right after a group of journaled batches committed: the run's cached summaries are replaced
     * by the committed ones the writer holds (a search right after training finds them warm), or forgotten when the
     * writer does not hold them all.
     */
    private void applied(String runId) {
        List<MetricSummary> now = writer.committedSummaries(runId);
        if (now == null) {
            cache.invalidate(runId);
        } else {
            cache.refresh(runId, now);
        }
        ranges.invalidate(runId);
    }

    @Override
    public void append(String runId, Map<String, MetricColumns> batch) {
        if (journaled != null) {
            journaled.append(runId, batch);
            return;
        }
        try {
            writer.appendMetrics(runId, batch);
        } finally {
            forget(runId);
        }
    }

    /** The summaries' read cache (an MLflow search page reads and fills it). */
    DuckDbReadCache<List<MetricSummary>> summaryCache() {
        return cache;
    }

    private void forget(String runId) {
        cache.invalidate(runId);
        ranges.invalidate(runId);
    }

    private void awaitRun(String runId) {
        if (journaled != null) {
            journaled.barrier().awaitRun(runId);
        }
    }

    /** Waits until every acknowledged batch is readable (no-op in the synchronous mode). */
    void awaitAll() {
        if (journaled != null) {
            journaled.barrier().awaitAll();
        }
    }

    @Override
    public List<MetricSummary> summaries(String runId) {
        awaitRun(runId);
        return cache.get(runId,
                () -> db.read(c -> List.copyOf(DuckDbSql.list(c,
                        "SELECT series_id, metric_key, " + DuckDbSeriesCache.SUMMARY_COLUMNS
                                + " FROM series WHERE run_id = ? ORDER BY metric_key",
                        rs -> DuckDbSeriesCache.summaryRow(rs).summary(), runId))));
    }

    /**
     * Summaries of many runs: those whose summaries are cached (see {@link #summaries(String)}) come from memory, the
     * others are read in bulk and cached (a run search asks for the same page again and again).
     */
    @Override
    public Map<String, Map<String, MetricSummary>> summaries(Collection<String> runIds, Collection<String> keys) {
        awaitAll();
        Map<String, List<MetricSummary>> all = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : runIds) {
            List<MetricSummary> cached = cache.peek(id);
            if (cached != null) {
                all.put(id, cached);
            } else if (!all.containsKey(id)) {
                missing.add(id);
                all.put(id, null);
            }
        }
        if (!missing.isEmpty()) {
            long before = cache.generation();
            Map<String, List<MetricSummary>> loaded = load(missing);
            cache.putAll(loaded, before);
            all.putAll(loaded);
        }
        Set<String> wanted = keys.isEmpty() ? null : Set.copyOf(keys);
        Map<String, Map<String, MetricSummary>> out = new LinkedHashMap<>();
        for (String id : runIds) {
            for (MetricSummary m : all.get(id)) {
                if (wanted == null || wanted.contains(m.key())) {
                    out.computeIfAbsent(id, x -> new TreeMap<>()).put(m.key(), m);
                }
            }
        }
        return out;
    }

    /** The summaries of every metric of these runs, ordered by key (an empty list for a run without metrics). */
    private Map<String, List<MetricSummary>> load(List<String> ids) {
        Map<String, List<MetricSummary>> out = new HashMap<>();
        ids.forEach(id -> out.put(id, new ArrayList<>()));
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<Object> args = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
            String query = "SELECT series_id, metric_key, " + DuckDbSeriesCache.SUMMARY_COLUMNS
                    + ", run_id FROM series WHERE run_id IN (" + placeholders(args.size())
                    + ") ORDER BY run_id, metric_key";
            db.read(c -> DuckDbSql.list(c, query,
                    rs -> out.get(rs.getString(14)).add(DuckDbSeriesCache.summaryRow(rs).summary()), args));
        }
        out.replaceAll((id, list) -> List.copyOf(list));
        return out;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    @Override
    public Map<String, Long> keysOfProject(String project) {
        awaitAll();
        Map<String, Long> out = new LinkedHashMap<>();
        db.read(c -> DuckDbSql.list(c,
                "SELECT s.metric_key, count(*) FROM series s JOIN runs r ON r.id = s.run_id "
                        + "WHERE r.project = ? GROUP BY s.metric_key ORDER BY s.metric_key",
                rs -> out.put(rs.getString(1), rs.getLong(2)), project));
        return out;
    }

    /** Id, step range, non-finite count and tile shift (null: not tiled) of a series. */
    record SeriesRange(int id, long minStep, long maxStep, long nanCount, Integer tileShift) {
    }

    private static final String SERIES_RANGES = "SELECT s.series_id, first_step, last_step, nan_count, t.shift, "
            + "s.metric_key FROM series s LEFT JOIN series_tiling t ON t.series_id = s.series_id WHERE run_id = ?";

    private static SeriesRange rangeRow(ResultSet rs) throws SQLException {
        return new SeriesRange(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), (Integer) rs.getObject(5));
    }

    /** The range of one series of a run, from the run's cached ranges (empty: no such series). */
    private Optional<SeriesRange> cachedRange(String runId, String key) {
        Map<String, SeriesRange> all = ranges.get(runId, () -> db.read(c -> {
            Map<String, SeriesRange> m = new HashMap<>();
            DuckDbSql.list(c, SERIES_RANGES, rs -> m.put(rs.getString(6), rangeRow(rs)), runId);
            return Map.copyOf(m);
        }));
        return Optional.ofNullable(all.get(key));
    }

    @Override
    public List<MetricPoint> read(String runId, String key, long fromStep, long toStep, long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        awaitRun(runId);
        Optional<SeriesRange> s = cachedRange(runId, key);
        if (s.isEmpty()) {
            return List.of();
        }
        return db.read(c -> DuckDbSql.list(c,
                "SELECT step, value, ts FROM metric_points WHERE series_id = " + s.get().id() + " AND step BETWEEN "
                        + fromStep + " AND " + toStep + " ORDER BY step, rowid LIMIT " + limit + " OFFSET " + offset,
                rs -> new MetricPoint(rs.getLong(1), rs.getDouble(2), rs.getLong(3))));
    }

    @Override
    public List<SeriesBucket> downsample(String runId, String key, long fromStep, long toStep, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        awaitRun(runId);
        Optional<SeriesRange> s = cachedRange(runId, key);
        return s.isEmpty() ? List.of() : db.read(c -> DuckDbDownsample.m4(c, s.get(), fromStep, toStep, buckets));
    }

    @Override
    public long pointCount() {
        awaitAll();
        return db.read(c -> DuckDbSql.count(c, "SELECT coalesce(sum(point_count), 0) FROM series"));
    }

    @Override
    public Map<String, List<SeriesBucket>> downsampleRuns(Collection<String> runIds, String key, int buckets) {
        awaitAll();
        return DuckDbBulkM4.downsampleRuns(db, runIds, key, buckets);
    }
}
