package dev.observatory.store.jdbc;

import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import dev.observatory.store.internal.RunSort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The SQL of a RunQuery: filters as WHERE clauses, sorting by a column or by a join on the series summaries. */
record DuckDbRunQuery(String where, List<Object> filterArgs, RunSort sort, RunQuery query) {

    static DuckDbRunQuery of(RunQuery q) {
        RunSort sort = RunSort.parse(q.sort());
        StringBuilder w = new StringBuilder("TRUE");
        List<Object> args = new ArrayList<>();
        if (q.project() != null) {
            w.append(" AND r.project = ?");
            args.add(q.project());
        }
        if (!q.statuses().isEmpty()) {
            w.append(" AND r.status IN (").append(placeholders(q.statuses().size())).append(')');
            q.statuses().stream().map(RunStatus::wire).sorted().forEach(args::add);
        }
        for (String tag : q.tags()) {
            w.append(" AND EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = ?)");
            args.add(tag);
        }
        for (Map.Entry<String, String> p : q.params().entrySet()) {
            w.append(" AND EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.param_key = ?"
                    + " AND p.value_text = ?)");
            args.add(p.getKey());
            args.add(p.getValue());
        }
        for (RunQuery.MetricFilter f : q.metricFilters()) {
            // the operator was validated by MetricFilter: one of < <= > >= = !=
            w.append(" AND EXISTS (SELECT 1 FROM series m WHERE m.run_id = r.id AND m.metric_key = ?"
                    + " AND m.last_value ").append(f.op()).append(" ?)");
            args.add(f.key());
            args.add(f.value());
        }
        if (q.nameContains() != null) {
            w.append(" AND strpos(lower(r.name), ?) > 0");
            args.add(q.nameContains().toLowerCase(Locale.ROOT));
        }
        return new DuckDbRunQuery(w.toString(), args, sort, q);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    String countSql() {
        return "SELECT count(*) FROM runs r WHERE " + where;
    }

    String pageSql() {
        String join = sort.byMetric() ? " LEFT JOIN series s ON s.run_id = r.id AND s.metric_key = ?" : "";
        String column = sort.byMetric() ? "s.last_value" : "r." + sort.attribute();
        return "SELECT " + DuckDbRunRows.COLUMNS + " FROM runs r" + join + " WHERE " + where + " ORDER BY " + column
                + (query.descending() ? " DESC" : " ASC") + " NULLS LAST, r.id LIMIT " + query.limit() + " OFFSET "
                + query.offset();
    }

    List<Object> pageArgs() {
        List<Object> args = new ArrayList<>();
        if (sort.byMetric()) {
            args.add(sort.metricKey());
        }
        args.addAll(filterArgs);
        return args;
    }
}
