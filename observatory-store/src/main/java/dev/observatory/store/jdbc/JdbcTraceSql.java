package dev.observatory.store.jdbc;

import dev.observatory.model.trace.StatsQuery;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSignal;
import dev.observatory.model.trace.UsageQuery;
import java.util.List;

/**
 * SQL of the trace queries, shared by DuckDB and PostgreSQL; the differences (percentiles, text order) come from the
 * {@link Dialect}. Each builder appends its arguments to the list it is given, in placeholder order.
 */
final class JdbcTraceSql {

    /** What differs between the SQL backends. */
    interface Dialect {
        /** Continuous percentile of duration_ns as a double. */
        String quantile(double p);

        /** Suffix that makes text comparisons byte-wise (PostgreSQL: COLLATE "C"). */
        String binaryOrder();

        /**
         * Continuous percentiles of duration_ns as one array of doubles (one sort for all of them), subscripted from 1;
         * NULL without rows.
         */
        String quantiles(double... ps);
    }

    static final String CALL = "(operation IS NOT NULL OR model IS NOT NULL OR tool_name IS NOT NULL)";
    static final String FAILED = "(status = 'ERROR' OR error_type IS NOT NULL)";

    private final Dialect dialect;

    JdbcTraceSql(Dialect dialect) {
        this.dialect = dialect;
    }

    String listTraces(TraceQuery q, List<Object> args) {
        StringBuilder cand = new StringBuilder(
                "SELECT DISTINCT trace_id FROM spans WHERE start_ns >= ? AND start_ns < ?");
        args.add(q.fromNanos());
        args.add(q.toNanos());
        optional(cand, "service", q.service(), args);
        optional(cand, "model", q.model(), args);
        optional(cand, "tool_name", q.tool(), args);
        String key = q.order() == TraceQuery.Order.SLOWEST ? "duration_ns" : "start_ns";
        StringBuilder sql = new StringBuilder("WITH cand AS (").append(cand).append("), s AS (SELECT sp.*, ")
                .append("ROW_NUMBER() OVER (PARTITION BY sp.trace_id ORDER BY CASE WHEN sp.parent_span_id IS NULL ")
                .append("THEN 0 ELSE 1 END, sp.start_ns, sp.span_id").append(dialect.binaryOrder())
                .append(") AS rn FROM spans sp JOIN cand ON cand.trace_id = sp.trace_id), t AS (SELECT trace_id, ")
                .append("max(CASE WHEN rn = 1 THEN name END) AS root_name, ")
                .append("max(CASE WHEN rn = 1 THEN service END) AS root_service, min(start_ns) AS start_ns, ")
                .append("max(end_ns) - min(start_ns) AS duration_ns, count(*) AS spans, ")
                .append("count(*) FILTER (WHERE status = 'ERROR') AS errors, ")
                .append("string_agg(DISTINCT model, chr(31)) AS models, ")
                .append("coalesce(sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)), 0) AS tokens, ")
                .append("sum(cost_usd) AS cost FROM s GROUP BY trace_id) SELECT trace_id, root_name, root_service, ")
                .append("start_ns, duration_ns, spans, errors, models, tokens, cost FROM t WHERE duration_ns >= ?");
        args.add(q.minDurationNanos());
        if (q.errors() != null) {
            sql.append(q.errors() ? " AND errors > 0" : " AND errors = 0");
        }
        if (q.after() != null) {
            sql.append(" AND (").append(key).append(" < ? OR (").append(key).append(" = ? AND trace_id")
                    .append(dialect.binaryOrder()).append(" < ?))");
            args.add(q.after().key());
            args.add(q.after().key());
            args.add(q.after().traceId());
        }
        sql.append(" ORDER BY ").append(key).append(" DESC, trace_id").append(dialect.binaryOrder())
                .append(" DESC LIMIT ?");
        args.add(q.limit());
        return sql.toString();
    }

    String usage(UsageQuery q, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (q.bucketNanos() > 0) {
            sql.append("start_ns - (start_ns % ?) AS bucket");
            args.add(q.bucketNanos());
        } else {
            sql.append("CAST(NULL AS BIGINT) AS bucket");
        }
        for (UsageQuery.Dimension d : q.groupBy()) {
            sql.append(", ").append(column(d));
        }
        sql.append(", count(*) AS calls, coalesce(sum(input_tokens), 0) AS tokens_in, ")
                .append("coalesce(sum(output_tokens), 0) AS tokens_out, coalesce(sum(cost_usd), 0) AS cost, ")
                .append("count(*) FILTER (WHERE cost_usd IS NULL) AS no_cost, ")
                .append("count(*) FILTER (WHERE tokens_estimated) AS estimated, ").append("count(*) FILTER (WHERE ")
                .append(FAILED).append(") AS errors FROM spans ").append("WHERE start_ns >= ? AND start_ns < ? AND ")
                .append(CALL);
        args.add(q.fromNanos());
        args.add(q.toNanos());
        optional(sql, "service", q.service(), args);
        optional(sql, "model", q.model(), args);
        sql.append(" GROUP BY 1");
        for (int i = 0; i < q.groupBy().size(); i++) {
            sql.append(", ").append(i + 2);
        }
        sql.append(" ORDER BY 1 NULLS FIRST, cost DESC, calls DESC");
        for (int i = 0; i < q.groupBy().size(); i++) {
            sql.append(", ").append(column(q.groupBy().get(i))).append(dialect.binaryOrder()).append(" NULLS LAST");
        }
        return sql.toString();
    }

    static String column(UsageQuery.Dimension d) {
        return switch (d) {
            case MODEL -> "model";
            case PROVIDER -> "provider";
            case SERVICE -> "service";
            case TOOL -> "tool_name";
            case USER -> "user_id";
            case OPERATION -> "operation";
        };
    }

