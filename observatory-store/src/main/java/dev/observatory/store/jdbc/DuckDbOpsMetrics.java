package dev.observatory.store.jdbc;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import java.sql.PreparedStatement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Service metrics in DuckDB: new series inserted, samples appended with the Appender, on the writer thread (group
 * committed with the other writes).
 */
final class DuckDbOpsMetrics extends JdbcOpsMetrics {

    private final DuckDbConnections db;
    private final DuckDbWriter writer;

    DuckDbOpsMetrics(DuckDbConnections db, DuckDbWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    @Override
    <T> T read(Work<T> work) {
        return db.read(work::run);
    }

    @Override
    <T> T write(Work<T> work) {
        return writer.write(work::run);
    }

    @Override
    String lastValueSql() {
        return "arg_max(value, ts_ms)";
    }

    @Override
    public void append(List<OpsSamples> batches) {
        if (batches.isEmpty()) {
            return;
        }
        List<OpsSeries> fresh = unknownSeries(batches);
        List<String> labels = fresh.stream().map(JdbcOpsMetrics::labelsJson).toList();
        writer.write(c -> {
            if (!fresh.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ops_series (series_id, name, labels) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (int i = 0; i < fresh.size(); i++) {
                        ps.setLong(1, fresh.get(i).id());
                        ps.setString(2, fresh.get(i).name());
                        ps.setString(3, labels.get(i));
                        ps.executeUpdate(); // one by one: DuckDB's executeBatch opens a transaction of its own
                    }
                }
            }
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ops_samples")) {
                for (OpsSamples b : batches) {
                    long id = b.series().id();
                    long[] t = b.times();
                    double[] v = b.values();
                    for (int i = 0; i < t.length; i++) {
                        a.beginRow();
                        a.append(id);
                        a.append(t[i]);
                        a.append(v[i]);
                        a.endRow();
                    }
                }
            }
            return null;
        });
        fresh.forEach(s -> known.add(s.id()));
    }
}
