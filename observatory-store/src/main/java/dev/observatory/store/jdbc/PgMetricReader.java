package dev.observatory.store.jdbc;

import dev.observatory.model.MetricPoint;
import dev.observatory.model.SeriesBucket;
import dev.observatory.store.internal.StepBuckets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads of chunked series. Raw pages of a series whose steps never went backwards skip whole chunks by their counts and
 * stop decoding once the page is full; other series are decoded in range and stably sorted by step. Downsampling merges
 * the stats of every chunk that falls inside one bucket and decodes only the others (with 8k-point chunks, a chart of
 * up to ~100 buckets over a long series decodes almost nothing).
 */
final class PgMetricReader {

    /** A series: its id, whether its steps are sorted in ingest order, and its lowest and highest step. */
    private record Series(long id, boolean sorted, long minStep, long maxStep) {
    }

    List<MetricPoint> read(Connection c, String runId, String key, long fromStep, long toStep, long offset, int limit)
            throws SQLException {
        Series s = series(c, runId, key);
        if (s == null || fromStep > toStep) {
            return List.of();
        }
        List<PgChunkMeta> metas = PgChunkMeta.overlapping(c, s.id, fromStep, toStep);
        return s.sorted ? readSorted(c, s.id, metas, fromStep, toStep, offset, limit)
                : readUnsorted(c, s.id, metas, fromStep, toStep, offset, limit);
    }

    private static List<MetricPoint> readSorted(Connection c, long seriesId, List<PgChunkMeta> metas, long fromStep,
            long toStep, long offset, int limit) throws SQLException {
        long skip = offset;
        List<PgChunkMeta> wanted = new ArrayList<>();
        for (PgChunkMeta m : metas) {
            if (wanted.isEmpty() && m.inside(fromStep, toStep) && skip >= m.n()) {
                skip -= m.n();
            } else {
                wanted.add(m);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        long available = wanted.stream().mapToLong(PgChunkMeta::n).sum() - skip;
        List<MetricPoint> out = new ArrayList<>((int) Math.max(0, Math.min(limit, available)));
        try (PgChunkCursor cursor = new PgChunkCursor(c, seriesId, chunkNos(wanted), true)) {
            for (PgChunkMeta m : wanted) {
                PgChunkData d = cursor.next(m.chunkNo());
                for (int i = 0; i < d.n() && out.size() < limit; i++) {
                    long step = d.steps()[i];
                    if (step < fromStep || step > toStep) {
                        continue;
                    }
                    if (skip > 0) {
                        skip--;
                    } else {
                        out.add(new MetricPoint(step, d.values()[i], d.ts()[i]));
                    }
                }
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    private static List<MetricPoint> readUnsorted(Connection c, long seriesId, List<PgChunkMeta> metas, long fromStep,
            long toStep, long offset, int limit) throws SQLException {
        List<MetricPoint> inRange = new ArrayList<>();
        try (PgChunkCursor cursor = new PgChunkCursor(c, seriesId, chunkNos(metas), true)) {
            for (PgChunkMeta m : metas) {
                PgChunkData d = cursor.next(m.chunkNo());
                for (int i = 0; i < d.n(); i++) {
                    long step = d.steps()[i];
                    if (step >= fromStep && step <= toStep) {
                        inRange.add(new MetricPoint(step, d.values()[i], d.ts()[i]));
                    }
                }
            }
        }
        // List.sort is stable: equal steps keep their ingest order
        inRange.sort(Comparator.comparingLong(MetricPoint::step));
        int from = (int) Math.min(offset, inRange.size());
        int to = (int) Math.min((long) from + limit, inRange.size());
        return new ArrayList<>(inRange.subList(from, to));
    }

    List<SeriesBucket> downsample(Connection c, String runId, String key, long fromStep, long toStep, int buckets)
            throws SQLException {
        Series s = series(c, runId, key);
        StepBuckets range = s == null ? null : StepBuckets.of(fromStep, toStep, buckets, s.minStep, s.maxStep);
        if (range == null) {
            return List.of();
        }
        PgM4 m4 = new PgM4(range);
        List<PgChunkMeta> metas = PgChunkMeta.overlapping(c, s.id, range.lo(), range.hi());
        List<PgChunkMeta> toDecode = metas.stream().filter(m -> !m4.mergeable(m)).toList();
        try (PgChunkCursor cursor = toDecode.isEmpty() ? null : new PgChunkCursor(c, s.id, chunkNos(toDecode), false)) {
            for (PgChunkMeta m : metas) {
                if (m4.mergeable(m)) {
                    m4.merge(m);
                } else {
                    m4.addAll(cursor.next(m.chunkNo()));
                }
            }
        }
        return m4.result();
    }

    private static List<Integer> chunkNos(List<PgChunkMeta> metas) {
        return metas.stream().map(PgChunkMeta::chunkNo).toList();
    }

    private static Series series(Connection c, String runId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, steps_sorted, first_step, last_step FROM metric_series WHERE run_id = ? AND key = ? "
                        + "AND point_count > 0")) {
            ps.setString(1, runId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Series(rs.getLong(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4)) : null;
            }
        }
    }
}
