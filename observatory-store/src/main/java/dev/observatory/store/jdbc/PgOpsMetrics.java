package dev.observatory.store.jdbc;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Service metrics in PostgreSQL: series and samples inserted as unnested column arrays, one transaction per call. */
final class PgOpsMetrics extends JdbcOpsMetrics {

    /** Most samples per INSERT statement. */
    static final int CHUNK = 50_000;
    private static final String INSERT_SERIES = "INSERT INTO ops_series (series_id, name, labels) SELECT * FROM "
            + "unnest(?::int8[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING";
    private static final String INSERT_SAMPLES = "INSERT INTO ops_samples (series_id, ts_ms, value) SELECT * FROM "
            + "unnest(?::int8[], ?::int8[], ?::float8[])";

    private final PgDb db;

    PgOpsMetrics(PgDb db) {
        this.db = db;
    }

    @Override
    <T> T read(Work<T> work) {
        return db.tx("service metric read", work::run);
    }

    @Override
    <T> T write(Work<T> work) {
        return db.tx("service metric write", work::run);
    }

    @Override
    String lastValueSql() {
        return "(array_agg(value ORDER BY ts_ms DESC))[1]";
    }

    @Override
    public void append(List<OpsSamples> batches) {
        if (batches.isEmpty()) {
            return;
        }
        List<OpsSeries> fresh = unknownSeries(batches);
        db.tx("service metric write", c -> {
            if (!fresh.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(INSERT_SERIES)) {
                    ps.setArray(1, c.createArrayOf("int8", fresh.stream().map(OpsSeries::id).toArray(Long[]::new)));
                    ps.setArray(2, c.createArrayOf("text", fresh.stream().map(OpsSeries::name).toArray(String[]::new)));
                    ps.setArray(3, c.createArrayOf("text",
                            fresh.stream().map(JdbcOpsMetrics::labelsJson).toArray(String[]::new)));
                    ps.executeUpdate();
                }
            }
            insertSamples(c, batches);
            return null;
        });
        fresh.forEach(s -> known.add(s.id()));
    }

    private static void insertSamples(Connection c, List<OpsSamples> batches) throws SQLException {
        int total = batches.stream().mapToInt(OpsSamples::size).sum();
        try (PreparedStatement ps = c.prepareStatement(INSERT_SAMPLES)) {
            Long[] ids = new Long[Math.min(CHUNK, total)];
            Long[] times = new Long[ids.length];
            Double[] values = new Double[ids.length];
            int n = 0;
            for (OpsSamples b : batches) {
                for (int i = 0; i < b.size(); i++) {
                    ids[n] = b.series().id();
                    times[n] = b.times()[i];
                    values[n++] = b.values()[i];
                    if (n == ids.length) {
                        flush(c, ps, ids, times, values, n);
                        n = 0;
                    }
                }
            }
            if (n > 0) {
                flush(c, ps, ids, times, values, n);
            }
        }
    }

    private static void flush(Connection c, PreparedStatement ps, Long[] ids, Long[] times, Double[] values, int n)
            throws SQLException {
        ps.setArray(1, c.createArrayOf("int8", java.util.Arrays.copyOf(ids, n)));
        ps.setArray(2, c.createArrayOf("int8", java.util.Arrays.copyOf(times, n)));
        ps.setArray(3, c.createArrayOf("float8", java.util.Arrays.copyOf(values, n)));
        ps.executeUpdate();
    }
}
