package dev.observatory.store.jdbc;

import dev.observatory.model.trace.ApmQuery;
import dev.observatory.store.TraceStore;
import java.util.List;

/**
 * SQL of the APM aggregates (service health, service map, self time, request buckets), shared by DuckDB and PostgreSQL.
 * Each builder appends its arguments to the list it is given, in placeholder order. Every query filters on
 * {@code start_ns} first (zone maps on DuckDB, the start index on PostgreSQL).
 */
final class JdbcApmSql {

    /** A request: an entry span. */
    static final String ENTRY = "(kind IN ('SERVER', 'CONSUMER') OR parent_span_id IS NULL)";

    private final JdbcTraceSql.Dialect dialect;

    JdbcApmSql(JdbcTraceSql.Dialect dialect) {
        this.dialect = dialect;
    }

    String services(long from, long to, int limit, List<Object> args) {
        args.add(from);
        args.add(to);
        args.add(limit);
        return "SELECT service FROM spans WHERE start_ns >= ? AND start_ns < ? GROUP BY service ORDER BY service"
                + dialect.binaryOrder() + " LIMIT ?";
    }

    String serviceStats(ApmQuery q, boolean byOperation, int limit, List<Object> args) {
        String bin = dialect.binaryOrder();
        StringBuilder sql = new StringBuilder("SELECT service, op, requests, errors, ").append(percentiles(3))
                .append(", dsum FROM (SELECT service, ").append(byOperation ? "name" : "CAST(NULL AS VARCHAR)")
                .append(" AS op, count(*) AS requests, count(*) FILTER (WHERE ").append(JdbcTraceSql.FAILED)
                .append(") AS errors, ").append(dialect.quantiles(0.5, 0.95, 0.99))
                .append(" AS q, coalesce(sum(duration_ns), 0) AS dsum FROM spans ");
        window(sql, q, args);
        sql.append(" AND ").append(ENTRY).append(" GROUP BY service").append(byOperation ? ", name" : "")
                .append(") g ORDER BY requests DESC, service").append(bin).append(byOperation ? ", op" + bin : "")
                .append(" LIMIT ?");
        args.add(limit);
        return sql.toString();
    }

    /**
     * Edges in one pass over the window: children whose parent's service was recorded at write time (parent in the same
     * batch) are grouped directly; with {@code withUnresolved}, the remainder (parent_service NULL with a parent id:
     * parents written in another batch, or never) is joined with its parents, within the lookback.
     */
    /**
     * One row when some span of the window has a parent id but no recorded parent service (its parent came in another
     * batch, or never): only then does {@link #serviceEdges} need the join.
     */
    String unresolvedChild(ApmQuery q, List<Object> args) {
        args.add(q.fromNanos());
        args.add(q.toNanos());
        return "SELECT 1 FROM spans WHERE start_ns >= ? AND start_ns < ? AND parent_span_id IS NOT NULL "
                + "AND parent_service IS NULL LIMIT 1";
    }

    String serviceEdges(ApmQuery q, int limit, boolean withUnresolved, List<Object> args) {
        String bin = dialect.binaryOrder();
        StringBuilder sql = new StringBuilder("WITH e AS (SELECT parent_service AS caller, service AS callee, ")
                .append("duration_ns, status, error_type FROM spans WHERE start_ns >= ? AND start_ns < ? ")
                .append("AND parent_service IS NOT NULL AND parent_service <> service");
        args.add(q.fromNanos());
        args.add(q.toNanos());
        if (q.service() != null) {
            sql.append(" AND (parent_service = ? OR service = ?)");
            args.add(q.service());
            args.add(q.service());
        }
        if (withUnresolved) {
            unresolvedEdges(sql, q, args);
        }
        sql.append("), g AS (SELECT caller, callee, count(*) AS calls, count(*) FILTER (WHERE ")
                .append(JdbcTraceSql.FAILED).append(") AS errors, ").append(dialect.quantiles(0.5, 0.95))
                .append(" AS q, coalesce(sum(duration_ns), 0) AS dsum FROM e GROUP BY caller, callee) ")
                .append("SELECT caller, callee, calls, errors, ").append(percentiles(2))
                .append(", dsum FROM g ORDER BY calls DESC, caller").append(bin).append(", callee").append(bin)
                .append(" LIMIT ?");
        args.add(limit);
        return sql.toString();
    }

    /** The children without a recorded parent service joined with their parents (started within the lookback). */
    private static void unresolvedEdges(StringBuilder sql, ApmQuery q, List<Object> args) {
        sql.append(" UNION ALL SELECT p.service, c.service, c.duration_ns, c.status, c.error_type FROM spans c ")
                .append("JOIN spans p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id ")
                .append("WHERE c.start_ns >= ? AND c.start_ns < ? AND c.parent_span_id IS NOT NULL ")
                .append("AND c.parent_service IS NULL AND p.start_ns >= ? AND p.start_ns < ? ")
                .append("AND p.service <> c.service");
        args.add(q.fromNanos());
        args.add(q.toNanos());
        args.add(q.fromNanos() - TraceStore.PARENT_LOOKBACK_NANOS);
        args.add(q.toNanos());
        if (q.service() != null) {
            sql.append(" AND (p.service = ? OR c.service = ?)");
            args.add(q.service());
            args.add(q.service());
        }
    }

