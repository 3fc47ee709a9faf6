package dev.observatory.server.ui;

import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query string of {@code /ui/data/runs}: {@code project} (required), {@code status} and {@code tag} (comma
 * separated), {@code param=<path>=<value>} and {@code metric=<key><op><number>} (repeated), {@code q} (name contains),
 * {@code sort} (name, status, created_at, started_at, ended_at, user, duration, param:<path>, metric:<key>),
 * {@code order} (asc, desc), {@code page} (from 1), {@code size} (1..200), {@code params} and {@code metrics} (the
 * columns to return, comma separated) and {@code columns=1} (also return the candidate columns).
 */
record RunsRequest(String project, Set<RunStatus> statuses, List<String> tags, Map<String, String> params,
        List<RunQuery.MetricFilter> metricFilters, String nameContains, String sort, boolean descending, int page,
        int size, List<String> paramColumns, List<String> metricColumns, boolean columns) {

    static final Set<String> STORE_SORTS = Set.of("created_at", "started_at", "ended_at", "name", "status");
    static final Set<String> MEMORY_SORTS = Set.of("user", "duration");
    private static final Set<String> KNOWN = Set.of("project", "status", "tag", "param", "metric", "q", "sort", "order",
            "page", "size", "params", "metrics", "columns");

    static RunsRequest parse(HttpServletRequest req) {
        for (String name : req.getParameterMap().keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter '" + name + "': use one of " + KNOWN);
            }
        }
        String project = req.getParameter("project");
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("query parameter 'project' is required");
        }
        Set<RunStatus> statuses = new LinkedHashSet<>();
        csv(req.getParameter("status")).forEach(s -> statuses.add(RunStatus.parse(s)));
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : values(req, "param")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "param filter must look like <path>=<value>, e.g." + " optimizer.lr=0.0001, got '" + p + "'");
            }
            params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        List<RunQuery.MetricFilter> metrics = new ArrayList<>();
        values(req, "metric").forEach(m -> metrics.add(metricFilter(m)));
        String sort = req.getParameter("sort") == null ? "created_at" : req.getParameter("sort").trim();
        if (!STORE_SORTS.contains(sort) && !MEMORY_SORTS.contains(sort) && !sortsByPath(sort, "param:")
                && !sortsByPath(sort, "metric:")) {
            throw new IllegalArgumentException("sort must be one of name, status, created_at, started_at, ended_at,"
                    + " user, duration, param:<path> or metric:<key>, got '" + sort + "'");
        }
        String order = req.getParameter("order") == null ? "desc" : req.getParameter("order").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order must be asc or desc, got '" + order + "'");
        }
        String q = req.getParameter("q");
        return new RunsRequest(project.trim(), statuses, csv(req.getParameter("tag")), params, metrics,
                q == null || q.isBlank() ? null : q.trim(), sort, order.equals("desc"),
                intValue(req, "page", 1, 1, 1_000_000), intValue(req, "size", 50, 1, 200),
                csv(req.getParameter("params")), csv(req.getParameter("metrics")),
                "1".equals(req.getParameter("columns")));
    }

    /** True when the store can sort and filter this by itself (no nested params, no in-memory sort). */
    boolean storeCanAnswer() {
        return (STORE_SORTS.contains(sort) || sort.startsWith("metric:"))
                && params.keySet().stream().noneMatch(k -> k.contains("."));
    }

    /** The store query for the filters it understands (top-level params), sorted as asked when it can. */
    RunQuery storeQuery(int limit, long offset) {
        Map<String, String> topLevel = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!k.contains(".")) {
                topLevel.put(k, v);
            }
        });
        String storeSort = STORE_SORTS.contains(sort) || sort.startsWith("metric:") ? sort : "created_at";
        return new RunQuery(project, statuses, tags, topLevel, metricFilters, nameContains, storeSort, descending,
                limit, offset);
    }

    private static boolean sortsByPath(String sort, String prefix) {
        return sort.startsWith(prefix) && sort.length() > prefix.length();
    }

    private static List<String> csv(String s) {
        return s == null ? List.of()
                : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).distinct().toList();
    }

    private static List<String> values(HttpServletRequest req, String name) {
        String[] v = req.getParameterValues(name);
        return v == null ? List.of() : Arrays.stream(v).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static int intValue(HttpServletRequest req, String name, int dflt, int min, int max) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                name + " must be an integer between " + min + " and " + max + ", got '" + v + "'");
    }

    /** Parses {@code eval/loss<0.5}, {@code acc>=0.9} ({@code ==} reads as {@code =}). */
    static RunQuery.MetricFilter metricFilter(String s) {
        int i = 0;
        while (i < s.length() && "<>=!".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String key = s.substring(0, i).trim();
        if (key.isEmpty() || i == s.length()) {
            throw new IllegalArgumentException("metric filter must look like <key><op><number> with op one of"
                    + " < <= > >= = != (for example eval/loss<0.5), got '" + s + "'");
        }
        String rest = s.substring(i);
        String op = rest.startsWith("<=") || rest.startsWith(">=") || rest.startsWith("!=") || rest.startsWith("==")
                ? rest.substring(0, 2)
                : rest.substring(0, 1);
        String number = rest.substring(op.length()).trim();
        try {
            return new RunQuery.MetricFilter(key, op.equals("==") ? "=" : op, Double.parseDouble(number));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "metric filter '" + s + "' must compare with a number, got '" + number + "'");
        }
    }
}
