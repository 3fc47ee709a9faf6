package dev.observatory.server.ui;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.trace.Traces;
import dev.observatory.store.NotFoundException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The pages of the sections beyond runs: {@code /models} and {@code /models/{name}}, {@code /jobs} and
 * {@code /jobs/{id}}, {@code /traces} and {@code /traces/{id}}, {@code /slos}, and {@code /artifacts} (storage usage,
 * {@code ?run=<id>} a run's artifacts) and {@code /artifacts/{id}}. Shells like the run pages: with API keys off a bad
 * id answers a real 404 page that says where to look; with keys on nothing is looked up before the browser presents a
 * key.
 */
final class SectionPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The first path segments this servlet serves. */
    static final Set<String> SECTIONS = Set.of("models", "jobs", "traces", "slos", "artifacts");
    private static final String LOADING = "<p class=\"loading\" role=\"status\">Loading…</p>";
    private final transient Tracking tracking;
    private final transient BooleanSupplier authEnabled;

    SectionPages(Tracking tracking, BooleanSupplier authEnabled) {
        this.tracking = tracking;
        this.authEnabled = authEnabled;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        String section = path.substring(1).split("/", 2)[0];
        String rest = req.getPathInfo() == null || req.getPathInfo().length() <= 1 ? ""
                : req.getPathInfo().substring(1);
        switch (section) {
            case "models" -> {
                if (rest.isEmpty()) {
                    list(resp, "Models", "models", "models.js");
                } else {
                    model(resp, rest);
                }
            }
            case "jobs" -> {
                if (rest.isEmpty()) {
                    list(resp, "Jobs", "jobs", "jobs.js");
                } else {
                    job(resp, rest);
                }
            }
            case "traces" -> {
                if (rest.isEmpty()) {
                    list(resp, "Traces", "traces", "traces.js");
                } else {
                    trace(resp, rest);
                }
            }
            case "slos" -> {
                if (rest.isEmpty()) {
                    list(resp, "SLOs and alerts", "slos", "slos.js");
                } else {
                    notFound(resp, "An SLO page looks like /slos.", "slos");
                }
            }
            case "artifacts" -> {
                if (rest.isEmpty()) {
                    list(resp, "Artifacts", "artifacts", "artifacts.js");
                } else {
                    artifact(resp, rest);
                }
            }
            default -> notFound(resp, "There is no page at this address.", "models");
        }
    }

    private static void list(HttpServletResponse resp, String title, String page, String script) throws IOException {
        Html.send(resp, 200, Html.page(title, page, Map.of(), List.of("app.js", "pages.js", script), LOADING));
    }

    private void model(HttpServletResponse resp, String name) throws IOException {
        if (!authEnabled.getAsBoolean() && !exists(() -> new Registry(tracking).getModel(name))) {
            notFound(resp, "There is no registered model named “" + name + "”.", "models");
            return;
        }
        Html.send(resp, 200, Html.page("Model " + name, "model", Map.of("model", name),
                List.of("app.js", "pages.js", "models.js"), LOADING));
    }

    private void job(HttpServletResponse resp, String id) throws IOException {
        if (id.contains("/") || !authEnabled.getAsBoolean() && !exists(() -> new Jobs(tracking).get(id))) {
            notFound(resp, "There is no job with id “" + id + "”.", "jobs");
            return;
        }
        Html.send(resp, 200,
                Html.page("Job " + id, "job", Map.of("job", id), List.of("app.js", "pages.js", "jobs.js"), LOADING));
    }

    private void trace(HttpServletResponse resp, String id) throws IOException {
        if (id.contains("/")
                || !authEnabled.getAsBoolean() && !exists(() -> new Traces(tracking).getTrace(id, Set.of()))) {
            notFound(resp, "There is no trace with id “" + id + "”.", "traces");
            return;
        }
        Html.send(resp, 200, Html.page("Trace " + id, "trace", Map.of("trace", id),
                List.of("app.js", "pages.js", "traces.js"), LOADING));
    }

    private void artifact(HttpServletResponse resp, String id) throws IOException {
        if (id.contains("/") || !authEnabled.getAsBoolean() && !exists(() -> new Artifacts(tracking).get(id))) {
            notFound(resp, "There is no artifact with id “" + id + "”.", "artifacts");
            return;
        }
        Html.send(resp, 200, Html.page("Artifact " + id, "artifact", Map.of("artifact", id),
                List.of("app.js", "pages.js", "artifact.js", "artifacts.js"), LOADING));
    }

    private static boolean exists(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (NotFoundException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The helpful 404 of a section: what was not found and where the existing ones are listed. */
    private static void notFound(HttpServletResponse resp, String what, String section) throws IOException {
        String hint = switch (section) {
            case "models" -> "<li><a href=\"/models\">Models</a> lists every registered model; the MCP tool"
                    + " <code>list_models</code> and <code>GET /api/v1/models</code> show their names.</li>";
            case "jobs" -> "<li><a href=\"/jobs\">Jobs</a> lists every training job; job ids are 16-character codes"
                    + " that <code>list_jobs</code> and <code>GET /api/v1/jobs</code> show.</li>";
            case "traces" -> "<li><a href=\"/traces\">Traces</a> lists recent traces; trace ids are 32 hex"
                    + " characters. Old traces are removed after the trace retention period.</li>";
            case "artifacts" -> "<li><a href=\"/artifacts\">Artifacts</a> shows storage by project and run; a run's"
                    + " artifacts list links to each one. The MCP tool <code>list_artifacts</code> shows their ids.</li>";
            default -> "<li><a href=\"/slos\">SLOs and alerts</a> shows every SLO and the firing alerts.</li>";
        };
        String body = "<section class=\"not-found\" aria-labelledby=\"nf-title\"><h1 id=\"nf-title\">Not found</h1>"
                + "<p class=\"lead\">" + Html.escape(what) + "</p><p>It may have been mistyped, or the data was"
                + " recorded in another Observatory instance or data directory.</p><ul>" + hint
                + "<li><a href=\"/\">All projects</a> lists every project and its runs.</li></ul></section>";
        Html.send(resp, 404, Html.page("Not found", "not-found", Map.of(), List.of("app.js"), body));
    }
}
