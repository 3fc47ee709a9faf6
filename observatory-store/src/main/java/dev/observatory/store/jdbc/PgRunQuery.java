package dev.observatory.store.jdbc;

import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import dev.observatory.store.internal.RunSort;
import java.util.Map;

/**
 * Translates a {@link RunQuery} into SQL over {@code runs r}: filters, sort and page, with the rules of the in-memory
 * reference: text sorts by code point (COLLATE "C"), missing sort values last in both directions, ties by id ascending;
 * metric thresholds compare like PostgreSQL doubles (NaN equals NaN and is above every number).
 */
final class PgRunQuery {

    private PgRunQuery() {
    }

    /** For a metric sort, joins the sort key's series as {@code sort_s}; nothing otherwise. */
    static void appendSortJoin(PgSql sql, RunQuery q) {
        RunSort sort = RunSort.parse(q.sort());
        if (sort.byMetric()) {
            sql.append(" LEFT JOIN metric_series sort_s ON sort_s.run_id = r.id AND sort_s.key = ?", sort.metricKey());
        }
    }

    static void appendWhere(PgSql sql, RunQuery q) {
        sql.append(" WHERE TRUE");
        if (q.project() != null) {
            sql.append(" AND r.project = ?", q.project());
        }
        if (!q.statuses().isEmpty()) {
            sql.append(" AND r.status = ANY(?)",
                    (Object) q.statuses().stream().map(RunStatus::wire).toArray(String[]::new));
        }
        if (!q.tags().isEmpty()) {
            sql.append(" AND r.tags @> ?", (Object) q.tags().toArray(String[]::new));
        }
        for (Map.Entry<String, String> p : q.params().entrySet()) {
            // ->> gives strings unquoted and numbers, booleans, lists and maps as their JSON text; JSON null as NULL
            sql.append(" AND COALESCE(r.params ->> ?, CASE json_typeof(r.params -> ?) WHEN 'null' THEN 'null' END) = ?",
                    p.getKey(), p.getKey(), p.getValue());
        }
        for (RunQuery.MetricFilter f : q.metricFilters()) {
            sql.append(" AND EXISTS (SELECT 1 FROM metric_series m WHERE m.run_id = r.id AND m.key = ? "
                    + "AND m.point_count > 0 AND m.last_value " + f.op() + " ?)", f.key(), f.value());
        }
        if (q.nameContains() != null && !q.nameContains().isEmpty()) {
            sql.append(" AND strpos(lower(r.name), lower(?)) > 0", q.nameContains());
        }
    }

    static void appendOrderAndPage(PgSql sql, RunQuery q) {
        String dir = q.descending() ? " DESC" : " ASC";
        sql.append(" ORDER BY " + sortExpression(RunSort.parse(q.sort())) + dir + " NULLS LAST, r.id COLLATE \"C\""
                + " LIMIT ? OFFSET ?", q.limit(), q.offset());
    }

    private static String sortExpression(RunSort sort) {
        if (sort.byMetric()) {
            return "sort_s.last_value";
        }
        return switch (sort.attribute()) {
            case "started_at" -> "r.started_at";
            case "ended_at" -> "r.ended_at";
            case "name" -> "r.name COLLATE \"C\"";
            case "status" -> "r.status COLLATE \"C\"";
            default -> "r.created_at";
        };
    }
}
