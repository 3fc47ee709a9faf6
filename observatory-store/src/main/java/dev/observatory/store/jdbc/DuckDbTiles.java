package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import dev.observatory.store.internal.SeriesSummary;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The writer's side of the M4 tiles (docs/decisions/0008-duckdb-m4-tiles.md): for every ingest batch of a tiled series,
 * one summary row per step-aligned tile ({@code tile = step >> shift}) that the batch touches. A new series gets its
 * shift from its first batch (spacing 1 when that batch has a single step); a series stored before tiles existed is
 * tiled once from its stored points by one SQL statement. Writer thread only.
 */
final class DuckDbTiles {

    /** Aim for about this many points per tile. */
    static final int POINTS_PER_TILE = 64;
    static final int MIN_SHIFT = 6;
    private static final int MAX_SHIFT = 56;

    private final DuckDBConnection connection;
    private DuckDBAppender appender;
    private PreparedStatement backfill;
    private PreparedStatement insertTiling;

    DuckDbTiles(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** The tile shift for a series with this summary, or null while its spacing is unknown (fewer than 2 steps). */
    static Integer chooseShift(SeriesSummary s) {
        if (s.count() < 2 || s.maxStep() <= s.minStep()) {
            return null;
        }
        double spacing = ((double) s.maxStep() - (double) s.minStep()) / (s.count() - 1);
        double width = Math.max(1, spacing * POINTS_PER_TILE);
        int shift = 64 - Long.numberOfLeadingZeros((long) Math.ceil(width) - 1);
        return Math.max(MIN_SHIFT, Math.min(MAX_SHIFT, shift));
    }

    /** Appends the tile rows of one batch of a tiled series. */
    void append(int seriesId, int shift, MetricColumns c) throws SQLException {
        long[] steps = c.steps();
        double[] values = c.values();
        Map<Long, Tile> open = new HashMap<>();
        List<Tile> order = new ArrayList<>();
        Tile cur = null;
        for (int i = 0; i < steps.length; i++) {
            long tile = steps[i] >> shift;
            if (cur == null || cur.tile != tile) {
                cur = open.get(tile);
                if (cur == null) {
                    cur = new Tile(tile);
                    open.put(tile, cur);
                    order.add(cur);
                }
            }
            cur.add(steps[i], values[i]);
        }
        DuckDBAppender a = appender();
        for (Tile t : order) {
            t.appendTo(a.beginRow().append(seriesId)).endRow();
        }
    }

    /** Flushes the appended rows into the current transaction. */
    void flush() throws SQLException {
        if (appender != null) {
            appender.flush();
        }
    }

    /** Records the shift of a series tiled from its first batch, in the ingest's transaction. */
    void recordShift(int seriesId, int shift) throws SQLException {
        prepare();
        insertTiling.setInt(1, seriesId);
        insertTiling.setInt(2, shift);
        insertTiling.executeUpdate();
    }

    /** Records the series' shift and tiles every point it has so far (all flushed into this transaction). */
    void tileExisting(int seriesId, int shift) throws SQLException {
        prepare();
        backfill.setInt(1, shift);
        backfill.setInt(2, seriesId);
        backfill.executeUpdate();
        recordShift(seriesId, shift);
    }

    private void prepare() throws SQLException {
        if (backfill == null) {
            backfill = connection.prepareStatement("INSERT INTO metric_tiles SELECT series_id, tile, count(*), "
                    + "count(*) - count(v), min(step), max(step), min(fstep), arg_min(v, fstep), max(fstep), "
                    + "arg_max(v, fstep), arg_min(fstep, v), min(v), arg_max(fstep, v), max(v) FROM (SELECT "
                    + "series_id, step >> CAST(? AS BIGINT) AS tile, step, CASE WHEN isfinite(value) THEN value END AS v, "
                    + "CASE WHEN isfinite(value) THEN step END AS fstep FROM metric_points WHERE series_id = ?) "
                    + "GROUP BY series_id, tile");
            insertTiling = connection.prepareStatement("INSERT INTO series_tiling VALUES (?, ?)");
        }
    }

    /** Closes the appender and statements (after a failed transaction, or at shutdown). */
    void close() {
        for (AutoCloseable c : new AutoCloseable[] { appender, backfill, insertTiling }) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing anyway
                }
            }
        }
        appender = null;
        backfill = null;
        insertTiling = null;
    }

    private DuckDBAppender appender() throws SQLException {
        if (appender == null) {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_tiles");
        }
        return appender;
    }

    /** The points of one batch in one tile: M4Cell keeps them by the same tie rules as every M4 in the store. */
    private static final class Tile {
        final long tile;
        final M4Cell cell = new M4Cell();

        Tile(long tile) {
            this.tile = tile;
        }

        void add(long step, double value) {
            cell.add(step, value);
        }

        DuckDBAppender appendTo(DuckDBAppender a) throws SQLException {
            a.append(tile).append(cell.count).append(cell.nanCount).append(cell.minStep).append(cell.maxStep);
            if (!cell.hasFinite()) {
                for (int i = 0; i < 8; i++) {
                    a.appendNull();
                }
                return a;
            }
            return a.append(cell.firstStep).append(cell.first).append(cell.lastStep).append(cell.last)
                    .append(cell.argMinStep).append(cell.min).append(cell.argMaxStep).append(cell.max);
        }
    }
}
