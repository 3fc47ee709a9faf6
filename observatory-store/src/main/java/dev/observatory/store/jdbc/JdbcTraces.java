package dev.observatory.store.jdbc;

import dev.observatory.model.trace.ApmQuery;
import dev.observatory.model.trace.CallStats;
import dev.observatory.model.trace.ErrorGroup;
import dev.observatory.model.trace.OperationTime;
import dev.observatory.model.trace.SelfTimes;
import dev.observatory.model.trace.ServiceEdge;
import dev.observatory.model.trace.ServiceStats;
import dev.observatory.model.trace.SpanBucket;
import dev.observatory.model.trace.StatsQuery;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSignal;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import dev.observatory.store.TraceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trace store's reads over JDBC, shared by DuckDB and PostgreSQL: subclasses say how reads run and how spans are
 * written (DuckDB: Appender into a staging table on the writer thread; PostgreSQL: one INSERT of unnested arrays per
 * batch), both ignoring spans already stored.
 */
abstract class JdbcTraces implements TraceStore {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final JdbcTraceSql sql;
    private final JdbcApmSql apm;

    JdbcTraces(JdbcTraceSql.Dialect dialect) {
        this.sql = new JdbcTraceSql(dialect);
        this.apm = new JdbcApmSql(dialect);
    }

    abstract <T> T read(Work<T> work);

    static <T> List<T> query(Connection c, String sql, List<Object> args, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    /** Most span ids read in full by one {@link #traceOutline} query; with more, the whole trace is read in full. */
    static final int MAX_DETAILED = 256;

    /** The condition that selects one trace's rows (DuckDB adds its numeric trace key); see {@link #traceArgs}. */
    String traceCondition() {
        return "trace_id = ?";
    }

    /** The arguments of {@link #traceCondition()} for a trace id. */
    List<Object> traceArgs(String traceId) {
        return List.of(traceId);
    }

    @Override
    public List<TracedSpan> trace(String traceId) {
        String q = "SELECT " + JdbcSpanRows.SELECT + " FROM spans WHERE " + traceCondition()
                + " ORDER BY start_ns, span_id";
        return read(c -> query(c, q, traceArgs(traceId), JdbcSpanRows::read));
    }

    /** The outline of every span, then the detailed spans in full (one more query, only when some are asked for). */
    @Override
    public List<TracedSpan> traceOutline(String traceId, Set<String> detailed) {
        if (detailed != null && detailed.size() > MAX_DETAILED) {
            return trace(traceId);
        }
        String q = "SELECT " + JdbcSpanRows.SELECT_OUTLINE + " FROM spans WHERE " + traceCondition()
                + " ORDER BY start_ns, span_id";
        List<Object> ids = detailed == null ? List.of() : new ArrayList<>(detailed);
        return read(c -> {
            List<TracedSpan> spans = query(c, q, traceArgs(traceId), JdbcSpanRows::read);
            if (ids.isEmpty() || spans.isEmpty()) {
                return spans;
            }
            List<Object> args = new ArrayList<>(traceArgs(traceId));
            args.addAll(ids);
            String full = "SELECT " + JdbcSpanRows.SELECT + " FROM spans WHERE " + traceCondition()
                    + " AND span_id IN (" + JdbcSpanRows.placeholders(ids.size()) + ")";
            Map<String, TracedSpan> byId = new LinkedHashMap<>();
            for (TracedSpan t : query(c, full, args, JdbcSpanRows::read)) {
                byId.put(t.span().spanId(), t);
            }
            List<TracedSpan> out = new ArrayList<>(spans.size());
            for (TracedSpan t : spans) {
                out.add(byId.getOrDefault(t.span().spanId(), t));
            }
            return out;
        });
    }

    @Override
    public List<TracedSpan> traceSkeleton(String traceId) {
        return read(c -> query(c, skeletonQuery(), traceArgs(traceId), rs -> JdbcSpanRows.readSkeleton(rs, traceId)));
    }

    /** The statement of {@link #traceSkeleton}, with {@link #traceArgs} as its arguments. */
    final String skeletonQuery() {
        return "SELECT " + JdbcSpanRows.SELECT_SKELETON + " FROM spans WHERE " + traceCondition()
                + " ORDER BY start_ns, span_id";
    }

    @Override
    public List<TraceSummary> listTraces(TraceQuery query) {
        List<Object> args = new ArrayList<>();
        String q = sql.listTraces(query, args);
        return read(c -> query(c, q, args, rs -> {
            String models = rs.getString(8);
            List<String> list = models == null ? List.of() : Arrays.stream(models.split("\u001f")).sorted().toList();
            return new TraceSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                    rs.getInt(6), rs.getInt(7), list, rs.getLong(9), JdbcSpanRows.doubleOrNull(rs, 10));
        }));
    }

    @Override
    public List<UsageRow> usage(UsageQuery query) {
        List<Object> args = new ArrayList<>();
        String q = sql.usage(query, args);
        int dims = query.groupBy().size();
        return read(c -> query(c, q, args, rs -> {
            List<String> keys = new ArrayList<>(dims);
            for (int i = 0; i < dims; i++) {
                keys.add(rs.getString(i + 2));
            }
            int b = dims + 2;
            return new UsageRow(keys, JdbcSpanRows.longOrNull(rs, 1), rs.getLong(b), rs.getLong(b + 1),
                    rs.getLong(b + 2), rs.getDouble(b + 3), rs.getLong(b + 4), rs.getLong(b + 5), rs.getLong(b + 6));
        }));
    }

