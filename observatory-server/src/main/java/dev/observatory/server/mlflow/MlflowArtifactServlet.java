package dev.observatory.server.mlflow;

import dev.observatory.core.Actor;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.Upload;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.server.http.HttpServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * MLflow's artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts}), which MLflow clients use for a run whose
 * artifact_uri is {@code mlflow-artifacts:/EXPERIMENT/RUN/artifacts}: PUT of a file path uploads it (replacing a file
 * at the same path), GET downloads it, DELETE deletes it, and GET with {@code ?path=EXPERIMENT/RUN/artifacts/DIR} lists
 * a directory. The files are the run's Observatory artifacts in the blob store, so they show on every surface (REST,
 * MCP, UI) too.
 */
final class MlflowArtifactServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "/artifacts";

    private final transient MlflowRuns runs;
    private final transient Artifacts artifacts;

    MlflowArtifactServlet(MlflowRuns runs, Artifacts artifacts) {
        this.runs = runs;
        this.artifacts = artifacts;
    }

    /** A file (or directory) of a run, from a proxy path {@code <experiment id>/<run id>/artifacts[/<path>]}. */
    record Location(Run run, String path) {
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            String info = req.getPathInfo() == null ? "" : req.getPathInfo();
            if (!info.equals(ROOT) && !info.startsWith(ROOT + "/")) {
                throw new MlflowException("ENDPOINT_NOT_FOUND", 404, "No MLflow artifact endpoint '" + info
                        + "': use /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>");
            }
            String rest = ArtifactListing.trimSlashes(info.substring(ROOT.length()));
            switch (req.getMethod()) {
                case "GET" -> {
                    if (rest.isEmpty()) {
                        list(req, resp);
                    } else {
                        download(locate(rest, true), resp);
                    }
                }
                case "PUT" -> upload(req, resp, locate(rest, true));
                case "DELETE" -> delete(req, resp, locate(rest, true));
                default -> throw new MlflowException("ENDPOINT_NOT_FOUND", 405, "Method " + req.getMethod()
                        + " is not allowed on the MLflow artifact proxy: use GET, PUT" + " or DELETE");
            }
        } catch (RuntimeException e) {
            MlflowServlet.fail(req, resp, e);
        }
    }

    Location locate(String proxyPath, boolean fileRequired) {
        String[] parts = proxyPath.split("/", 4);
        if (parts.length < 3 || !parts[2].equals("artifacts")) {
            throw MlflowException.invalid("Invalid artifact path '" + proxyPath
                    + "': expected <experiment id>/<run id>/artifacts/<path>, as in the run's artifact_uri");
        }
        Run run = runs.run(parts[1]);
        long experiment = runs.experimentOf(run).id();
        if (!parts[0].equals(Long.toString(experiment))) {
            throw MlflowException.notFound("Run '" + run.id() + "' is not in experiment '" + parts[0] + "'");
        }
        String path = parts.length == 4 ? parts[3] : "";
        if (fileRequired && path.isEmpty()) {
            throw MlflowException.invalid("Invalid artifact path '" + proxyPath + "': name a file under artifacts/");
        }
        return new Location(run, path);
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getParameter("path");
        Location at = locate(ArtifactListing.trimSlashes(path == null ? "" : path), false);
        List<ArtifactListing.FileInfo> files = ArtifactListing.list(artifacts, at.run().id(), at.path(), true);
        resp.setStatus(200);
        resp.setContentType("application/json");
        try (OutputStream out = resp.getOutputStream();
                JsonGenerator g = MlflowJson.generator(out)) {
            g.writeStartObject();
            g.writeArrayPropertyStart("files");
            for (ArtifactListing.FileInfo f : files) {
                Views.fileInfo(g, f);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private void download(Location at, HttpServletResponse resp) throws IOException {
        Artifact a = artifacts.find(at.run().id(), at.path());
        try (InputStream in = artifacts.open(a)) {
            resp.setStatus(200);
            resp.setContentType(a.contentType() == null ? "application/octet-stream" : a.contentType());
            resp.setContentLengthLong(a.size());
            try (OutputStream out = resp.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }

    private void upload(HttpServletRequest req, HttpServletResponse resp, Location at) throws IOException {
        MlflowServlet.checkWriteScope(req);
        runs.requireActive(at.run().id());
        long length = req.getContentLengthLong();
        artifacts.upload(actor(req), new Upload(at.run().id(), at.path(), req.getInputStream(), length, null,
                req.getContentType(), null, null, null, null));
        empty(resp);
    }

    private void delete(HttpServletRequest req, HttpServletResponse resp, Location at) throws IOException {
        MlflowServlet.checkWriteScope(req);
        artifacts.delete(actor(req), artifacts.find(at.run().id(), at.path()).id());
        empty(resp);
    }

    private static void empty(HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.getOutputStream().write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Actor actor(HttpServletRequest req) {
        Object a = req.getAttribute(HttpServer.ACTOR_ATTRIBUTE);
        return a instanceof Actor actor ? new Actor(actor.name(), "mlflow", actor.productionScope())
                : Actor.anonymous("mlflow");
    }
}
