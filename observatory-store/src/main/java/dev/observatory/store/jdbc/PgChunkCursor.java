package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Streams the decoded chunks of a series with the given chunk numbers, in chunk_no order, a few rows at a time (the
 * connection must not be in auto-commit mode), so a reader that has enough can stop early.
 */
final class PgChunkCursor implements AutoCloseable {

    private static final int FETCH_ROWS = 8;

    private final PreparedStatement ps;
    private final ResultSet rs;
    private final boolean withTimestamps;

    PgChunkCursor(Connection c, long seriesId, List<Integer> chunkNos, boolean withTimestamps) throws SQLException {
        this.withTimestamps = withTimestamps;
        this.ps = c.prepareStatement("SELECT chunk_no, n, steps, vals" + (withTimestamps ? ", ts" : "")
                + " FROM metric_chunks WHERE series_id = ? AND chunk_no = ANY(?) ORDER BY chunk_no");
        try {
            ps.setFetchSize(FETCH_ROWS);
            ps.setLong(1, seriesId);
            ps.setArray(2, c.createArrayOf("integer", chunkNos.toArray()));
            this.rs = ps.executeQuery();
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** The next chunk, which must be {@code chunkNo}. */
    PgChunkData next(int chunkNo) throws SQLException {
        if (!rs.next() || rs.getInt(1) != chunkNo) {
            throw new SQLException("chunk " + chunkNo + " vanished while reading (concurrent change?)");
        }
        int n = rs.getInt(2);
        long[] steps = PgChunkCodec.decodeLongs(rs.getBytes(3), n);
        double[] values = PgChunkCodec.decodeDoubles(rs.getBytes(4), n);
        long[] ts = withTimestamps ? PgChunkCodec.decodeLongs(rs.getBytes(5), n) : null;
        return new PgChunkData(n, steps, values, ts);
    }

    @Override
    public void close() throws SQLException {
        try (ps) {
            rs.close();
        }
    }
}