    @Override
    public List<CallStats> callStats(StatsQuery query) {
        List<Object> args = new ArrayList<>();
        String q = sql.callStats(query, args);
        return read(c -> query(c, q, args,
                rs -> new CallStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                        rs.getLong(18), rs.getLong(19), rs.getLong(20), rs.getDouble(21), rs.getLong(22),
                        Math.round(rs.getDouble(23)), Math.round(rs.getDouble(24)), Math.round(rs.getDouble(25)),
                        rs.getLong(26))));
    }

    @Override
    public List<String> tracesWith(StatsQuery query, TraceSignal signal, int limit) {
        List<Object> args = new ArrayList<>();
        String q = sql.tracesWith(query, signal, limit, args);
        return read(c -> query(c, q, args, rs -> rs.getString(1)));
    }

    @Override
    public List<String> costliestTraces(StatsQuery query, int limit) {
        List<Object> args = new ArrayList<>();
        String q = sql.costliest(query, limit, args);
        return read(c -> query(c, q, args, rs -> rs.getString(1)));
    }

    @Override
    public List<ErrorGroup> errorGroups(long fromNanos, long toNanos, String service, int limit, int examples) {
        List<Object> args = new ArrayList<>();
        String q = sql.errorGroups(fromNanos, toNanos, service, limit, examples, args);
        record Hit(List<String> key, String message, long count, long last, String traceId) {
        }
        List<Hit> hits = read(
                c -> query(c, q, args, rs -> new Hit(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7))));
        Map<List<String>, List<Hit>> groups = new LinkedHashMap<>();
        hits.forEach(h -> groups.computeIfAbsent(h.key(), k -> new ArrayList<>()).add(h));
        List<ErrorGroup> out = new ArrayList<>();
        groups.forEach((k, g) -> out.add(new ErrorGroup(k.get(0), k.get(1), k.get(2), g.get(0).message(),
                g.get(0).count(), g.get(0).last(), g.stream().map(Hit::traceId).toList())));
        return out;
    }

    @Override
    public long countSpans() {
        return read(c -> query(c, "SELECT count(*) FROM spans", List.of(), rs -> rs.getLong(1)).get(0));
    }

    // ---- APM aggregates

    @Override
    public List<String> services(long fromNanos, long toNanos, int limit) {
        List<Object> args = new ArrayList<>();
        String q = apm.services(fromNanos, toNanos, limit, args);
        return read(c -> query(c, q, args, rs -> rs.getString(1)));
    }

    @Override
    public List<ServiceStats> serviceStats(ApmQuery query, boolean byOperation, int limit) {
        List<Object> args = new ArrayList<>();
        String q = apm.serviceStats(query, byOperation, limit, args);
        return read(c -> query(c, q, args,
                rs -> new ServiceStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        Math.round(rs.getDouble(5)), Math.round(rs.getDouble(6)), Math.round(rs.getDouble(7)),
                        rs.getLong(8))));
    }

    @Override
    public List<ServiceEdge> serviceEdges(ApmQuery query, int limit) {
        return read(c -> {
            List<Object> probeArgs = new ArrayList<>();
            String probe = apm.unresolvedChild(query, probeArgs);
            boolean unresolved = !query(c, probe, probeArgs, rs -> rs.getInt(1)).isEmpty();
            List<Object> args = new ArrayList<>();
            String q = apm.serviceEdges(query, limit, unresolved, args); // the join only when some child needs it
            return query(c, q, args, rs -> new ServiceEdge(rs.getString(1), rs.getString(2), rs.getLong(3),
                    rs.getLong(4), Math.round(rs.getDouble(5)), Math.round(rs.getDouble(6)), rs.getLong(7)));
        });
    }

    @Override
    public SelfTimes selfTimes(ApmQuery query, double tailQuantile, int limit) {
        List<Object> args = new ArrayList<>();
        String q = apm.selfTimes(query, tailQuantile, limit, args);
        return read(c -> {
            long[] scope = new long[2];
            List<OperationTime> ops = query(c, q, args, rs -> {
                scope[0] = rs.getLong(8);
                scope[1] = Math.round(rs.getDouble(9));
                return new OperationTime(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7));
            });
            if (ops.isEmpty()) {
                List<Object> totalArgs = new ArrayList<>();
                String totals = apm.selfTimeTotals(query, tailQuantile, totalArgs);
                query(c, totals, totalArgs, rs -> {
                    scope[0] = rs.getLong(1);
                    scope[1] = Math.round(rs.getDouble(2));
                    return null;
                });
            }
            return new SelfTimes(scope[0], scope[1], ops);
        });
    }

    @Override
    public List<SpanBucket> spanBuckets(ApmQuery query, long bucketNanos) {
        List<Object> args = new ArrayList<>();
        String q = apm.spanBuckets(query, bucketNanos, args);
        return read(c -> query(c, q, args, rs -> new SpanBucket(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                Math.round(rs.getDouble(4)), Math.round(rs.getDouble(5)), Math.round(rs.getDouble(6)))));
    }
}