    /**
     * The common table expressions of the self-time queries: {@code s} the spans in scope with their self time,
     * {@code scope} one row (traces, threshold).
     */
    String selfTimeScope(ApmQuery q, double tailQuantile, List<Object> args) {
        StringBuilder sql = new StringBuilder("WITH w AS (SELECT trace_id, span_id, parent_span_id, service, name, ")
                .append("start_ns, end_ns, duration_ns FROM spans WHERE start_ns >= ? AND start_ns < ?), ")
                .append("t AS (SELECT trace_id, max(end_ns) - min(start_ns) AS duration_ns FROM w GROUP BY trace_id), ");
        args.add(q.fromNanos());
        args.add(q.toNanos());
        if (tailQuantile > 0) {
            sql.append("cut AS (SELECT ").append(dialect.quantile(tailQuantile)).append(" AS q FROM t), ")
                    .append("tail AS (SELECT t.trace_id FROM t, cut WHERE t.duration_ns >= cut.q), ")
                    .append("scope AS (SELECT (SELECT count(*) FROM tail) AS traces, (SELECT q FROM cut) AS q), ");
        } else {
            sql.append("tail AS (SELECT trace_id FROM t), ")
                    .append("scope AS (SELECT (SELECT count(*) FROM t) AS traces, CAST(0 AS DOUBLE PRECISION) AS q), ");
        }
        sql.append("c AS (SELECT trace_id, parent_span_id, sum(duration_ns) AS child_ns FROM w ")
                .append("WHERE parent_span_id IS NOT NULL GROUP BY trace_id, parent_span_id), ")
                .append("s AS (SELECT w.trace_id, w.service, w.name, w.duration_ns, ")
                .append("greatest(w.duration_ns - coalesce(c.child_ns, 0), 0) AS self_ns FROM w ")
                .append("JOIN tail ON tail.trace_id = w.trace_id LEFT JOIN c ON c.trace_id = w.trace_id ")
                .append("AND c.parent_span_id = w.span_id WHERE TRUE");
        if (q.service() != null) {
            sql.append(" AND w.service = ?");
            args.add(q.service());
        }
        if (q.operation() != null) {
            sql.append(" AND w.name = ?");
            args.add(q.operation());
        }
        return sql.append(") ").toString();
    }

    String selfTimes(ApmQuery q, double tailQuantile, int limit, List<Object> args) {
        String bin = dialect.binaryOrder();
        String sql = selfTimeScope(q, tailQuantile, args)
                + "SELECT service, name, count(*), count(DISTINCT trace_id), sum(self_ns) AS self_sum, "
                + "sum(duration_ns), max(self_ns), (SELECT traces FROM scope), (SELECT q FROM scope) FROM s "
                + "GROUP BY service, name ORDER BY self_sum DESC, service" + bin + ", name" + bin + " LIMIT ?";
        args.add(limit);
        return sql;
    }

    /** The scope alone (when no operation matched, the traces and threshold still come back). */
    String selfTimeTotals(ApmQuery q, double tailQuantile, List<Object> args) {
        return selfTimeScope(q, tailQuantile, args) + "SELECT traces, q FROM scope";
    }

    String spanBuckets(ApmQuery q, long bucketNanos, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT bucket, requests, errors, ").append(percentiles(3))
                .append(" FROM (SELECT start_ns - (start_ns % ?) AS bucket, count(*) AS requests, count(*) ")
                .append("FILTER (WHERE ").append(JdbcTraceSql.FAILED).append(") AS errors, ")
                .append(dialect.quantiles(0.5, 0.95, 0.99)).append(" AS q FROM spans ");
        args.add(bucketNanos);
        window(sql, q, args);
        sql.append(" AND ").append(ENTRY).append(" GROUP BY 1) g ORDER BY bucket");
        return sql.toString();
    }

    /** q[1], ..., q[n] of the percentile array q, 0 where NULL. */
    private static String percentiles(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append(i == 1 ? "" : ", ").append("coalesce(q[").append(i).append("], 0)");
        }
        return s.toString();
    }

    private static void window(StringBuilder sql, ApmQuery q, List<Object> args) {
        sql.append("WHERE start_ns >= ? AND start_ns < ?");
        args.add(q.fromNanos());
        args.add(q.toNanos());
        if (q.service() != null) {
            sql.append(" AND service = ?");
            args.add(q.service());
        }
        if (q.operation() != null) {
            sql.append(" AND name = ?");
            args.add(q.operation());
        }
    }
}