    String callStats(StatsQuery q, List<Object> args) {
        String key = q.groupBy() == StatsQuery.GroupBy.MODEL ? "model" : "service";
        StringBuilder sql = new StringBuilder("SELECT ").append(key).append(" AS k, count(*) AS calls, ")
                .append("count(*) FILTER (WHERE ").append(FAILED).append("), ")
                .append("count(*) FILTER (WHERE retries > 0), count(*) FILTER (WHERE fallback_used), ")
                .append("count(*) FILTER (WHERE confidence < coalesce(gate_threshold, ?)), count(confidence), ")
                .append("coalesce(sum(confidence), 0), count(*) FILTER (WHERE gate_blocked), count(gate_blocked), ")
                .append("count(*) FILTER (WHERE prompt_diff_score > ?), count(prompt_diff_score), ")
                .append("count(*) FILTER (WHERE NOT shadow_agreement), count(shadow_agreement), ")
                .append("count(*) FILTER (WHERE deterministic_fallback), count(*) FILTER (WHERE high_risk_path), ")
                .append("count(*) FILTER (WHERE golden_scenario AND NOT golden_passed), ")
                .append("count(*) FILTER (WHERE golden_scenario), coalesce(sum(input_tokens), 0), ")
                .append("coalesce(sum(output_tokens), 0), coalesce(sum(cost_usd), 0), count(cost_usd), ")
                .append(dialect.quantile(0.5)).append(", ").append(dialect.quantile(0.95)).append(", ")
                .append(dialect.quantile(0.99)).append(", coalesce(sum(duration_ns), 0) FROM spans ");
        args.add(q.lowConfidenceBelow());
        args.add(q.promptDiffAbove());
        window(sql, q, args);
        sql.append(" GROUP BY 1 ORDER BY 2 DESC, ").append(key).append(dialect.binaryOrder()).append(" NULLS LAST");
        return sql.toString();
    }

    String tracesWith(StatsQuery q, TraceSignal signal, int limit, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT trace_id, max(start_ns) AS last FROM spans ");
        window(sql, q, args);
        sql.append(" AND ").append(condition(signal, q, args)).append(" GROUP BY trace_id ORDER BY last DESC, ")
                .append("trace_id").append(dialect.binaryOrder()).append(" DESC LIMIT ?");
        args.add(limit);
        return sql.toString();
    }

    String costliest(StatsQuery q, int limit, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT trace_id, max(cost_usd) AS top FROM spans ");
        window(sql, q, args);
        sql.append(" AND cost_usd IS NOT NULL GROUP BY trace_id ORDER BY top DESC, trace_id")
                .append(dialect.binaryOrder()).append(" DESC LIMIT ?");
        args.add(limit);
        return sql.toString();
    }

    private static void window(StringBuilder sql, StatsQuery q, List<Object> args) {
        sql.append("WHERE start_ns >= ? AND start_ns < ? AND ").append(CALL);
        args.add(q.fromNanos());
        args.add(q.toNanos());
        optional(sql, "service", q.service(), args);
    }

    private static String condition(TraceSignal signal, StatsQuery q, List<Object> args) {
        return switch (signal) {
            case ERROR -> FAILED;
            case RETRY -> "retries > 0";
            case FALLBACK -> "fallback_used";
            case LOW_CONFIDENCE -> {
                args.add(q.lowConfidenceBelow());
                yield "confidence < coalesce(gate_threshold, ?)";
            }
            case GATE_BLOCKED -> "gate_blocked";
            case PROMPT_DIFF_VIOLATION -> {
                args.add(q.promptDiffAbove());
                yield "prompt_diff_score > ?";
            }
            case SHADOW_DISAGREEMENT -> "NOT shadow_agreement";
            case DETERMINISTIC_FALLBACK -> "deterministic_fallback";
            case HIGH_RISK_PATH -> "high_risk_path";
            case GOLDEN_FAILURE -> "(golden_scenario AND NOT golden_passed)";
        };
    }

    String errorGroups(long from, long to, String service, int limit, int examples, List<Object> args) {
        StringBuilder e = new StringBuilder("SELECT service, name, error_type, trace_id, start_ns, status_message ")
                .append("FROM spans WHERE ").append(FAILED).append(" AND start_ns >= ? AND start_ns < ?");
        args.add(from);
        args.add(to);
        optional(e, "service", service, args);
        String bin = dialect.binaryOrder();
        String sql = "WITH e AS (" + e + "), g AS (SELECT service, name, error_type, count(*) AS n, "
                + "max(start_ns) AS last, max(status_message" + bin + ") AS msg FROM e GROUP BY 1, 2, 3 "
                + "ORDER BY n DESC, last DESC, service" + bin + ", name" + bin + ", error_type" + bin + " LIMIT ?), "
                + "x AS (SELECT service, name, error_type, trace_id, ROW_NUMBER() OVER (PARTITION BY service, name, "
                + "error_type ORDER BY max(start_ns) DESC, trace_id" + bin + " DESC) AS rn FROM e "
                + "GROUP BY service, name, error_type, trace_id) "
                + "SELECT g.service, g.name, g.error_type, g.msg, g.n, g.last, x.trace_id FROM g JOIN x "
                + "ON x.service = g.service AND x.name = g.name AND x.error_type IS NOT DISTINCT FROM g.error_type "
                + "AND x.rn <= ? ORDER BY g.n DESC, g.last DESC, g.service" + bin + ", g.name" + bin + ", g.error_type"
                + bin + ", x.rn";
        args.add(limit);
        args.add(examples);
        return sql;
    }

    private static void optional(StringBuilder sql, String column, String value, List<Object> args) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
