package dev.observatory.server.http;

import dev.observatory.core.RunListRequest;
import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates the query string of {@code GET /api/v1/runs} into a {@link RunListRequest}:
 * {@code project, status (csv), tag (repeated), param.<name>=<value>, metric=<key><op><number> (repeated; op one of
 * < <= > >= = !=), q (name substring), sort (created_at, started_at, ended_at, name, status or metric:<key>),
 * order (asc|desc), limit (1..1000, default 50), cursor, metrics (csv of keys whose latest summaries to include)}.
 */
final class RunListQuery {
    static final Set<String> SORT_ATTRIBUTES = Set.of("created_at", "started_at", "ended_at", "name", "status");
    private static final Set<String> PARAMS = Set.of("project", "status", "tag", "metric", "q", "sort", "order",
            "limit", "cursor", "metrics");

    private RunListQuery() {
    }

    static RunListRequest parse(QueryParams q) {
        q.expect(PARAMS, "param.");
        Set<RunStatus> statuses = new LinkedHashSet<>();
        q.csv("status").forEach(s -> statuses.add(RunStatus.parse(s)));
        List<RunQuery.MetricFilter> filters = new ArrayList<>();
        q.all("metric").forEach(m -> filters.add(metricFilter(m)));
        String sort = q.get("sort") == null ? "created_at" : q.get("sort").trim();
        if (!SORT_ATTRIBUTES.contains(sort) && !(sort.startsWith("metric:") && sort.length() > 7)) {
            throw HttpError.badRequest("sort must be one of created_at, started_at, ended_at, name, status or"
                    + " metric:<key>, got '" + sort + "'");
        }
        String order = q.get("order") == null ? "desc" : q.get("order").trim().toLowerCase(java.util.Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw HttpError.badRequest("order must be asc or desc, got '" + order + "'");
        }
        int limit = q.intValue("limit", 50, 1, 1000);
        RunQuery query = new RunQuery(q.get("project"), statuses, q.all("tag"), q.withPrefix("param."), filters,
                q.get("q"), sort, order.equals("desc"), limit, 0);
        return new RunListRequest(query, q.csv("metrics"), q.get("cursor"), limit);
    }

    /** Parses {@code loss<0.5}, {@code val/acc>=0.9}, {@code epoch=3} ({@code ==} is read as {@code =}). */
    static RunQuery.MetricFilter metricFilter(String s) {
        int i = 0;
        while (i < s.length() && "<>=!".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String key = s.substring(0, i).trim();
        if (key.isEmpty() || i == s.length()) {
            throw HttpError.badRequest("metric filter must look like <key><op><number> with op one of"
                    + " < <= > >= = != (for example loss<0.5), got '" + s + "'");
        }
        String rest = s.substring(i);
        String op;
        int length = 2;
        if (rest.startsWith("<=") || rest.startsWith(">=") || rest.startsWith("!=")) {
            op = rest.substring(0, 2);
        } else if (rest.startsWith("==")) {
            op = "=";
        } else if (rest.startsWith("!")) {
            throw HttpError.badRequest("metric filter operator must be one of < <= > >= = !=, got '!' in '" + s + "'");
        } else {
            op = rest.substring(0, 1);
            length = 1;
        }
        String number = rest.substring(length).trim();
        try {
            return new RunQuery.MetricFilter(key, op, Double.parseDouble(number));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("metric filter '" + s + "' must compare with a number, got '" + number + "'");
        }
    }
}
