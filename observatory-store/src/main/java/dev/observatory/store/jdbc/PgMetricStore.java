package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import dev.observatory.store.MetricStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric series in PostgreSQL, stored in chunks of up to {@link PgChunkCodec#CHUNK_POINTS} points (see V1.sql) with a
 * per-series summary row kept on ingest.
 */
final class PgMetricStore implements MetricStore {

    private final PgDb db;
    private final PgMetricWriter writer;
    private final PgMetricReader reader = new PgMetricReader();

    PgMetricStore(PgDb db, int chunkPoints) {
        this.db = db;
        this.writer = new PgMetricWriter(chunkPoints);
    }

    @Override
    public void append(String runId, Map<String, MetricColumns> batch) {
        db.tx("append metrics", c -> {
            writer.append(c, runId, batch);
            return null;
        });
    }

    @Override
    public List<MetricSummary> summaries(String runId) {
        return db.tx("read metric summaries", c -> {
            List<MetricSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PgSeriesState.COLUMNS
                    + " FROM metric_series WHERE run_id = ? AND point_count > 0 ORDER BY key COLLATE \"C\"")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(PgSeriesState.load(rs).toSummary());
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Map<String, MetricSummary>> summaries(Collection<String> runIds, Collection<String> keys) {
        if (runIds.isEmpty()) {
            return Map.of();
        }
        return db.tx("read metric summaries", c -> {
            Map<String, Map<String, MetricSummary>> byRun = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, " + PgSeriesState.COLUMNS
                    + " FROM metric_series WHERE run_id = ANY(?) AND (cardinality(?::text[]) = 0 OR key = ANY(?)) "
                    + "AND point_count > 0 ORDER BY key COLLATE \"C\"")) {
                ps.setArray(1, c.createArrayOf("text", runIds.toArray()));
                ps.setArray(2, c.createArrayOf("text", keys.toArray()));
                ps.setArray(3, c.createArrayOf("text", keys.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MetricSummary s = PgSeriesState.load(rs, 2).toSummary();
                        byRun.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(s.key(), s);
                    }
                }
            }
            Map<String, Map<String, MetricSummary>> out = new LinkedHashMap<>();
            runIds.forEach(id -> {
                if (byRun.containsKey(id)) {
                    out.put(id, byRun.get(id));
                }
            });
            return out;
        });
    }

    @Override
    public Map<String, Long> keysOfProject(String project) {
        return db.tx("list metric keys", c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.key, COUNT(*) FROM metric_series s "
                    + "JOIN runs r ON r.id = s.run_id WHERE r.project = ? AND s.point_count > 0 "
                    + "GROUP BY s.key ORDER BY s.key COLLATE \"C\"")) {
                ps.setString(1, project);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<MetricPoint> read(String runId, String key, long fromStep, long toStep, long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1, got " + offset + " and " + limit);
        }
        return db.snapshot("read metric points", c -> reader.read(c, runId, key, fromStep, toStep, offset, limit));
    }

    @Override
    public List<SeriesBucket> downsample(String runId, String key, long fromStep, long toStep, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
        }
        return db.snapshot("downsample metric", c -> reader.downsample(c, runId, key, fromStep, toStep, buckets));
    }

    @Override
    public long pointCount() {
        return db.tx("count metric points", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(point_count), 0) FROM metric_series");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
