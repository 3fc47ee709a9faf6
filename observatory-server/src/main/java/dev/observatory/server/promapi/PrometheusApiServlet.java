package dev.observatory.server.promapi;

import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.StoreException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoints of {@link PrometheusApi}. Parameters come from the query string or a form body (POST); bad input is
 * answered 400 {@code bad_data}, an unknown endpoint 404, a failing store 503 {@code unavailable}, as Prometheus does.
 */
final class PrometheusApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LABEL_VALUES = Pattern.compile("/label/([^/]+)/values");
    /** The Prometheus API version whose answers these imitate (reported by buildinfo). */
    static final String API_VERSION = "2.45.0";

    private final transient Supplier<OpsMetrics> metrics;
    private final transient LongSupplier nowMs;
    private final String version;

    PrometheusApiServlet(Supplier<OpsMetrics> metrics, LongSupplier nowMs, String version) {
        this.metrics = metrics;
        this.nowMs = nowMs;
        this.version = version;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            if (!req.getMethod().equals("GET") && !req.getMethod().equals("POST") && !req.getMethod().equals("HEAD")) {
                resp.setHeader("Allow", "GET, POST");
                throw new PromError(405, "bad_data", "the query API takes GET or POST, not " + req.getMethod());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "success");
            body.put("data", dispatch(req));
            send(resp, 200, body);
        } catch (PromError e) {
            error(resp, e.status, e.type, e.getMessage());
        } catch (StoreException e) {
            error(resp, 503, "unavailable", "the metric store is unavailable: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            error(resp, 400, "bad_data", e.getMessage());
        }
    }

    private Object dispatch(HttpServletRequest req) {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/query":
                return query(req);
            case "/query_range":
                return queryRange(req);
            case "/series":
                return series(req);
            case "/labels":
                return labels(req);
            case "/status/buildinfo":
                return buildInfo();
            case "/metadata":
                return Map.of();
            default:
                Matcher m = LABEL_VALUES.matcher(path);
                if (m.matches()) {
                    return labelValues(req, m.group(1));
                }
                throw new PromError(404, "not_found", "no endpoint " + PrometheusApi.PREFIX + path + ": this API has"
                        + " query, query_range, series, labels, label/<name>/values, metadata and status/buildinfo");
        }
    }

    private Map<String, Object> query(HttpServletRequest req) {
        String q = required(req, "query");
        String time = req.getParameter("time");
        long t = time == null || time.isBlank() ? nowMs.getAsLong() : PromParams.timeMs("time", time);
        return PromJson.instant(metrics.get().query(q, t, t, 1), t);
    }

    private Map<String, Object> queryRange(HttpServletRequest req) {
        String q = required(req, "query");
        long start = PromParams.timeMs("start", required(req, "start"));
        long end = PromParams.timeMs("end", required(req, "end"));
        long step = PromParams.durationMs("step", required(req, "step"));
        if (end < start) {
            throw PromError.badData("end timestamp must not be before start time");
        }
        if (step <= 0) {
            throw PromError
                    .badData("zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        QueryResult r = metrics.get().query(q, start, end, step);
        return PromJson.matrix(r);
    }

    private List<Map<String, String>> series(HttpServletRequest req) {
        String[] match = req.getParameterValues("match[]");
        if (match == null || match.length == 0) {
            throw PromError.badData("no match[] parameter provided");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (OpsSeries s : matching(match)) {
            out.add(PromJson.labels(s));
        }
        return limited(req, out);
    }

    private List<String> labels(HttpServletRequest req) {
        TreeSet<String> names = new TreeSet<>();
        for (OpsSeries s : matching(req.getParameterValues("match[]"))) {
            names.add("__name__");
            names.addAll(s.labels().keySet());
        }
        return limited(req, new ArrayList<>(names));
    }

    private List<String> labelValues(HttpServletRequest req, String label) {
        String[] match = req.getParameterValues("match[]");
        if (label.equals("__name__") && (match == null || match.length == 0)) {
            return limited(req, metrics.get().names(null));
        }
        TreeSet<String> values = new TreeSet<>();
        for (OpsSeries s : matching(match)) {
            String v = label.equals("__name__") ? s.name() : s.label(label);
            if (v != null) {
                values.add(v);
            }
        }
        return limited(req, new ArrayList<>(values));
    }

    /** The series of the selectors (each once), or every series without selectors. */
    private List<OpsSeries> matching(String[] match) {
        OpsMetrics m = metrics.get();
        Map<Long, OpsSeries> out = new LinkedHashMap<>();
        if (match == null || match.length == 0) {
            for (String name : m.names(null)) {
                m.series(name).forEach(s -> out.putIfAbsent(s.id(), s));
            }
        } else {
            for (String selector : match) {
                m.select(selector).forEach(s -> out.putIfAbsent(s.id(), s));
            }
        }
        List<OpsSeries> list = new ArrayList<>(out.values());
        list.sort(java.util.Comparator.comparing(OpsSeries::toString));
        return list;
    }

    private Map<String, Object> buildInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", API_VERSION);
        m.put("revision", "observatory-" + version);
        m.put("branch", "");
        m.put("buildUser", "observatory");
        m.put("buildDate", "");
        m.put("goVersion", "none");
        m.put("application", "observatory");
        return m;
    }

    private static <T> List<T> limited(HttpServletRequest req, List<T> all) {
        String limit = req.getParameter("limit");
        if (limit == null || limit.isBlank()) {
            return all;
        }
        int n;
        try {
            n = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw PromError.badData("invalid parameter \"limit\": cannot parse \"" + limit + "\" to a number");
        }
        if (n < 0) {
            throw PromError.badData("invalid parameter \"limit\": limit must be non-negative");
        }
        return n == 0 || n >= all.size() ? all : all.subList(0, n);
    }

    private static String required(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            throw PromError.badData("invalid parameter \"" + name + "\": it is missing or empty");
        }
        return v;
    }

    private static void error(HttpServletResponse resp, int status, String type, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorType", type);
        body.put("error", message == null ? type : message);
        send(resp, status, body);
    }

    private static void send(HttpServletResponse resp, int status, Object body) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
