package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The stats columns of one chunk (no points): enough to skip it or to merge it into a bucket undecoded. */
record PgChunkMeta(int chunkNo, int n, long minStep, long maxStep, M4Cell cell) {

    private static final String SELECT = "SELECT chunk_no, n, min_step, max_step, nan_count, first_step, first_value, "
            + "last_step, last_value, min_value, arg_min_step, max_value, arg_max_step FROM metric_chunks "
            + "WHERE series_id = ? AND max_step >= ? AND min_step <= ? ORDER BY chunk_no";

    boolean inside(long fromStep, long toStep) {
        return minStep >= fromStep && maxStep <= toStep;
    }

    /** Chunks of the series holding any step of {@code [fromStep, toStep]}, by chunk_no. */
    static List<PgChunkMeta> overlapping(Connection c, long seriesId, long fromStep, long toStep) throws SQLException {
        List<PgChunkMeta> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setLong(1, seriesId);
            ps.setLong(2, fromStep);
            ps.setLong(3, toStep);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    M4Cell cell = new M4Cell();
                    cell.count = rs.getInt(2);
                    cell.minStep = rs.getLong(3);
                    cell.maxStep = rs.getLong(4);
                    cell.nanCount = rs.getInt(5);
                    cell.firstStep = rs.getLong(6);
                    cell.first = rs.getDouble(7);
                    cell.lastStep = rs.getLong(8);
                    cell.last = rs.getDouble(9);
                    cell.min = rs.getDouble(10);
                    cell.argMinStep = rs.getLong(11);
                    cell.max = rs.getDouble(12);
                    cell.argMaxStep = rs.getLong(13);
                    out.add(new PgChunkMeta(rs.getInt(1), (int) cell.count, cell.minStep, cell.maxStep, cell));
                }
            }
        }
        return out;
    }
}
