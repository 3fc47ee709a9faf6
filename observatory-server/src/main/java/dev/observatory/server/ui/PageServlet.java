package dev.observatory.server.ui;

import dev.observatory.core.Tracking;
import dev.observatory.store.NotFoundException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The HTML pages. Each is a shell whose script loads the data; when API keys are off the servlet first checks that the
 * project or runs exist, so that a bad link answers a real 404 with a page that says what to do.
 */
final class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String LOADING = "<p class=\"loading\" role=\"status\">Loading…</p>";
    private final transient Tracking tracking;
    private final transient BooleanSupplier authEnabled;

    PageServlet(Tracking tracking, BooleanSupplier authEnabled) {
        this.tracking = tracking;
        this.authEnabled = authEnabled;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        String rest = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.equals("/")) {
            Html.send(resp, 200, Html.page("Projects", "home", Map.of(), List.of("app.js", "runs.js"), LOADING));
        } else if (path.startsWith("/projects/")) {
            project(resp, rest.length() > 1 ? rest.substring(1) : "");
        } else if (path.startsWith("/runs/")) {
            run(req, resp, rest.length() > 1 ? rest.substring(1) : "");
        } else if (path.equals("/compare")) {
            compare(req, resp);
        } else {
            notFound(resp, "There is no page at this address.");
        }
    }

    private void project(HttpServletResponse resp, String name) throws IOException {
        if (name.isEmpty() || name.contains("/")) {
            notFound(resp, "A project page looks like /projects/<name>.");
            return;
        }
        if (!authEnabled.getAsBoolean()) {
            try {
                tracking.getProject(name);
            } catch (NotFoundException | IllegalArgumentException e) {
                notFound(resp, "There is no project named “" + name + "”.");
                return;
            }
        }
        Html.send(resp, 200,
                Html.page(name, "project", Map.of("project", name), List.of("app.js", "runs.js"), LOADING));
    }

    private void run(HttpServletRequest req, HttpServletResponse resp, String rest) throws IOException {
        String id = rest.endsWith("/logs") ? rest.substring(0, rest.length() - 5) : rest;
        if (id.isEmpty() || id.contains("/")) {
            notFound(resp, "A run page looks like /runs/<id> or /runs/<id>/logs.");
            return;
        }
        if (!authEnabled.getAsBoolean()) {
            try {
                tracking.getRun(id);
            } catch (NotFoundException | IllegalArgumentException e) {
                notFound(resp, "There is no run with id “" + id + "”.");
                return;
            }
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("run", id);
        data.put("focus", rest.endsWith("/logs") ? "logs" : "");
        String metric = req.getParameter("metric");
        data.put("metric", metric == null ? "" : metric);
        Html.send(resp, 200, Html.page("Run " + id, "run", data,
                List.of("vendor/echarts.min.js", "app.js", "charts.js", "run.js"), LOADING));
    }

    private void compare(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String runs = req.getParameter("runs");
        List<String> ids = runs == null ? List.of()
                : Arrays.stream(runs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (ids.size() < 2 || ids.size() > 10) {
            notFound(resp, "Compare needs 2 to 10 run ids: /compare?runs=<id>,<id>. Select runs in a project's"
                    + " runs table and press Compare.");
            return;
        }
        if (!authEnabled.getAsBoolean()) {
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                try {
                    tracking.getRun(id);
                } catch (NotFoundException | IllegalArgumentException e) {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                notFound(resp, "No run with id " + String.join(", ", missing) + ".");
                return;
            }
        }
        Html.send(resp, 200, Html.page("Compare", "compare", Map.of("runs", String.join(",", ids)),
                List.of("vendor/echarts.min.js", "app.js", "charts.js", "compare.js"), LOADING));
    }

    /** The helpful 404: what was wrong and where to go from here. */
    private static void notFound(HttpServletResponse resp, String what) throws IOException {
        String body = "<section class=\"not-found\" aria-labelledby=\"nf-title\"><h1 id=\"nf-title\">Not found</h1>"
                + "<p class=\"lead\">" + Html.escape(what) + "</p><p>It may have been mistyped, or the data was"
                + " recorded in another Observatory instance or data directory.</p><ul>"
                + "<li><a href=\"/\">All projects</a> lists every project and its runs.</li>"
                + "<li>Run ids are 16-character codes; the runs table and the MCP tools"
                + " <code>list_runs</code> and <code>search</code> show them.</li></ul></section>";
        Html.send(resp, 404, Html.page("Not found", "not-found", Map.of(), List.of("app.js"), body));
    }
}
