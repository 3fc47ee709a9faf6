package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.query;

import dev.observatory.model.slo.LatencyBuckets;
import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliSelector;
import dev.observatory.store.internal.SliSegments;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SLI counts of several windows of one selector in one statement: the {@link SliSegments} of the windows, one scan per
 * range of contiguous segments (raw spans, 5-minute or hourly rollups) grouped by segment and latency bucket, all scans
 * joined by UNION ALL; each window sums its segments.
 */
final class JdbcSliBatch {
    private JdbcSliBatch() {
    }

    static List<SliCounts> read(Connection c, SliSelector selector, List<long[]> windows, long watermark)
            throws SQLException {
        SliSegments plan = SliSegments.of(windows, watermark);
        List<Object> args = new ArrayList<>();
        List<String> scans = new ArrayList<>();
        for (SliSegments.Range r : plan.ranges()) {
            scans.add(switch (r.tier()) {
                case RAW -> JdbcSliSql.rawSegments(selector, args, r.from(), r.to(), r.innerBounds(), r.firstSegment());
                case FIVE_MINUTES -> JdbcSliSql.rolledSegments("sli_rollups", selector, args, r.from(), r.to(),
                        r.innerBounds(), r.firstSegment());
                case HOURLY -> JdbcSliSql.rolledSegments("sli_rollups_hourly", selector, args, r.from(), r.to(),
                        r.innerBounds(), r.firstSegment());
            });
        }
        // per segment: the latency histogram, then the errors
        long[][] counts = new long[plan.segments().size()][LatencyBuckets.COUNT + 1];
        if (!scans.isEmpty()) {
            query(c, String.join(" UNION ALL ", scans), args, rs -> {
                long[] s = counts[rs.getInt(1)];
                s[rs.getInt(2)] += rs.getLong(3);
                s[LatencyBuckets.COUNT] += rs.getLong(4);
                return null;
            });
        }
        List<SliCounts> out = new ArrayList<>(windows.size());
        for (int w = 0; w < windows.size(); w++) {
            long[] latency = new long[LatencyBuckets.COUNT];
            long total = 0;
            long errors = 0;
            for (int g : plan.segmentsOf(w)) {
                for (int i = 0; i < LatencyBuckets.COUNT; i++) {
                    latency[i] += counts[g][i];
                    total += counts[g][i];
                }
                errors += counts[g][LatencyBuckets.COUNT];
            }
            out.add(new SliCounts(total, errors, latency));
        }
        return out;
    }
}
