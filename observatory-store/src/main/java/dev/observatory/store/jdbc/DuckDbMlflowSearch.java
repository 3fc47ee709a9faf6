package dev.observatory.store.jdbc;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.store.MlflowSearchRow;
import dev.observatory.store.MlflowSearchRow.LatestMetric;
import dev.observatory.store.RunQuery;
import dev.observatory.store.internal.RunSort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An MLflow run search page in at most two statements: the runs query ({@link DuckDbRunQuery}'s filters and order, the
 * view's deleted label pushed down), then, for the runs whose metric summaries or MLflow side tags are not in the read
 * caches, both read together as flat rows of one {@code UNION ALL} (and cached). A repeated search costs the runs query
 * alone; a cold one two statements instead of the runs query plus separate summary and tag reads. (One statement
 * returning everything measured slower: as lists of structs per run, and as a union with the page's run rows
 * materialised in a CTE.)
 */
final class DuckDbMlflowSearch {

    static final int MAX_LIMIT = 50_001;
    /** The previous runs query (a LEFT JOIN for the order and an EXISTS per metric filter): for A/B measurements. */
    static volatile boolean separateSortJoin = Boolean.getBoolean("observatory.mlflow.separateSortJoin");
    private static final int IDS_PER_QUERY = 500;

    private DuckDbMlflowSearch() {
    }

    private static RunQuery without(RunQuery q, List<RunQuery.MetricFilter> filters) {
        List<RunQuery.MetricFilter> rest = q.metricFilters().stream().filter(f -> !filters.contains(f)).toList();
        return new RunQuery(q.project(), q.statuses(), q.tags(), q.params(), rest, q.nameContains(), q.sort(),
                q.descending(), q.limit(), q.offset());
    }

    /** The statement and its arguments. */
    record Statement(String sql, List<Object> args) {
    }

    static Statement page(RunQuery query, String excludedTag, long offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("a search page needs 1 <= limit <= " + MAX_LIMIT
                    + " and offset >= 0, got " + limit + ", " + offset);
        }
        RunSort sort = RunSort.parse(query.sort());
        List<RunQuery.MetricFilter> onSortKey = sort.byMetric() && !separateSortJoin
                ? query.metricFilters().stream().filter(f -> f.key().equals(sort.metricKey())).toList()
                : List.of();
        DuckDbRunQuery q = DuckDbRunQuery.of(onSortKey.isEmpty() ? query : without(query, onSortKey));
        String key = sort.byMetric() ? "s.last_value" : "r." + sort.attribute();
        StringBuilder join = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (sort.byMetric()) {
            // runs without the metric sort last (LEFT JOIN), unless a filter on that metric needs it anyway: then its
            // thresholds go into an inner join (one scan of series instead of the join and an EXISTS per filter)
            join.append(onSortKey.isEmpty() ? " LEFT" : "").append(" JOIN series s ON s.run_id = r.id")
                    .append(" AND s.metric_key = ?");
            args.add(sort.metricKey());
            for (RunQuery.MetricFilter f : onSortKey) {
                // the operator was validated by MetricFilter: one of < <= > >= = !=
                join.append(" AND s.last_value ").append(f.op()).append(" ?");
                args.add(f.value());
            }
        }
        args.addAll(q.filterArgs());
        String excluded = "";
        if (excludedTag != null) {
            excluded = " AND NOT EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = r.id AND x.tag = ?)";
            args.add(excludedTag);
        }
        String sql = "SELECT " + DuckDbRunRows.COLUMNS + " FROM runs r" + join + " WHERE " + q.where() + excluded
                + " ORDER BY " + key + (query.descending() ? " DESC" : " ASC") + " NULLS LAST, r.id LIMIT " + limit
                + " OFFSET " + offset;
        return new Statement(sql, args);
    }

    /**
     * Metric summaries (kind 1) and side tags (kind 2) of some runs, as one statement. The ids go in as one text split
     * in SQL (run ids are hex): a join on them costs less than two {@code IN} lists of 100 parameters.
     */
    static Statement details(List<String> ids) {
        String sql = "WITH ids AS (SELECT unnest(string_split(?, ',')) AS id) SELECT series_id, metric_key, "
                + DuckDbSeriesCache.SUMMARY_COLUMNS + ", 1 AS kind, run_id, NULL::VARCHAR AS tag_value FROM series "
                + "JOIN ids ON run_id = ids.id UNION ALL SELECT NULL, tag_key, "
                + String.join(", ", Collections.nCopies(11, "NULL")) + ", 2, run_id, tag_value FROM mlflow_run_tags "
                + "JOIN ids ON run_id = ids.id ORDER BY kind, run_id, metric_key";
        for (String id : ids) {
            if (id.indexOf(',') >= 0) {
                throw new IllegalArgumentException("a run id cannot hold ',': " + id);
            }
        }
        return new Statement(sql, List.of(String.join(",", ids)));
    }

    /** One row of {@link #details}: a summary, or a tag (key in {@code summary.key()}'s place). */
    record Detail(String runId, MetricSummary summary, String tagKey, String tagValue) {
    }

    static Detail detail(ResultSet rs) throws SQLException {
        String runId = rs.getString(15);
        return rs.getInt(14) == 1 ? new Detail(runId, DuckDbSeriesCache.summaryRow(rs).summary(), null, null)
                : new Detail(runId, null, rs.getString(2), rs.getString(16));
    }

    static List<List<String>> groups(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            out.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
        }
        return out;
    }

    /** Sorts loaded details into summaries per run (in the statement's key order) and tags per run. */
    static void collect(List<Detail> rows, Map<String, List<MetricSummary>> sums,
            Map<String, Map<String, String>> tags) {
        for (Detail d : rows) {
            if (d.summary() != null) {
                sums.computeIfAbsent(d.runId(), k -> new ArrayList<>()).add(d.summary());
            } else {
                tags.computeIfAbsent(d.runId(), k -> new TreeMap<>()).put(d.tagKey(), d.tagValue());
            }
        }
    }

    static MlflowSearchRow row(Run run, List<MetricSummary> summaries, Map<String, String> tags) {
        List<LatestMetric> latest = new ArrayList<>(summaries.size());
        for (MetricSummary m : summaries) {
            latest.add(new LatestMetric(m.key(), m.last(), m.lastTimestampMs(), m.lastStep()));
        }
        return new MlflowSearchRow(run, tags == null ? Map.of() : tags, latest);
    }

    static Map<String, List<MetricSummary>> frozen(List<String> ids, Map<String, List<MetricSummary>> loaded) {
        Map<String, List<MetricSummary>> out = new HashMap<>();
        for (String id : ids) {
            out.put(id, List.copyOf(loaded.getOrDefault(id, List.of())));
        }
        return out;
    }
}
