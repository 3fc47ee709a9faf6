package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.query;
import static dev.observatory.store.jdbc.JdbcRows.update;

import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import dev.observatory.model.slo.LatencyBuckets;
import dev.observatory.model.slo.OpsDocument;
import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliQuery;
import dev.observatory.model.slo.SliSelector;
import dev.observatory.store.OpsStore;
import dev.observatory.store.internal.SliPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SLO and alerting store over JDBC (DuckDB and PostgreSQL): rollups in {@code sli_rollups} with the watermark in
 * {@code sli_state}, documents in {@code ops_documents}, the delivery log in {@code alert_deliveries}.
 */
final class JdbcOps implements OpsStore {
    private static final String DOC_COLUMNS = "kind, id, body, updated_ms";

    private final JdbcTx tx;

    JdbcOps(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public long rollUp(long upToNanos) {
        long upTo = Math.floorDiv(upToNanos, BUCKET_NANOS) * BUCKET_NANOS;
        return tx.write(c -> {
            long from = watermark(c);
            if (from == Long.MIN_VALUE) {
                List<Long> first = query(c, "SELECT min(start_ns) FROM spans", List.of(),
                        rs -> rs.getObject(1) == null ? null : rs.getLong(1));
                from = first.get(0) == null ? upTo : Math.floorDiv(first.get(0), BUCKET_NANOS) * BUCKET_NANOS;
            }
            if (upTo <= from) {
                saveWatermark(c, from);
                return from;
            }
            update(c, JdbcSliSql.ROLL_UP, from, upTo);
            long hourFrom = SliPlan.floor(from, SliPlan.HOUR_NANOS);
            long hourTo = SliPlan.floor(upTo, SliPlan.HOUR_NANOS);
            if (hourFrom < hourTo) {
                update(c, JdbcSliSql.ROLL_UP_HOURLY, hourFrom, hourTo);
            }
            saveWatermark(c, upTo);
            return upTo;
        });
    }

    private static long watermark(Connection c) throws SQLException {
        List<Long> w = query(c, "SELECT rolled_up_to FROM sli_state WHERE id = 1", List.of(), rs -> rs.getLong(1));
        return w.isEmpty() ? Long.MIN_VALUE : w.get(0);
    }

    private static void saveWatermark(Connection c, long w) throws SQLException {
        update(c, "DELETE FROM sli_state WHERE id = 1");
        update(c, "INSERT INTO sli_state (id, rolled_up_to) VALUES (1, ?)", w);
    }

    @Override
    public long rolledUpTo() {
        return tx.read(JdbcOps::watermark);
    }

    @Override
    public SliCounts sli(SliQuery q) {
        return tx.read(c -> {
            long[] latency = new long[LatencyBuckets.COUNT];
            long[] totals = new long[2];
            for (SliPlan.Part p : SliPlan.of(q.fromNanos(), q.toNanos(), watermark(c))) {
                List<Object> a = args();
                String sql = switch (p.tier()) {
                    case RAW -> JdbcSliSql.raw(q.selector(), a, p.from(), p.to());
                    case FIVE_MINUTES -> JdbcSliSql.rolled("sli_rollups", q.selector(), a, p.from(), p.to());
                    case HOURLY -> JdbcSliSql.rolled("sli_rollups_hourly", q.selector(), a, p.from(), p.to());
                };
                add(c, sql, a, latency, totals);
            }
            return new SliCounts(totals[0], totals[1], latency);
        });
    }

    @Override
    public List<SliCounts> sliAll(List<SliQuery> queries) {
        Map<SliSelector, List<Integer>> bySelector = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            bySelector.computeIfAbsent(queries.get(i).selector(), k -> new ArrayList<>()).add(i);
        }
        return tx.read(c -> {
            long watermark = watermark(c);
            SliCounts[] out = new SliCounts[queries.size()];
            for (Map.Entry<SliSelector, List<Integer>> e : bySelector.entrySet()) {
                List<long[]> windows = e.getValue().stream()
                        .map(i -> new long[] { queries.get(i).fromNanos(), queries.get(i).toNanos() }).toList();
                List<SliCounts> counts = JdbcSliBatch.read(c, e.getKey(), windows, watermark);
                for (int k = 0; k < counts.size(); k++) {
                    out[e.getValue().get(k)] = counts.get(k);
                }
            }
            return List.of(out);
        });
    }

    private static List<Object> args() {
        return new ArrayList<>();
    }

    private static void add(Connection c, String sql, List<Object> args, long[] latency, long[] totals)
            throws SQLException {
        query(c, sql, args, rs -> {
            int le = rs.getInt(1);
            long calls = rs.getLong(2);
            latency[le] += calls;
            totals[0] += calls;
            totals[1] += rs.getLong(3);
            return null;
        });
    }

    @Override
    public void put(OpsDocument d) {
        tx.write(c -> {
            update(c, "DELETE FROM ops_documents WHERE kind = ? AND id = ?", d.kind(), d.id());
            return update(c, "INSERT INTO ops_documents (" + DOC_COLUMNS + ") VALUES (?, ?, ?, ?)", d.kind(), d.id(),
                    d.body(), d.updatedMs());
        });
    }

    @Override
    public Optional<OpsDocument> get(String kind, String id) {
        return tx.read(c -> query(c, "SELECT " + DOC_COLUMNS + " FROM ops_documents WHERE kind = ? AND id = ?",
                List.of(kind, id), JdbcOps::document)).stream().findFirst();
    }

    @Override
    public List<OpsDocument> list(String kind) {
        return tx.read(c -> query(c,
                "SELECT " + DOC_COLUMNS + " FROM ops_documents WHERE kind = ? ORDER BY " + tx.byCodePoint("id"),
                List.of(kind), JdbcOps::document));
    }

    private static OpsDocument document(java.sql.ResultSet rs) throws SQLException {
        return new OpsDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }

    @Override
    public boolean delete(String kind, String id) {
        return tx.write(c -> update(c, "DELETE FROM ops_documents WHERE kind = ? AND id = ?", kind, id) > 0);
    }

    @Override
    public void logDelivery(List<Delivery> lines) {
        if (lines.isEmpty()) {
            return;
        }
        tx.write(c -> {
            for (Delivery d : lines) {
                update(c,
                        "INSERT INTO alert_deliveries (at_ms, sink, alert, rule, state, outcome, attempts, detail) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        d.atMs(), d.sink(), d.alert(), d.rule(), d.state(), d.outcome(), d.attempts(), d.detail());
            }
            return null;
        });
    }

    @Override
    public List<Delivery> deliveries(DeliveryQuery q) {
        List<Object> args = new ArrayList<>(List.of(q.sinceMs()));
        StringBuilder sql = new StringBuilder("SELECT at_ms, sink, alert, rule, state, outcome, attempts, detail "
                + "FROM alert_deliveries WHERE at_ms >= ?");
        if (q.sink() != null) {
            sql.append(" AND sink = ?");
            args.add(q.sink());
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(q.outcome());
        }
        sql.append(" ORDER BY at_ms DESC LIMIT ").append(q.limit());
        return tx.read(c -> query(c, sql.toString(), args, rs -> new Delivery(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8))));
    }
}
