package dev.observatory.server.ui;

import dev.observatory.core.Tracking;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /ui/data/runs}: a page of a project's runs table (see {@link RunsRequest} for the query). Answers
 * {@code {total, page, size, runs: [...], columns?}}; each run carries its flattened params limited to the requested
 * paths and {@code metrics: {key: {last, last_step}}}. Errors are the REST API's JSON errors.
 */
final class DataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final long COLUMNS_TTL_SECONDS = 30;
    private final transient Tracking tracking;
    private final transient RunsTable table;
    private final transient SectionData sections;
    private final transient Map<String, CachedColumns> columnCache = new java.util.concurrent.ConcurrentHashMap<>();

    DataServlet(Tracking tracking) {
        this.tracking = tracking;
        this.table = new RunsTable(tracking);
        this.sections = new SectionData(tracking);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (SectionData.handles(req.getPathInfo())) {
            send(resp, sections.answer(req));
            return;
        }
        if (!"/data/runs".equals(req.getPathInfo())) {
            throw new dev.observatory.store.NotFoundException(
                    "no UI data at " + req.getRequestURI() + ": the runs table reads /ui/data/runs, the trace pages"
                            + " /ui/data/traces and the SLO page /ui/data/slos");
        }
        RunsRequest r = RunsRequest.parse(req);
        Columns columns = r.columns() ? columns(r.project()) : null;
        List<String> paramColumns = columns != null && req.getParameter("params") == null ? columns.defaultParams()
                : r.paramColumns();
        List<String> metricColumns = columns != null && req.getParameter("metrics") == null ? columns.defaultMetrics()
                : r.metricColumns();
        RunsRequest effective = new RunsRequest(r.project(), r.statuses(), r.tags(), r.params(), r.metricFilters(),
                r.nameContains(), r.sort(), r.descending(), r.page(), r.size(), paramColumns, metricColumns, false);
        RunsTable.Page page = table.page(effective);
        Instant now = tracking.clock().instant();
        List<Map<String, Object>> rows = new ArrayList<>(page.runs().size());
        for (Run run : page.runs()) {
            rows.add(row(run, paramColumns, page.metrics().getOrDefault(run.id(), Map.of()), now));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("page", r.page());
        out.put("size", r.size());
        out.put("sort", r.sort());
        out.put("order", r.descending() ? "desc" : "asc");
        out.put("param_columns", paramColumns);
        out.put("metric_columns", metricColumns);
        out.put("runs", rows);
        if (columns != null) {
            out.put("columns", columns.toMap());
        }
        send(resp, out);
    }

    private static void send(HttpServletResponse resp, Map<String, Object> out) throws IOException {
        Html.securityHeaders(resp);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json");
        byte[] bytes = JSON.writeValueAsBytes(out);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The project's candidate columns, computed at most once per {@value #COLUMNS_TTL_SECONDS} s. */
    private Columns columns(String project) {
        tracking.getProject(project);
        long now = System.nanoTime();
        CachedColumns c = columnCache.get(project);
        if (c == null || now - c.at() > COLUMNS_TTL_SECONDS * 1_000_000_000L) {
            if (columnCache.size() > 1000) {
                columnCache.clear();
            }
            c = new CachedColumns(Columns.of(tracking, project), now);
            columnCache.put(project, c);
        }
        return c.columns();
    }

    private record CachedColumns(Columns columns, long at) {
    }

    private static Map<String, Object> row(Run run, List<String> paramColumns, Map<String, MetricSummary> summaries,
            Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("name", run.name());
        m.put("status", run.status().wire());
        m.put("user", run.user());
        m.put("tags", run.tags());
        m.put("created_at", text(run.createdAt()));
        m.put("started_at", text(run.startedAt()));
        m.put("ended_at", text(run.endedAt()));
        m.put("duration_ms", RunsTable.durationMs(run, now));
        Map<String, Object> flat = Params.flatten(run.params());
        Map<String, Object> params = new LinkedHashMap<>();
        for (String p : paramColumns) {
            if (flat.containsKey(p)) {
                params.put(p, flat.get(p));
            }
        }
        m.put("params", params);
        Map<String, Object> metrics = new LinkedHashMap<>();
        summaries.forEach((k, s) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("last", Double.isFinite(s.last()) ? s.last() : String.valueOf(s.last()));
            v.put("last_step", s.lastStep());
            metrics.put(k, v);
        });
        m.put("metrics", metrics);
        return m;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
